// Pre-proceedings and care proceedings pages and the court tracker. Each step of the Public Law
// Outline is declared as data (steps.ts) with the records its path names; corrections and deletions
// are in routes-corrections.ts and the API in routes-api.ts. HTTP only: the rules are in service.ts.
import type { RegisterRoutes } from '../server/context.ts';
import { can } from '../access/roles.ts';
import { childPage } from '../server/child-pages.ts';
import { addNavigationItem } from '../server/navigation.ts';
import { formatDate } from '../server/format.ts';
import { Forbidden } from '../server/errors.ts';
import { LEGAL_PLANNING_DECISION, PRE_PROCEEDINGS_MEETING_KIND, PRE_PROCEEDINGS_OUTCOME } from './codes.ts';
import {
  ConclusionInput,
  HearingInput,
  IssueProceedingsInput,
  LegalPlanningMeetingInput,
  LetterBeforeProceedingsInput,
  OrderInput,
  PreProceedingsEndInput,
  PreProceedingsMeetingInput,
} from './schemas.ts';
import * as repo from './repository.ts';
import {
  concludeProceedings,
  endPreProceedings,
  issueProceedings,
  proceedingsOfChild,
  recordHearing,
  recordLegalPlanningMeeting,
  recordOrder,
  recordPreProceedingsMeeting,
  sendLetterBeforeProceedings,
} from './service.ts';
import { mayUseTracker, STAGE_LABELS, STAGES, tracker, TRACKER_GUARD, TRACKER_PAGE_SIZE, TRACKER_REFUSAL } from './tracker.ts';
import { govukPagination } from '../server/pagination.ts';

import { HEARING_FIELDS, ISSUE_FIELDS, ORDER_FIELDS, step } from './steps.ts';
import { correctionRoutes } from './routes-corrections.ts';
import { proceedingsApi } from './routes-api.ts';
import { familyGroupRoutes } from './family-group-routes.ts';
import './record-section.ts';
import './family-group-section.ts';

// The tracker is for case holders and managers; listed once, when this module loads.
addNavigationItem({ href: '/proceedings/tracker', text: 'Court tracker', show: (role) => can(role, 'record-casework') || can(role, 'view-performance') });

export const proceedingsRoutes: RegisterRoutes = (app, ctx) => {
  childPage(app, ctx, {
    path: '/children/:childId/proceedings',
    audit: 'proceedings',
    template: 'proceedings/views/proceedings.njk',
    load: async ({ child, today }) => {
      const view = await proceedingsOfChild(ctx.db, child.id, today);
      return {
        title: 'Pre-proceedings and court',
        ...view,
        openPre: view.preProceedings.find((p) => !p.ended_on) ?? null,
        openProceedings: view.proceedings.find((p) => !p.concluded_on) ?? null,
      };
    },
  });

  app.get('/proceedings/tracker', { config: { guard: TRACKER_GUARD } }, async (request, reply) => {
    if (!mayUseTracker(request.user!)) throw new Forbidden(TRACKER_REFUSAL);
    // A council's tracker runs to hundreds of children: by stage, a page at a time, with the counts.
    const query = request.query as Record<string, unknown>;
    const stage = STAGES.find((s) => s === query['stage']) ?? null;
    const found = await tracker(ctx.db, request.user!, ctx.time.today(), { stage, page: Number.parseInt(String(query['page'] ?? '1'), 10) || 1, pageSize: TRACKER_PAGE_SIZE });
    const { rows, page, pageCount } = found;
    const href = (s: string | null, p = 1) => `/proceedings/tracker${s || p > 1 ? `?${new URLSearchParams({ ...(s ? { stage: s } : {}), ...(p > 1 ? { page: String(p) } : {}) })}` : ''}`;
    const stages = [
      { text: 'All stages', count: found.total, href: href(null), current: stage === null },
      ...STAGES.map((s) => ({ text: STAGE_LABELS[s], count: found.counts[s], href: href(s), current: stage === s })),
    ];
    await request.audit({ action: 'view-child', objectType: 'proceedings-tracker', detail: { children: rows.length, stage, page } });
    return reply.render('proceedings/views/tracker.njk', {
      title: 'Pre-proceedings and court tracker',
      rows,
      total: found.matching,
      first: (page - 1) * TRACKER_PAGE_SIZE + 1,
      stages,
      pagination: govukPagination(page, pageCount, (p) => href(stage, p)),
    });
  });

  // --- The steps, in the order of the Public Law Outline ----------------------------------------
  step(app, ctx, {
    path: 'legal-planning-meetings/new',
    objectType: 'legal-planning-meeting',
    title: 'Record a legal planning meeting',
    button: 'Save meeting',
    fields: [
      { type: 'date', name: 'heldOn', label: 'Date of the meeting' },
      { type: 'radios', name: 'decision', label: 'What did the meeting decide?', options: LEGAL_PLANNING_DECISION },
      { type: 'textarea', name: 'reasons', label: 'Reasons for the decision', hint: 'Including whether the threshold for proceedings is met, and the contingency plan' },
    ],
    schema: LegalPlanningMeetingInput,
    initial: (_d, { today }) => ({ heldOn: today }),
    save: async (data, { user, child, today }) => ({ id: await recordLegalPlanningMeeting(ctx.db, user, child.id, data, today), action: 'create' }),
  });

  step(app, ctx, {
    path: 'letter-before-proceedings/new',
    objectType: 'pre-proceedings',
    title: 'Record the letter before proceedings',
    load: ({ child }) => repo.latestLegalPlanningMeeting(ctx.db, child.id),
    intro: (latest) => (latest ? `The latest legal planning meeting was on ${formatDate(latest.held_on)}.` : 'No legal planning meeting is recorded: record it first.'),
    button: 'Save',
    fields: [{ type: 'date', name: 'sentOn', label: 'Date the letter was sent', hint: 'Pre-proceedings start on this date' }],
    schema: LetterBeforeProceedingsInput,
    initial: (_d, { today }) => ({ sentOn: today }),
    save: async (data, { user, child, today }) => ({ id: await sendLetterBeforeProceedings(ctx.db, user, child.id, data, today), action: 'create' }),
  });

  step(app, ctx, {
    path: 'pre-proceedings/:preProceedingsId/meetings/new',
    records: { preProceedingsId: 'pre_proceedings' },
    objectType: 'pre-proceedings-meeting',
    title: 'Record a pre-proceedings meeting or review',
    button: 'Save meeting',
    fields: [
      { type: 'date', name: 'heldOn', label: 'Date of the meeting' },
      { type: 'radios', name: 'kind', label: 'Kind of meeting', options: PRE_PROCEEDINGS_MEETING_KIND },
      { type: 'textarea', name: 'outcome', label: 'What was agreed', hint: 'Progress since the letter or the last review, what the parents will do, what the council will do' },
      { type: 'date', name: 'nextReviewOn', label: 'Date of the next review (optional)' },
    ],
    schema: PreProceedingsMeetingInput,
    initial: (_d, { today }) => ({ heldOn: today }),
    save: async (data, { user, child, params, today }) => ({
      id: await recordPreProceedingsMeeting(ctx.db, user, child.id, params['preProceedingsId']!, data, today),
      action: 'create',
    }),
  });

  step(app, ctx, {
    path: 'pre-proceedings/:preProceedingsId/end',
    records: { preProceedingsId: 'pre_proceedings' },
    objectType: 'pre-proceedings',
    title: 'End pre-proceedings',
    button: 'End pre-proceedings',
    fields: [
      { type: 'date', name: 'endedOn', label: 'Date pre-proceedings ended' },
      { type: 'radios', name: 'outcome', label: 'Decision', options: PRE_PROCEEDINGS_OUTCOME },
      { type: 'textarea', name: 'reason', label: 'Reasons for the decision' },
    ],
    schema: PreProceedingsEndInput,
    initial: (_d, { today }) => ({ endedOn: today }),
    save: async (data, { user, child, params, today }) => {
      await endPreProceedings(ctx.db, user, child.id, params['preProceedingsId']!, data, today);
      return { id: params['preProceedingsId']!, action: 'update' };
    },
  });

  step(app, ctx, {
    path: 'issue',
    objectType: 'care-proceedings',
    title: 'Record the issue of care proceedings',
    intro: () => 'The 26 weeks begin on the issue date: it counts as day 1 (Children Act 1989 s.32(1)(a)).',
    button: 'Save',
    fields: ISSUE_FIELDS,
    schema: IssueProceedingsInput,
    initial: (_d, { today }) => ({ issuedOn: today }),
    save: async (data, { user, child, today }) => ({ id: await issueProceedings(ctx.db, user, child.id, data, today), action: 'create' }),
  });

  step(app, ctx, {
    path: 'care/:proceedingsId/hearings/new',
    records: { proceedingsId: 'care_proceedings' },
    objectType: 'court-hearing',
    title: 'Record a hearing',
    button: 'Save hearing',
    fields: HEARING_FIELDS,
    schema: HearingInput,
    initial: (_d, { today }) => ({ heardOn: today }),
    save: async (data, { user, child, params, today }) => ({ id: await recordHearing(ctx.db, user, child.id, params['proceedingsId']!, data, today), action: 'create' }),
  });

  step(app, ctx, {
    path: 'care/:proceedingsId/orders/new',
    records: { proceedingsId: 'care_proceedings' },
    objectType: 'court-order',
    title: 'Record an order',
    button: 'Save order',
    fields: ORDER_FIELDS,
    schema: OrderInput,
    initial: (_d, { today }) => ({ madeOn: today }),
    save: async (data, { user, child, params, today }) => ({ id: await recordOrder(ctx.db, user, child.id, params['proceedingsId']!, data, today), action: 'create' }),
  });

  step(app, ctx, {
    path: 'care/:proceedingsId/conclude',
    records: { proceedingsId: 'care_proceedings' },
    objectType: 'care-proceedings',
    title: 'Record the conclusion of care proceedings',
    button: 'Save',
    fields: [
      { type: 'date', name: 'concludedOn', label: 'Date the proceedings concluded' },
      { type: 'textarea', name: 'conclusion', label: 'How they ended', hint: 'The final orders and the plan for the child' },
    ],
    schema: ConclusionInput,
    initial: (_d, { today }) => ({ concludedOn: today }),
    save: async (data, { user, child, params, today }) => {
      await concludeProceedings(ctx.db, user, child.id, params['proceedingsId']!, data, today);
      return { id: params['proceedingsId']!, action: 'update' };
    },
  });

  correctionRoutes(app, ctx);
  proceedingsApi(app, ctx);
  familyGroupRoutes(app, ctx);
};
