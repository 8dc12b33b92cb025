// Every service area's routes, in the order they are registered.
import type { RegisterRoutes } from './context.ts';
import { signInRoutes } from '../access/routes.ts';
import { apiBasics, apiDocs } from './api-basics.ts';
import { chronologyRoutes } from '../chronology/routes.ts';
import { peopleRoutes } from '../people/routes.ts';
import { myWorkRoutes } from '../my-work/routes.ts';
import { adminRoutes } from '../admin/routes.ts';
import { settingsRoutes } from '../settings/routes.ts';
import { episodeRoutes } from '../episodes/routes.ts';
import { assessmentRoutes } from '../assessment/routes.ts';
import { protectionRoutes } from '../protection/routes.ts';
import { planRoutes } from '../plans/routes.ts';
import { childInNeedRoutes } from '../child-in-need/routes.ts';
import { visitRoutes } from '../visits/routes.ts';
import { oversightRoutes } from '../oversight/routes.ts';
import { proceedingsRoutes } from '../proceedings/routes.ts';
import { frontDoorRoutes } from '../front-door/routes.ts';
import { earlyHelpRoutes } from '../early-help/routes.ts';
import { subjectAccessRoutes } from '../subject-access/routes.ts';
import { lookedAfterRoutes } from '../looked-after/routes.ts';
import { careLeaverRoutes } from '../care-leavers/routes.ts';
import { iroRoutes } from '../iro/routes.ts';
import { healthRoutes } from '../health/routes.ts';
import { offendingRoutes } from '../offending/routes.ts';
import { privateFosteringRoutes } from '../private-fostering/routes.ts';
import { missingRoutes } from '../missing/routes.ts';
import { kinshipRoutes } from '../kinship/routes.ts';
import { educationRoutes } from '../education/routes.ts';
import { schoolTermRoutes } from '../settings/school-term-routes.ts';
import { permanenceRoutes } from '../permanence/routes.ts';
import { adoptionRoutes } from '../adoption/routes.ts';
import { fosteringRoutes } from '../fostering/routes.ts';
import { exploitationRoutes } from '../exploitation/routes.ts';
import { actionRoutes } from '../actions/routes.ts';
import { supervisionRoutes } from '../supervision/routes.ts';
import { workforceRoutes } from '../workforce/routes.ts';
import { practiceStandardRoutes } from '../practice-standards/routes.ts';
import { improvementPlanRoutes } from '../improvement-plans/routes.ts';
import { measuresRoutes } from '../measures/routes.ts';
import { householdMeasuresRoutes, workerMeasuresRoutes } from '../measures/row-routes.ts';
import { caseAuditRoutes } from '../case-audits/routes.ts';
import { overviewRoutes } from '../overview/routes.ts';
import { dataQualityRoutes } from '../data-quality/routes.ts';
import { dashboardRoutes } from '../dashboards/routes.ts';
import { cinCensusRoutes } from '../returns/cin-census/routes.ts';
import { importRoutes } from '../returns/import/routes.ts';
import { ssda903Routes } from '../returns/ssda903/routes.ts';
import { providerRoutes } from '../providers/routes.ts';
import { annexARoutes } from '../returns/annex-a/routes.ts';
import { cscApiRoutes } from '../returns/csc-api/routes.ts';

export const AREAS: readonly RegisterRoutes[] = [
  signInRoutes,
  apiBasics,
  apiDocs,
  chronologyRoutes,
  peopleRoutes,
  myWorkRoutes,
  adminRoutes,
  settingsRoutes,
  episodeRoutes,
  assessmentRoutes,
  protectionRoutes,
  planRoutes,
  actionRoutes,
  childInNeedRoutes,
  visitRoutes,
  oversightRoutes,
  proceedingsRoutes,
  frontDoorRoutes,
  earlyHelpRoutes,
  lookedAfterRoutes,
  missingRoutes,
  exploitationRoutes,
  careLeaverRoutes,
  iroRoutes,
  healthRoutes,
  offendingRoutes,
  privateFosteringRoutes,
  kinshipRoutes,
  educationRoutes,
  schoolTermRoutes,
  permanenceRoutes,
  adoptionRoutes,
  fosteringRoutes,
  caseAuditRoutes,
  supervisionRoutes,
  workforceRoutes,
  subjectAccessRoutes,
  overviewRoutes,
  dashboardRoutes,
  dataQualityRoutes,
  measuresRoutes,
  workerMeasuresRoutes,
  householdMeasuresRoutes,
  practiceStandardRoutes,
  improvementPlanRoutes,
  cinCensusRoutes,
  importRoutes,
  ssda903Routes,
  providerRoutes,
  annexARoutes,
  cscApiRoutes,
];
