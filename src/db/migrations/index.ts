// Every migration, in order. A service area adds its own file and one line here.
import type { Migration } from 'kysely';
import type { Rebuild } from '../rebuilds.ts';
import * as foundation from './0001_foundation.ts';
import * as episodesAndPlans from './0002_episodes_and_plans.ts';
import * as peopleSearch from './0005_people_search.ts';
import * as frontDoorEarlyHelp from './0006_front_door_early_help.ts';
import * as assessmentProtection from './0007_assessment_protection.ts';
import * as plansVisitsProceedings from './0008_plans_visits_proceedings.ts';
import * as performanceIndexes from './0009_performance_indexes.ts';
import * as security from './0010_security.ts';
import * as corrections from './0011_corrections.ts';
import * as lookedAfter from './0012_looked_after.ts';
import * as missing from './0013_missing.ts';
import * as careLeavers from './0014_care_leavers.ts';
import * as iroChallenges from './0015_iro_challenges.ts';
import * as health from './0016_health.ts';
import * as privateFostering from './0017_private_fostering.ts';
import * as childIndexesForCare from './0018_child_indexes_for_care.ts';
import * as deprivationOfLiberty from './0019_deprivation_of_liberty.ts';
import * as educationAndKinship from './0020_education_and_kinship.ts';
import * as visitingRules from './0024_visiting_rules.ts';
import * as carePlanAcknowledgement from './0025_care_plan_acknowledgement.ts';
import * as socialWorkerChangeReason from './0026_social_worker_change_reason.ts';
import * as permanenceAndAdoption from './0021_permanence_and_adoption.ts';
import * as fosterCarers from './0022_foster_carers.ts';
import * as exploitation from './0023_exploitation.ts';
import * as managementOversight from './0028_management_oversight.ts';
import * as workforceAndCaseActions from './0027_workforce_and_case_actions.ts';
import * as clockMetLateByChild from './0032_clock_met_late_by_child.ts';
import * as dashboards from './0039_dashboards.ts';
import * as eventChangeHistory from './0033_event_change_history.ts';
import * as practiceStandards from './0040_practice_standards.ts';
import * as improvementPlans from './0041_improvement_plans.ts';
import * as cscApi from './0038_csc_api.ts';
import * as supervision from './0029_supervision.ts';
import * as workforce from './0030_workforce.ts';
import * as caseAudits from './0031_case_audits.ts';
import * as ssdViews from './0036_ssd_views.ts';
import * as dataQuality from './0037_data_quality.ts';
import * as importJobs from './0044_import_jobs.ts';
import * as familyGroupDecisionMaking from './0035_family_group_decision_making.ts';
import * as importSsda903 from './0045_import_ssda903.ts';
import * as ssda903Items from './0046_ssda903_items.ts';
import * as improvementActionsDone from './0050_improvement_actions_done.ts';
import * as careItems from './0048_care_items.ts';
import * as openProtectionPlans from './0055_open_protection_plans.ts';
import * as virtualSchoolForAll from './0052_virtual_school_for_all.ts';
import * as fosterCarerOversight from './0060_foster_carer_oversight.ts';
import * as iroContacts from './0057_iro_contacts.ts';
import * as adopterApplicants from './0058_adopter_applicants.ts';
import * as siblingGroups from './0059_sibling_groups.ts';
import * as dbsRiskAssessments from './0061_dbs_risk_assessments.ts';
import * as fosteringHouseholdMembers from './0062_fostering_household_members.ts';
import * as openOversightByChild from './0066_open_oversight_by_child.ts';
import * as adoptersLegalStatuses from './0067_adopters_legal_statuses.ts';
import * as ofstedProviders from './0072_ofsted_providers.ts';

/** A migration, and the derived rows it changed the inputs of, rebuilt after the last migration (decision 0069). */
export interface LanternMigration extends Migration {
  readonly rebuilds?: readonly Rebuild[];
}

export const migrations: Record<string, LanternMigration> = {
  '0001_foundation': foundation,
  '0002_episodes_and_plans': episodesAndPlans,
  '0005_people_search': peopleSearch,
  '0006_front_door_early_help': frontDoorEarlyHelp,
  '0007_assessment_protection': assessmentProtection,
  '0008_plans_visits_proceedings': plansVisitsProceedings,
  '0009_performance_indexes': performanceIndexes,
  '0010_security': security,
  '0011_corrections': corrections,
  '0012_looked_after': lookedAfter,
  '0013_missing': missing,
  '0014_care_leavers': careLeavers,
  '0015_iro_challenges': iroChallenges,
  '0016_health': health,
  '0017_private_fostering': privateFostering,
  '0018_child_indexes_for_care': childIndexesForCare,
  '0019_deprivation_of_liberty': deprivationOfLiberty,
  '0020_education_and_kinship': educationAndKinship,
  '0024_visiting_rules': visitingRules,
  '0025_care_plan_acknowledgement': carePlanAcknowledgement,
  '0026_social_worker_change_reason': socialWorkerChangeReason,
  '0021_permanence_and_adoption': permanenceAndAdoption,
  '0022_foster_carers': fosterCarers,
  '0023_exploitation': exploitation,
  '0027_workforce_and_case_actions': workforceAndCaseActions,
  '0032_clock_met_late_by_child': clockMetLateByChild,
  '0029_supervision': supervision,
  '0028_management_oversight': managementOversight,
  '0030_workforce': workforce,
  '0031_case_audits': caseAudits,
  '0036_ssd_views': ssdViews,
  '0037_data_quality': dataQuality,
  '0033_event_change_history': eventChangeHistory,
  '0044_import_jobs': importJobs,
  '0040_practice_standards': practiceStandards,
  '0041_improvement_plans': improvementPlans,
  '0038_csc_api': cscApi,
  '0039_dashboards': dashboards,
  '0035_family_group_decision_making': familyGroupDecisionMaking,
  '0045_import_ssda903': importSsda903,
  '0046_ssda903_items': ssda903Items,
  '0050_improvement_actions_done': improvementActionsDone,
  '0048_care_items': careItems,
  '0055_open_protection_plans': openProtectionPlans,
  '0052_virtual_school_for_all': virtualSchoolForAll,
  '0060_foster_carer_oversight': fosterCarerOversight,
  '0057_iro_contacts': iroContacts,
  '0058_adopter_applicants': adopterApplicants,
  '0059_sibling_groups': siblingGroups,
  '0061_dbs_risk_assessments': dbsRiskAssessments,
  '0062_fostering_household_members': fosteringHouseholdMembers,
  '0066_open_oversight_by_child': openOversightByChild,
  '0067_adopters_legal_statuses': adoptersLegalStatuses,
  '0072_ofsted_providers': ofstedProviders,
};
