// Early help's pages and API, each route declared with its guard (see docs/CONVENTIONS.md): the
// child's early help, starting it, an episode's page and stepping down from social care here; the
// steps within an episode in routes-episode.ts; the API in routes-api.ts. HTTP only: the rules are
// in service.ts.
import type { RegisterRoutes } from '../server/context.ts';
import { childForm, childPage } from '../server/child-pages.ts';
import { radioItems } from '../server/form-items.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { escapeHtml, htmlRow, multiline, row, type SummaryRow } from '../front-door/present.ts';
import { possibleLeads } from './repository.ts';
import { StartEarlyHelpInput, STEP_DOWN_CLOSURE_CHOICES, StepDownInput } from './schemas.ts';
import { attendeeLabels, earlyHelpEpisode, earlyHelpOfChild, endReasonLabel, leadText, mayGiveManagerReason, originLabel, startEarlyHelp, stepDownContext } from './service.ts';
import { stepDown } from './service-handover.ts';
import { mayAllocate } from '../people/allocation.ts';
import { earlyHelpApiRoutes } from './routes-api.ts';
import { earlyHelpPath, episodePath, leadOptions, ofEpisode, VIEWS } from './routes-shared.ts';
import { episodeRoutes } from './routes-episode.ts';
import './record-section.ts';

export const earlyHelpRoutes: RegisterRoutes = (app, ctx) => {
  childPage(app, ctx, {
    path: '/children/:childId/early-help',
    audit: 'early-help',
    template: `${VIEWS}/child-early-help.njk`,
    load: async ({ child }) => {
      const { episodes, openCinEpisode } = await earlyHelpOfChild(ctx.db, child.id);
      const open = episodes.find((e) => !e.ended_on);
      return {
        title: `Early help: ${child.name}`,
        episodes: episodes.map((e) => ({
          ...e,
          originLabel: originLabel(e.origin),
          lead: leadText(e),
          endReasonLabel: endReasonLabel(e.end_reason),
          href: episodePath(child.id, e.id),
        })),
        mayStart: child.mayChange && !open && !openCinEpisode,
        mayStepDown: child.mayChange && Boolean(openCinEpisode),
        openCinEpisode,
      };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/early-help/new',
    audit: 'early-help-episode',
    template: `${VIEWS}/start.njk`,
    schema: StartEarlyHelpInput,
    dates: ['startedOn'],
    fields: ['startedOn', 'leadUserId', 'leadName', 'leadAgency'],
    fallbackField: 'startedOn',
    load: () => possibleLeads(ctx.db),
    initial: (_leads, { today }) => ({ startedOn: today }),
    view: (leads, values, { child }) => ({ title: 'Start early help', ...leadOptions(leads, values), backHref: earlyHelpPath(child.id) }),
    save: async (input, { user, child, today }) => {
      const id = await startEarlyHelp(ctx.db, user, child.id, input, today);
      return { next: episodePath(child.id, id), audit: { action: 'create', objectType: 'early-help-episode', objectId: id } };
    },
  });

  childPage(app, ctx, {
    path: '/children/:childId/early-help/:episodeId',
    ...ofEpisode,
    audit: 'early-help-episode',
    template: `${VIEWS}/episode.njk`,
    load: async ({ child, params, user }) => {
      const episodeId = params['episodeId']!;
      const detail = await earlyHelpEpisode(ctx.db, child.id, episodeId);
      const { episode, assessment, meetings, handovers, plan } = detail;
      const mayChange = !episode.ended_on && child.mayChange;
      const planHref = plan && app.hasRoute({ method: 'GET', url: '/children/:childId/plans/:planId' }) ? `/children/${child.id}/plans/${plan.id}` : null;
      const episodeRows: SummaryRow[] = [
        row('Started', `${formatDate(episode.started_on)}: ${midSentence(originLabel(episode.origin))}`),
        row('Lead practitioner', leadText(episode), 'No lead practitioner yet'),
        row('Ended', episode.ended_on ? `${formatDate(episode.ended_on)}: ${midSentence(endReasonLabel(episode.end_reason) ?? '')}` : null, 'Open'),
      ];
      if (episode.end_notes) episodeRows.push(htmlRow('Notes on ending', multiline(episode.end_notes)));
      if (episode.manager_reason) {
        episodeRows.push(htmlRow('Manager’s reason for ending before the assessment was complete', `${multiline(episode.manager_reason)}<br>${escapeHtml(episode.manager_name ?? '')}`));
      }
      const assessmentRows: SummaryRow[] = assessment
        ? [
            row('Started', formatDate(assessment.started_on)),
            row('Completed', assessment.completed_on ? formatDate(assessment.completed_on) : null, 'Not yet complete'),
            htmlRow('Summary of needs', multiline(assessment.needs) || 'Not yet recorded'),
            htmlRow('The child’s and family’s views', multiline(assessment.views) || 'Not yet recorded'),
            htmlRow('Analysis', multiline(assessment.analysis) || 'Not yet recorded'),
          ]
        : [];
      // After a step-up, what social care does next with the referral it made.
      const steppedUp = handovers.find((h) => h.direction === 'STEP_UP');
      const nextSteps =
        steppedUp && child.mayChange
          ? [
              // Only a manager allocates: anyone else would be led to a refusal.
              ...(mayAllocate(user) ? [{ text: 'Allocate a social worker', href: `/children/${child.id}/allocate` }] : []),
              { text: 'Start the assessment', href: `/children/${child.id}/assessments/new?episode=${steppedUp.cin_episode_id}` },
            ]
          : [];
      return {
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
        nextSteps,
        planHref,
        mayChange,
        assessmentComplete: Boolean(assessment?.completed_on),
        path: episodePath(child.id, episodeId),
      };
    },
  });

  // Step-down from social care: the episode closes and early help opens, with a handover.
  childForm(app, ctx, {
    path: '/children/:childId/step-down',
    audit: 'step-down',
    template: `${VIEWS}/step-down.njk`,
    decision: 'step_down',
    schema: StepDownInput,
    dates: ['steppedDownOn', 'meetingOn'],
    fields: ['steppedDownOn', 'closureReason', 'leadUserId', 'leadName', 'leadAgency', 'familyKnows', 'outstandingActions', 'meetingOn', 'managerReason'],
    fallbackField: 'steppedDownOn',
    load: async ({ child, today }) => ({ ...(await stepDownContext(ctx.db, child.id, today)), leads: await possibleLeads(ctx.db) }),
    initial: ({ assessmentComplete }, { today }) => ({ steppedDownOn: today, closureReason: assessmentComplete ? 'RC9' : 'RC7' }),
    view: ({ cin, assessmentComplete, leads }, values, { child, user }) => ({
      title: 'Step down to early help',
      cin,
      assessmentComplete,
      reasonItems: radioItems(STEP_DOWN_CLOSURE_CHOICES, values['closureReason']),
      ...leadOptions(leads, values),
      mayGiveManagerReason: mayGiveManagerReason(user),
      backHref: earlyHelpPath(child.id),
    }),
    save: async (input, { user, child, today }) => {
      const result = await stepDown(ctx.db, user, child.id, input, today);
      return { next: episodePath(child.id, result.earlyHelpEpisodeId), audit: { action: 'create', objectType: 'step-down', objectId: result.earlyHelpEpisodeId } };
    },
  });

  episodeRoutes(app, ctx);
  earlyHelpApiRoutes(app, ctx);
};
