// Early help's pages and API: HTTP only. The rules are in service.ts.
import type { FastifyReply } from 'fastify';
import { can } from '../access/roles.ts';
import { REFERRAL_SOURCE } from '../codes/index.ts';
import { escapeHtml, htmlRow, multiline, row, type SummaryRow } from '../front-door/present.ts';
import { checkboxItems, idParam, postForm, radioItems, selectItems, signedIn, type Values } from '../front-door/route-helpers.ts';
import { apiRoute } from '../server/api.ts';
import type { AppContext, RegisterRoutes } from '../server/context.ts';
import { dateInputItems, type FormErrors } from '../server/forms.ts';
import { formatDate } from '../server/format.ts';
import { registerRecordSection } from '../server/record-sections.ts';
import { CLOSURE_CHOICES, LEAD_AGENCY, TAF_ATTENDEE } from './codes.ts';
import { possibleLeads } from './repository.ts';
import {
  AssessmentInput,
  ChildParams,
  CloseInput,
  EpisodeParams,
  LeadInput,
  MeetingInput,
  PlanInput,
  StartEarlyHelpInput,
  STEP_DOWN_CLOSURE_CHOICES,
  StepDownInput,
  StepUpInput,
} from './schemas.ts';
import {
  attendeeLabels,
  changeLead,
  closeEarlyHelp,
  earlyHelpEpisode,
  earlyHelpForChange,
  earlyHelpOfChild,
  earlyHelpSummary,
  endReasonLabel,
  leadText,
  mayGiveManagerReason,
  originLabel,
  recordAssessment,
  recordMeeting,
  startEarlyHelp,
  startEarlyHelpPlan,
  stepDown,
  stepDownContext,
  stepUp,
} from './service.ts';

const VIEWS = 'early-help/views';
export const earlyHelpPath = (childId: string) => `/children/${childId}/early-help`;
const episodePath = (childId: string, episodeId: string) => `${earlyHelpPath(childId)}/${episodeId}`;

registerRecordSection({
  id: 'early-help',
  title: 'Early help',
  href: earlyHelpPath,
  summary: (db, childId) => earlyHelpSummary(db, childId),
  visibleTo: (user) => user.role !== 'partner_agency',
  order: 25,
});

/** The default source of a step-up referral: the council's early help service (CIN census 5D). */
const STEP_UP_SOURCE = '5D';

export const earlyHelpRoutes: RegisterRoutes = (app, ctx: AppContext) => {
  const today = () => ctx.time.today();

  const leadOptions = async (values: Values, errors?: FormErrors) => {
    const users = await possibleLeads(ctx.db);
    return {
      leadUserItems: [
        { value: '', text: 'Not a Lantern user' },
        ...users.map((u) => ({ value: u.id, text: `${u.display_name}${u.team_name ? ` (${u.team_name})` : ''}`, selected: values['leadUserId'] === u.id })),
      ],
      leadAgencyItems: selectItems(LEAD_AGENCY, values['leadAgency'], 'Choose the agency'),
      leadErrors: errors,
    };
  };

  // -------------------------------------------------------------------------------------------
  // The child's early help
  // -------------------------------------------------------------------------------------------

  app.get('/children/:childId/early-help', async (request, reply) => {
    const user = signedIn(request);
    const childId = idParam(request, 'childId');
    const { child, episodes, openCinEpisode } = await earlyHelpOfChild(ctx.db, user, childId);
    await request.audit({ action: 'view-child', childId, objectType: 'early-help', objectId: childId });
    const open = episodes.find((e) => !e.ended_on);
    return reply.render(`${VIEWS}/child-early-help.njk`, {
      title: `Early help: ${child.name}`,
      child,
      episodes: episodes.map((e) => ({
        ...e,
        originLabel: originLabel(e.origin),
        lead: leadText(e),
        endReasonLabel: endReasonLabel(e.end_reason),
        href: episodePath(childId, e.id),
      })),
      mayStart: can(user.role, 'record-casework') && !open && !openCinEpisode,
      mayStepDown: can(user.role, 'record-casework') && Boolean(openCinEpisode),
      openCinEpisode,
    });
  });

  const renderStart = async (reply: FastifyReply, childId: string, values: Values, errors?: FormErrors) => {
    const { child } = await earlyHelpOfChild(ctx.db, signedIn(reply.request), childId);
    return reply.render(`${VIEWS}/start.njk`, {
      title: 'Start early help',
      child,
      values,
      errors,
      dateItems: dateInputItems('startedOn', values, Boolean(errors?.fields['startedOn'])),
      ...(await leadOptions(values, errors)),
      backHref: earlyHelpPath(childId),
    });
  };

  app.get('/children/:childId/early-help/new', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const response = await renderStart(reply, childId, { startedOn: today() });
    await request.audit({ action: 'view-child', childId, objectType: 'early-help', objectId: childId, detail: { page: 'start' } });
    return response;
  });

  app.post('/children/:childId/early-help/new', async (request, reply) => {
    const childId = idParam(request, 'childId');
    return postForm(request, reply, {
      schema: StartEarlyHelpInput,
      dates: ['startedOn'],
      fields: ['startedOn', 'leadUserId', 'leadName', 'leadAgency'],
      fallbackField: 'startedOn',
      render: (values, errors) => renderStart(reply, childId, values, errors),
      save: async (data) => {
        const id = await startEarlyHelp(ctx.db, signedIn(request), childId, data, today());
        await request.audit({ action: 'create', childId, objectType: 'early-help-episode', objectId: id });
        return episodePath(childId, id);
      },
    });
  });

  app.get('/children/:childId/early-help/:episodeId', async (request, reply) => {
    const user = signedIn(request);
    const childId = idParam(request, 'childId');
    const episodeId = idParam(request, 'episodeId');
    const detail = await earlyHelpEpisode(ctx.db, user, childId, episodeId);
    await request.audit({ action: 'view-child', childId, objectType: 'early-help-episode', objectId: episodeId });
    const { episode, assessment, meetings, handovers, plan } = detail;
    const open = !episode.ended_on;
    const mayChange = open && can(user.role, 'record-casework');
    const planHref =
      plan && app.hasRoute({ method: 'GET', url: '/children/:childId/plans/:planId' }) ? `/children/${childId}/plans/${plan.id}` : null;
    const episodeRows: SummaryRow[] = [
      row('Started', `${formatDate(episode.started_on)}: ${originLabel(episode.origin).toLowerCase()}`),
      row('Lead practitioner', leadText(episode), 'No lead practitioner yet'),
      row('Ended', episode.ended_on ? `${formatDate(episode.ended_on)}: ${(endReasonLabel(episode.end_reason) ?? '').toLowerCase()}` : null, 'Open'),
    ];
    if (episode.end_notes) episodeRows.push(htmlRow('Notes on ending', multiline(episode.end_notes)));
    if (episode.manager_reason) episodeRows.push(htmlRow('Manager’s reason for ending before the assessment was complete', `${multiline(episode.manager_reason)}<br>${escapeHtml(episode.manager_name ?? '')}`));
    const assessmentRows: SummaryRow[] = assessment
      ? [
          row('Started', formatDate(assessment.started_on)),
          row('Completed', assessment.completed_on ? formatDate(assessment.completed_on) : null, 'Not yet complete'),
          htmlRow('Summary of needs', multiline(assessment.needs) || 'Not yet recorded'),
          htmlRow('The child’s and family’s views', multiline(assessment.views) || 'Not yet recorded'),
          htmlRow('Analysis', multiline(assessment.analysis) || 'Not yet recorded'),
        ]
      : [];
    return reply.render(`${VIEWS}/episode.njk`, {
      title: `Early help from ${formatDate(episode.started_on)}`,
      ...detail,
      episodeRows,
      assessmentRows,
      meetings: meetings.map((m) => ({ ...m, attendeeText: attendeeLabels(m.agencies ?? []).join(', ') })),
      handovers: handovers.map((h) => ({
        ...h,
        rows: [
          row('Date', formatDate(h.handed_over_on)),
          ...(h.direction === 'STEP_UP'
            ? [htmlRow('What early help did', multiline(h.work_done)), htmlRow('Current risks', multiline(h.current_risks)), htmlRow('The family’s views', multiline(h.family_views))]
            : [
                row('Handed to', leadText(episode), 'No lead practitioner yet'),
                htmlRow('What the family knows', multiline(h.family_knows)),
                htmlRow('Outstanding actions', multiline(h.outstanding_actions) || 'None recorded'),
                row('Handover meeting', h.meeting_on ? formatDate(h.meeting_on) : null, 'None recorded'),
                ...(h.manager_reason ? [htmlRow('Manager’s reason for stepping down before the assessment was complete', multiline(h.manager_reason))] : []),
              ]),
          row('Recorded by', h.recorded_by_name),
        ],
      })),
      planHref,
      mayChange,
      assessmentComplete: Boolean(assessment?.completed_on),
      path: episodePath(childId, episodeId),
    });
  });

  // -------------------------------------------------------------------------------------------
  // Recording in an episode
  // -------------------------------------------------------------------------------------------

  type Page = (reply: FastifyReply, childId: string, episodeId: string, values: Values, errors?: FormErrors) => Promise<FastifyReply>;

  const episodeForm =
    (template: string, title: string, extra: (values: Values, errors: FormErrors | undefined, context: Awaited<ReturnType<typeof earlyHelpForChange>>) => Promise<Record<string, unknown>> | Record<string, unknown>): Page =>
    async (reply, childId, episodeId, values, errors) => {
      const context = await earlyHelpForChange(ctx.db, signedIn(reply.request), childId, episodeId);
      if (reply.request.method === 'GET') {
        await reply.request.audit({ action: 'view-child', childId, objectType: 'early-help-episode', objectId: episodeId, detail: { page: template.replace('.njk', '') } });
      }
      return reply.render(`${VIEWS}/${template}`, {
        title,
        ...context,
        values,
        errors,
        action: `${episodePath(childId, episodeId)}/${template.replace('.njk', '')}`,
        backHref: episodePath(childId, episodeId),
        ...(await extra(values, errors, context)),
      });
    };

  const dates = (names: string[]) => (values: Values, errors: FormErrors | undefined) =>
    Object.fromEntries(names.map((name) => [`${name}Items`, dateInputItems(name, values, Boolean(errors?.fields[name]))]));


  // Lead practitioner
  const leadPage = episodeForm('lead.njk', 'Change the lead practitioner', (values, errors) => leadOptions(values, errors));
  app.get('/children/:childId/early-help/:episodeId/lead', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const episodeId = idParam(request, 'episodeId');
    const { episode } = await earlyHelpForChange(ctx.db, signedIn(request), childId, episodeId);
    return leadPage(reply, childId, episodeId, { leadUserId: episode.lead_user_id ?? '', leadName: episode.lead_user_id ? '' : episode.lead_name, leadAgency: episode.lead_user_id ? '' : episode.lead_agency });
  });
  app.post('/children/:childId/early-help/:episodeId/lead', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const episodeId = idParam(request, 'episodeId');
    return postForm(request, reply, {
      schema: LeadInput,
      fields: ['leadUserId', 'leadName', 'leadAgency'],
      fallbackField: 'leadName',
      render: (values, errors) => leadPage(reply, childId, episodeId, values, errors),
      save: async (data) => {
        await changeLead(ctx.db, signedIn(request), childId, episodeId, data, today());
        await request.audit({ action: 'update', childId, objectType: 'early-help-episode', objectId: episodeId, detail: { lead: true } });
        return episodePath(childId, episodeId);
      },
    });
  });

  // The early help assessment
  const assessmentPage = episodeForm('assessment.njk', 'Early help assessment', dates(['startedOn', 'completedOn']));
  app.get('/children/:childId/early-help/:episodeId/assessment', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const episodeId = idParam(request, 'episodeId');
    const { assessment } = await earlyHelpForChange(ctx.db, signedIn(request), childId, episodeId);
    const values: Values = assessment
      ? { startedOn: assessment.started_on, completedOn: assessment.completed_on ?? '', needs: assessment.needs, views: assessment.views, analysis: assessment.analysis }
      : { startedOn: today() };
    return assessmentPage(reply, childId, episodeId, values);
  });
  app.post('/children/:childId/early-help/:episodeId/assessment', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const episodeId = idParam(request, 'episodeId');
    return postForm(request, reply, {
      schema: AssessmentInput,
      dates: ['startedOn', 'completedOn'],
      fields: ['startedOn', 'completedOn', 'needs', 'views', 'analysis'],
      fallbackField: 'startedOn',
      render: (values, errors) => assessmentPage(reply, childId, episodeId, values, errors),
      save: async (data) => {
        const id = await recordAssessment(ctx.db, signedIn(request), childId, episodeId, data, today());
        await request.audit({ action: 'update', childId, objectType: 'early-help-assessment', objectId: id });
        return episodePath(childId, episodeId);
      },
    });
  });

  // Team around the family meetings
  const meetingPage = episodeForm('meetings.njk', 'Record a team around the family meeting', (values, errors) => ({
    ...dates(['heldOn'])(values, errors),
    agencyItems: checkboxItems(TAF_ATTENDEE, values['agencies']),
  }));
  app.get('/children/:childId/early-help/:episodeId/meetings', async (request, reply) =>
    meetingPage(reply, idParam(request, 'childId'), idParam(request, 'episodeId'), { heldOn: today() }),
  );
  app.post('/children/:childId/early-help/:episodeId/meetings', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const episodeId = idParam(request, 'episodeId');
    return postForm(request, reply, {
      schema: MeetingInput,
      dates: ['heldOn'],
      fields: ['heldOn', 'agencies', 'attendees', 'summary'],
      fallbackField: 'heldOn',
      render: (values, errors) => meetingPage(reply, childId, episodeId, values, errors),
      save: async (data) => {
        const id = await recordMeeting(ctx.db, signedIn(request), childId, episodeId, data, today());
        await request.audit({ action: 'create', childId, objectType: 'early-help-meeting', objectId: id });
        return episodePath(childId, episodeId);
      },
    });
  });

  // The plan
  const planPage = episodeForm('plan.njk', 'Start the early help plan', dates(['startedOn']));
  app.get('/children/:childId/early-help/:episodeId/plan', async (request, reply) =>
    planPage(reply, idParam(request, 'childId'), idParam(request, 'episodeId'), { startedOn: today() }),
  );
  app.post('/children/:childId/early-help/:episodeId/plan', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const episodeId = idParam(request, 'episodeId');
    return postForm(request, reply, {
      schema: PlanInput,
      dates: ['startedOn'],
      fields: ['startedOn'],
      fallbackField: 'startedOn',
      render: (values, errors) => planPage(reply, childId, episodeId, values, errors),
      save: async (data) => {
        const planId = await startEarlyHelpPlan(ctx.db, signedIn(request), childId, episodeId, data.startedOn, today());
        await request.audit({ action: 'create', childId, objectType: 'plan', objectId: planId });
        return app.hasRoute({ method: 'GET', url: '/children/:childId/plans/:planId' }) ? `/children/${childId}/plans/${planId}` : episodePath(childId, episodeId);
      },
    });
  });

  // Step-up
  const stepUpPage = episodeForm('step-up.njk', 'Step up to children’s social care', (values, errors) => ({
    ...dates(['steppedUpOn'])(values, errors),
    sourceItems: selectItems(REFERRAL_SOURCE, values['referralSource'], 'Choose the source'),
  }));
  app.get('/children/:childId/early-help/:episodeId/step-up', async (request, reply) =>
    stepUpPage(reply, idParam(request, 'childId'), idParam(request, 'episodeId'), { steppedUpOn: today(), referralSource: STEP_UP_SOURCE }),
  );
  app.post('/children/:childId/early-help/:episodeId/step-up', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const episodeId = idParam(request, 'episodeId');
    return postForm(request, reply, {
      schema: StepUpInput,
      dates: ['steppedUpOn'],
      fields: ['steppedUpOn', 'referralSource', 'workDone', 'currentRisks', 'familyViews'],
      fallbackField: 'steppedUpOn',
      render: (values, errors) => stepUpPage(reply, childId, episodeId, values, errors),
      save: async (data) => {
        const result = await stepUp(ctx.db, signedIn(request), childId, episodeId, data, today());
        await request.audit({ action: 'create', childId, objectType: 'step-up', objectId: episodeId, detail: { cinEpisodeId: result.cinEpisodeId } });
        return episodePath(childId, episodeId);
      },
    });
  });

  // Closing early help
  const renderClose: Page = async (reply, childId, episodeId, values, errors) => {
    const user = signedIn(reply.request);
    const context = await earlyHelpForChange(ctx.db, user, childId, episodeId);
    if (reply.request.method === 'GET') await reply.request.audit({ action: 'view-child', childId, objectType: 'early-help-episode', objectId: episodeId, detail: { page: 'close' } });
    return reply.render(`${VIEWS}/close.njk`, {
      title: 'End early help',
      ...context,
      values,
      errors,
      action: `${episodePath(childId, episodeId)}/close`,
      backHref: episodePath(childId, episodeId),
      closedOnItems: dateInputItems('closedOn', values, Boolean(errors?.fields['closedOn'])),
      reasonItems: radioItems(CLOSURE_CHOICES, values['reason']),
      assessmentComplete: Boolean(context.assessment?.completed_on),
      mayGiveManagerReason: mayGiveManagerReason(user),
    });
  };
  app.get('/children/:childId/early-help/:episodeId/close', async (request, reply) =>
    renderClose(reply, idParam(request, 'childId'), idParam(request, 'episodeId'), { closedOn: today() }),
  );
  app.post('/children/:childId/early-help/:episodeId/close', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const episodeId = idParam(request, 'episodeId');
    return postForm(request, reply, {
      schema: CloseInput,
      dates: ['closedOn'],
      fields: ['closedOn', 'reason', 'notes', 'managerReason'],
      fallbackField: 'closedOn',
      render: (values, errors) => renderClose(reply, childId, episodeId, values, errors),
      save: async (data) => {
        await closeEarlyHelp(ctx.db, signedIn(request), childId, episodeId, data, today());
        await request.audit({ action: 'update', childId, objectType: 'early-help-episode', objectId: episodeId, detail: { closed: data.reason, managerReason: Boolean(data.managerReason) } });
        return episodePath(childId, episodeId);
      },
    });
  });

  // -------------------------------------------------------------------------------------------
  // Step-down from social care
  // -------------------------------------------------------------------------------------------

  const renderStepDown = async (reply: FastifyReply, childId: string, values: Values, errors?: FormErrors) => {
    const user = signedIn(reply.request);
    const context = await stepDownContext(ctx.db, user, childId, today());
    return reply.render(`${VIEWS}/step-down.njk`, {
      title: 'Step down to early help',
      ...context,
      values,
      errors,
      dateItems: dateInputItems('steppedDownOn', values, Boolean(errors?.fields['steppedDownOn'])),
      meetingItems: dateInputItems('meetingOn', values, Boolean(errors?.fields['meetingOn'])),
      reasonItems: radioItems(STEP_DOWN_CLOSURE_CHOICES, values['closureReason']),
      ...(await leadOptions(values, errors)),
      mayGiveManagerReason: mayGiveManagerReason(user),
      backHref: earlyHelpPath(childId),
    });
  };

  app.get('/children/:childId/step-down', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const context = await stepDownContext(ctx.db, signedIn(request), childId, today());
    await request.audit({ action: 'view-child', childId, objectType: 'step-down', objectId: context.cin.id });
    return renderStepDown(reply, childId, { steppedDownOn: today(), closureReason: context.assessmentComplete ? 'RC9' : 'RC7' });
  });

  app.post('/children/:childId/step-down', async (request, reply) => {
    const childId = idParam(request, 'childId');
    return postForm(request, reply, {
      schema: StepDownInput,
      dates: ['steppedDownOn', 'meetingOn'],
      fields: ['steppedDownOn', 'closureReason', 'leadUserId', 'leadName', 'leadAgency', 'familyKnows', 'outstandingActions', 'meetingOn', 'managerReason'],
      fallbackField: 'steppedDownOn',
      render: (values, errors) => renderStepDown(reply, childId, values, errors),
      save: async (data) => {
        const result = await stepDown(ctx.db, signedIn(request), childId, data, today());
        await request.audit({ action: 'create', childId, objectType: 'step-down', objectId: result.earlyHelpEpisodeId, detail: { managerReason: Boolean(data.managerReason) } });
        return episodePath(childId, result.earlyHelpEpisodeId);
      },
    });
  });

  // -------------------------------------------------------------------------------------------
  // API
  // -------------------------------------------------------------------------------------------

  const TAG = 'Early help';

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/early-help',
    summary: 'A child’s early help episodes, newest first',
    tag: TAG,
    params: ChildParams,
    handler: async ({ params, request }) => {
      const { episodes } = await earlyHelpOfChild(ctx.db, signedIn(request), params.childId);
      await request.audit({ action: 'view-child', childId: params.childId, objectType: 'early-help', objectId: params.childId });
      return { episodes };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/early-help',
    summary: 'Start early help directly (not from a contact or a step-down)',
    tag: TAG,
    params: ChildParams,
    body: StartEarlyHelpInput,
    handler: async ({ params, body, request }) => {
      const id = await startEarlyHelp(ctx.db, signedIn(request), params.childId, body, today());
      await request.audit({ action: 'create', childId: params.childId, objectType: 'early-help-episode', objectId: id });
      return { id };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/early-help/:episodeId',
    summary: 'An early help episode with its assessment, meetings, plan and handovers',
    tag: TAG,
    params: EpisodeParams,
    handler: async ({ params, request }) => {
      const detail = await earlyHelpEpisode(ctx.db, signedIn(request), params.childId, params.episodeId);
      await request.audit({ action: 'view-child', childId: params.childId, objectType: 'early-help-episode', objectId: params.episodeId });
      return detail;
    },
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/children/:childId/early-help/:episodeId/lead',
    summary: 'Set the lead practitioner: a Lantern user, or a named person and their agency',
    tag: TAG,
    params: EpisodeParams,
    body: LeadInput,
    handler: async ({ params, body, request }) => {
      await changeLead(ctx.db, signedIn(request), params.childId, params.episodeId, body, today());
      await request.audit({ action: 'update', childId: params.childId, objectType: 'early-help-episode', objectId: params.episodeId, detail: { lead: true } });
      return { id: params.episodeId };
    },
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/children/:childId/early-help/:episodeId/assessment',
    summary: 'Record the early help assessment; with completedOn it is complete (needs and analysis required)',
    tag: TAG,
    params: EpisodeParams,
    body: AssessmentInput,
    handler: async ({ params, body, request }) => {
      const id = await recordAssessment(ctx.db, signedIn(request), params.childId, params.episodeId, body, today());
      await request.audit({ action: 'update', childId: params.childId, objectType: 'early-help-assessment', objectId: id });
      return { id };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/early-help/:episodeId/meetings',
    summary: 'Record a team around the family meeting, with who came by agency',
    tag: TAG,
    params: EpisodeParams,
    body: MeetingInput,
    handler: async ({ params, body, request }) => {
      const id = await recordMeeting(ctx.db, signedIn(request), params.childId, params.episodeId, body, today());
      await request.audit({ action: 'create', childId: params.childId, objectType: 'early-help-meeting', objectId: id });
      return { id };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/early-help/:episodeId/plan',
    summary: 'Start the early help plan (a plan of kind early_help)',
    tag: TAG,
    params: EpisodeParams,
    body: PlanInput,
    handler: async ({ params, body, request }) => {
      const planId = await startEarlyHelpPlan(ctx.db, signedIn(request), params.childId, params.episodeId, body.startedOn, today());
      await request.audit({ action: 'create', childId: params.childId, objectType: 'plan', objectId: planId });
      return { planId };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/early-help/:episodeId/step-up',
    summary: 'Step up to children’s social care: makes the referral and ends early help with a handover, in one transaction',
    tag: TAG,
    params: EpisodeParams,
    body: StepUpInput,
    handler: async ({ params, body, request }) => {
      const result = await stepUp(ctx.db, signedIn(request), params.childId, params.episodeId, body, today());
      await request.audit({ action: 'create', childId: params.childId, objectType: 'step-up', objectId: params.episodeId, detail: result });
      return result;
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/early-help/:episodeId/close',
    summary: 'End early help. Before the early help assessment is complete, only with a team manager’s reason (Southend ¶16, ¶19-21)',
    tag: TAG,
    params: EpisodeParams,
    body: CloseInput,
    successStatus: 200,
    handler: async ({ params, body, request }) => {
      await closeEarlyHelp(ctx.db, signedIn(request), params.childId, params.episodeId, body, today());
      await request.audit({ action: 'update', childId: params.childId, objectType: 'early-help-episode', objectId: params.episodeId, detail: { closed: body.reason } });
      return { id: params.episodeId };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/step-down',
    summary: 'Step down from children’s social care: closes the episode and opens early help with a handover. Before the assessment is complete, only with a team manager’s reason',
    tag: TAG,
    params: ChildParams,
    body: StepDownInput,
    handler: async ({ params, body, request }) => {
      const result = await stepDown(ctx.db, signedIn(request), params.childId, body, today());
      await request.audit({ action: 'create', childId: params.childId, objectType: 'step-down', objectId: result.earlyHelpEpisodeId });
      return result;
    },
  });

};
