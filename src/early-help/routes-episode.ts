// Recording within an open early help episode: the lead practitioner, the assessment, team around the
// family meetings, the plan, a step-up to social care and ending early help. Each a form declared with
// its guard; the episode in the path must be the child's, and open (service.ts).
import type { FastifyInstance } from 'fastify';
import { REFERRAL_SOURCE } from '../codes/index.ts';
import { childForm, type Page } from '../server/child-pages.ts';
import type { AppContext } from '../server/context.ts';
import { checkboxItems, radioItems, selectItems } from '../server/form-items.ts';
import { CLOSURE_CHOICES, TAF_ATTENDEE } from './codes.ts';
import { possibleLeads } from './repository.ts';
import { episodePath, leadOptions, ofEpisode, VIEWS } from './routes-shared.ts';
import { AssessmentInput, CloseInput, LeadInput, MeetingInput, PlanInput, StepUpInput } from './schemas.ts';
import { changeLead, earlyHelpForChange, mayGiveManagerReason, recordAssessment, recordMeeting, startEarlyHelpPlan } from './service.ts';
import { closeEarlyHelp, stepUp } from './service-handover.ts';

/** The default source of a step-up referral: the council's early help service (CIN census 5D). */
const STEP_UP_SOURCE = '5D';

const episodeIdOf = (page: Page) => page.params['episodeId']!;

export function episodeRoutes(app: FastifyInstance, ctx: AppContext): void {
  /** The open episode the path names, and where its form posts and returns to. */
  const openEpisode = async (page: Page) => earlyHelpForChange(ctx.db, page.child.id, episodeIdOf(page));
  const paths = (page: Page, step: string) => ({ action: `${episodePath(page.child.id, episodeIdOf(page))}/${step}`, backHref: episodePath(page.child.id, episodeIdOf(page)) });
  const back = (page: Page) => episodePath(page.child.id, episodeIdOf(page));

  childForm(app, ctx, {
    path: '/children/:childId/early-help/:episodeId/lead',
    ...ofEpisode,
    audit: 'early-help-episode',
    template: `${VIEWS}/lead.njk`,
    schema: LeadInput,
    fields: ['leadUserId', 'leadName', 'leadAgency'],
    fallbackField: 'leadName',
    load: async (page) => ({ ...(await openEpisode(page)), leads: await possibleLeads(ctx.db) }),
    initial: ({ episode }) => ({
      leadUserId: episode.lead_user_id ?? '',
      leadName: episode.lead_user_id ? '' : episode.lead_name,
      leadAgency: episode.lead_user_id ? '' : episode.lead_agency,
    }),
    view: ({ leads }, values, page) => ({ title: 'Change the lead practitioner', ...leadOptions(leads, values), ...paths(page, 'lead') }),
    save: async (input, page) => {
      await changeLead(ctx.db, page.user, page.child.id, episodeIdOf(page), input, page.today);
      return { next: back(page), audit: { action: 'update', objectType: 'early-help-episode', objectId: episodeIdOf(page) } };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/early-help/:episodeId/assessment',
    ...ofEpisode,
    audit: 'early-help-episode',
    template: `${VIEWS}/assessment.njk`,
    schema: AssessmentInput,
    dates: ['startedOn', 'completedOn'],
    fields: ['startedOn', 'completedOn', 'needs', 'views', 'analysis'],
    fallbackField: 'startedOn',
    load: openEpisode,
    // What was saved so far, or today.
    initial: ({ assessment }, { today }) =>
      assessment
        ? { startedOn: assessment.started_on, completedOn: assessment.completed_on ?? '', needs: assessment.needs, views: assessment.views, analysis: assessment.analysis }
        : { startedOn: today },
    view: (_context, _values, page) => ({ title: 'Early help assessment', ...paths(page, 'assessment') }),
    save: async (input, page) => {
      const id = await recordAssessment(ctx.db, page.user, page.child.id, episodeIdOf(page), input, page.today);
      return { next: back(page), audit: { action: 'update', objectType: 'early-help-assessment', objectId: id } };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/early-help/:episodeId/meetings',
    ...ofEpisode,
    audit: 'early-help-episode',
    template: `${VIEWS}/meetings.njk`,
    schema: MeetingInput,
    dates: ['heldOn'],
    fields: ['heldOn', 'agencies', 'attendees', 'summary'],
    fallbackField: 'heldOn',
    load: openEpisode,
    initial: (_context, { today }) => ({ heldOn: today }),
    view: (_context, values, page) => ({ title: 'Record a team around the family meeting', agencyItems: checkboxItems(TAF_ATTENDEE, values['agencies']), ...paths(page, 'meetings') }),
    save: async (input, page) => {
      const id = await recordMeeting(ctx.db, page.user, page.child.id, episodeIdOf(page), input, page.today);
      return { next: back(page), audit: { action: 'create', objectType: 'early-help-meeting', objectId: id } };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/early-help/:episodeId/plan',
    ...ofEpisode,
    audit: 'early-help-episode',
    template: `${VIEWS}/plan.njk`,
    schema: PlanInput,
    dates: ['startedOn'],
    fields: ['startedOn'],
    fallbackField: 'startedOn',
    load: openEpisode,
    initial: (_context, { today }) => ({ startedOn: today }),
    view: (_context, _values, page) => ({ title: 'Start the early help plan', ...paths(page, 'plan') }),
    save: async (input, page) => {
      const planId = await startEarlyHelpPlan(ctx.db, page.user, page.child.id, episodeIdOf(page), input.startedOn, page.today);
      // Next: the plan's outcomes and actions, on the plan's own page.
      const next = app.hasRoute({ method: 'GET', url: '/children/:childId/plans/:planId' }) ? `/children/${page.child.id}/plans/${planId}` : back(page);
      return { next, audit: { action: 'create', objectType: 'plan', objectId: planId } };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/early-help/:episodeId/step-up',
    ...ofEpisode,
    audit: 'early-help-episode',
    template: `${VIEWS}/step-up.njk`,
    schema: StepUpInput,
    dates: ['steppedUpOn'],
    fields: ['steppedUpOn', 'referralSource', 'workDone', 'currentRisks', 'familyViews'],
    fallbackField: 'steppedUpOn',
    load: openEpisode,
    initial: (_context, { today }) => ({ steppedUpOn: today, referralSource: STEP_UP_SOURCE }),
    view: (_context, values, page) => ({
      title: 'Step up to children’s social care',
      sourceItems: selectItems(REFERRAL_SOURCE, values['referralSource'], 'Choose the source'),
      ...paths(page, 'step-up'),
    }),
    save: async (input, page) => {
      await stepUp(ctx.db, page.user, page.child.id, episodeIdOf(page), input, page.today);
      // The episode's page offers what social care does next with the referral.
      return { next: back(page), audit: { action: 'create', objectType: 'step-up', objectId: episodeIdOf(page) } };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/early-help/:episodeId/close',
    ...ofEpisode,
    audit: 'early-help-episode',
    template: `${VIEWS}/close.njk`,
    schema: CloseInput,
    dates: ['closedOn'],
    fields: ['closedOn', 'reason', 'notes', 'managerReason'],
    fallbackField: 'closedOn',
    load: openEpisode,
    initial: (_context, { today }) => ({ closedOn: today }),
    view: ({ assessment }, values, page) => ({
      title: 'End early help',
      reasonItems: radioItems(CLOSURE_CHOICES, values['reason']),
      assessmentComplete: Boolean(assessment?.completed_on),
      mayGiveManagerReason: mayGiveManagerReason(page.user),
      ...paths(page, 'close'),
    }),
    save: async (input, page) => {
      await closeEarlyHelp(ctx.db, page.user, page.child.id, episodeIdOf(page), input, page.today);
      return { next: back(page), audit: { action: 'update', objectType: 'early-help-episode', objectId: episodeIdOf(page) } };
    },
  });
}
