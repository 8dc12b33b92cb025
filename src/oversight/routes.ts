// The child's management oversight pages and API: the entries, a manager's oversight form (with its
// actions), a challenge's response, corrections and deletion, and management decisions. Declared with
// the child page pattern; the rules (who manages the case) are in service.ts. The forms need only
// sight of the child: a head of service reads every case but changes none, yet manages their teams'
// cases, so the service decides who may record (decision 0021).
import type { RegisterRoutes } from '../server/context.ts';
import { apiRoute } from '../server/api.ts';
import { childApi, childDelete, childForm, childNewRecord, childPage, type Values } from '../server/child-pages.ts';
import { correctionApi } from '../server/correction-api.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { optionItems } from '../server/form-items.ts';
import { ChildParams } from '../plans/fields.ts';
import { possibleOwners } from '../plans/service.ts';
import { DECISION_KIND, OVERSIGHT_KIND, RECORD_PARTS } from './codes.ts';
import { ChallengeResponse, DecisionCorrection, DecisionInput, DecisionParams, OversightCorrection, OversightInput, OversightParams } from './schemas.ts';
import { correctOversight, deleteOversight, oversightEntriesOf, oversightOf, recordOversight, respondToChallenge } from './service.ts';
import { correctDecision, decisionOf, decisionsOf, deleteDecision, recordDecision } from './decisions.ts';
import { managesCase } from './managers.ts';
import { actionDateFields, actionRowsFrom } from '../actions/form-rows.ts';
import { oversightListRoutes } from './list-routes.ts';
import './record-section.ts';
import './closure.ts';

/** Rows of actions on the form: a blank row is left out, a half-filled one is checked. */
const ACTION_ROWS = 3;

const kindLabels = Object.fromEntries(OVERSIGHT_KIND.map((k) => [k.code, k.label]));
const partLabels = Object.fromEntries(RECORD_PARTS.map((p) => [p.code, p.label]));
const decisionLabels = Object.fromEntries(DECISION_KIND.map((k) => [k.code, k.label]));

export const oversightRoutes: RegisterRoutes = (app, ctx) => {
  oversightListRoutes(app, ctx);
  const listOf = (childId: string) => `/children/${childId}/oversight`;

  childPage(app, ctx, {
    path: '/children/:childId/oversight',
    audit: 'management-oversight',
    template: 'oversight/views/oversight.njk',
    load: async ({ child, user }) => {
      const [entries, decisions, manages] = await Promise.all([oversightEntriesOf(ctx.db, child.id), decisionsOf(ctx.db, child.id), managesCase(ctx.db, user.id, child.id)]);
      return { title: 'Management oversight', entries, decisions, manages, kindLabels, decisionLabels };
    },
  });

  const formData = async (userId: Parameters<typeof possibleOwners>[1], childId: string) => possibleOwners(ctx.db, userId, childId);
  const formView = (owners: Awaited<ReturnType<typeof formData>>, values: Values) => ({
    kindItems: OVERSIGHT_KIND.map((k) => ({ value: k.code, text: k.label, hint: { text: k.note }, checked: values['kind'] === k.code })),
    partItems: RECORD_PARTS.map((p) => ({
      value: p.code,
      text: p.label,
      checked: Array.isArray(values['partsRead']) ? (values['partsRead'] as string[]).includes(p.code) : values['partsRead'] === p.code,
    })),
    addresseeItems: optionItems(owners.map((u) => ({ value: u.id, text: u.display_name })), values['addressedToUserId'], 'Not a Lantern user'),
    actionRows: Array.from({ length: ACTION_ROWS }, (_, i) => ({
      index: i,
      ownerItems: optionItems(owners.map((u) => ({ value: u.id, text: u.display_name })), values[`actions.${i}.ownerUserId`], 'Not a Lantern user'),
    })),
  });

  childNewRecord(app, ctx, {
    path: '/children/:childId/oversight/new',
    access: 'see',
    audit: 'management-oversight',
    template: 'oversight/views/oversight-form.njk',
    schema: OversightInput,
    dates: ['overseenOn', ...actionDateFields(ACTION_ROWS)],
    input: (values) => ({ ...values, actions: actionRowsFrom(values, ACTION_ROWS) }),
    load: ({ user, child }) => formData(user, child.id),
    initial: (_owners, { today, query }) => ({ overseenOn: today, kind: typeof query['kind'] === 'string' ? query['kind'] : 'oversight' }),
    view: (owners, values) => ({ title: 'Record management oversight', ...formView(owners, values) }),
    record: recordOversight,
    next: (childId, id) => `${listOf(childId)}/${id}`,
  });

  childPage(app, ctx, {
    path: '/children/:childId/oversight/:entryId',
    records: { entryId: 'management_oversight' },
    audit: 'management-oversight',
    template: 'oversight/views/entry.njk',
    load: async ({ child, params, user }) => {
      const [entry, manages] = await Promise.all([oversightOf(ctx.db, child.id, params['entryId']!), managesCase(ctx.db, user.id, child.id)]);
      return { title: `${kindLabels[entry.kind]} on ${formatDate(entry.overseen_on)}`, entry, manages, kindLabels, partLabels };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/oversight/:entryId/change',
    access: 'see',
    records: { entryId: 'management_oversight' },
    audit: 'management-oversight',
    template: 'oversight/views/oversight-form.njk',
    schema: OversightCorrection,
    dates: ['overseenOn'],
    load: async ({ user, child, params }) => ({ entry: await oversightOf(ctx.db, child.id, params['entryId']!), owners: await formData(user, child.id) }),
    initial: ({ entry }) => ({
      kind: entry.kind,
      overseenOn: entry.overseen_on,
      partsRead: entry.parts_read,
      whatRead: entry.what_read,
      analysis: entry.analysis,
      direction: entry.direction,
      addressedTo: entry.addressed_to,
      addressedToUserId: entry.addressed_to_user_id ?? '',
      version: entry.version,
    }),
    view: ({ entry, owners }, values) => ({
      title: `Correct the ${midSentence(kindLabels[entry.kind]!)} of ${formatDate(entry.overseen_on)}`,
      correcting: true,
      entryKind: entry.kind,
      ...formView(owners, { ...values, kind: entry.kind }),
    }),
    save: async (input, { user, child, params, today }) => {
      await correctOversight(ctx.db, user, child.id, params['entryId']!, input, today);
      return { next: `${listOf(child.id)}/${params['entryId']}`, audit: { action: 'update', objectType: 'management-oversight', objectId: params['entryId']! } };
    },
  });

  childDelete(app, ctx, {
    path: '/children/:childId/oversight/:entryId/delete',
    access: 'see',
    records: { entryId: 'management_oversight' },
    audit: 'management-oversight',
    title: 'Delete this oversight entry',
    load: async ({ child, params }) => {
      const entry = await oversightOf(ctx.db, child.id, params['entryId']!);
      return {
        backHref: `${listOf(child.id)}/${entry.id}`,
        rows: [
          { key: { text: 'Entry' }, value: { text: `${kindLabels[entry.kind]} on ${formatDate(entry.overseen_on)}` } },
          { key: { text: 'Manager' }, value: { text: entry.manager_name } },
        ],
      };
    },
    remove: async ({ user, child, params }, reason) => {
      await deleteOversight(ctx.db, user, child.id, params['entryId']!, reason);
      return { next: listOf(child.id), audit: { action: 'delete', objectType: 'management-oversight', objectId: params['entryId']! } };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/oversight/:entryId/response',
    records: { entryId: 'management_oversight' },
    audit: 'management-oversight',
    template: 'oversight/views/response-form.njk',
    schema: ChallengeResponse,
    dates: ['respondedOn'],
    load: ({ child, params }) => oversightOf(ctx.db, child.id, params['entryId']!),
    initial: (entry, { today }) => ({ respondedOn: entry.responded_on ?? today, response: entry.response, version: entry.version }),
    view: (entry) => ({ title: `Record the response to the ${entry.kind}`, entry, kindLabels }),
    save: async (input, { user, child, params, today }) => {
      await respondToChallenge(ctx.db, user, child.id, params['entryId']!, input, today);
      return { next: `${listOf(child.id)}/${params['entryId']}`, audit: { action: 'update', objectType: 'management-oversight', objectId: params['entryId']! } };
    },
  });

  childNewRecord(app, ctx, {
    path: '/children/:childId/decisions/new',
    access: 'see',
    audit: 'management-decision',
    template: 'oversight/views/decision-form.njk',
    schema: DecisionInput,
    dates: ['decidedOn'],
    load: async () => null,
    initial: (_d, { today, query }) => ({ decidedOn: today, kind: typeof query['kind'] === 'string' ? query['kind'] : undefined }),
    view: (_d, values) => ({
      title: 'Record a management decision',
      kindItems: DECISION_KIND.map((k) => ({ value: k.code, text: k.label, checked: values['kind'] === k.code })),
    }),
    record: recordDecision,
    next: (childId) => `${listOf(childId)}#decisions`,
  });

  // Decision 0025: a manager of the case corrects a decision with the reason, or deletes one recorded
  // in error; one acted on is not deleted, nor dated after the transition it authorised.
  childForm(app, ctx, {
    path: '/children/:childId/decisions/:decisionId/change',
    access: 'see',
    records: { decisionId: 'management_decision' },
    audit: 'management-decision',
    template: 'oversight/views/decision-form.njk',
    schema: DecisionCorrection,
    dates: ['decidedOn'],
    load: ({ child, params }) => decisionOf(ctx.db, child.id, params['decisionId']!),
    initial: (d) => ({
      decidedOn: d.decided_on,
      authorises: d.authorises,
      rationale: d.rationale,
      workSummary: d.work_summary,
      situationAtClosure: d.situation_at_closure,
      version: d.version,
    }),
    view: (d) => ({ title: `Correct the decision: ${decisionLabels[d.kind]}`, correcting: true, decision: d, kindLabel: decisionLabels[d.kind] }),
    save: async (input, { user, child, params, today }) => {
      await correctDecision(ctx.db, user, child.id, params['decisionId']!, input, today);
      return { next: `${listOf(child.id)}#decisions`, audit: { action: 'update', objectType: 'management-decision', objectId: params['decisionId']! } };
    },
  });

  childDelete(app, ctx, {
    path: '/children/:childId/decisions/:decisionId/delete',
    access: 'see',
    records: { decisionId: 'management_decision' },
    audit: 'management-decision',
    title: 'Delete this management decision',
    load: async ({ child, params }) => {
      const d = await decisionOf(ctx.db, child.id, params['decisionId']!);
      return {
        backHref: `${listOf(child.id)}#decisions`,
        rows: [
          { key: { text: 'Decision' }, value: { text: `${decisionLabels[d.kind]} on ${formatDate(d.decided_on)}` } },
          { key: { text: 'Manager' }, value: { text: d.manager_name } },
        ],
      };
    },
    remove: async ({ user, child, params }, reason) => {
      await deleteDecision(ctx.db, user, child.id, params['decisionId']!, reason);
      return { next: `${listOf(child.id)}#decisions`, audit: { action: 'delete', objectType: 'management-decision', objectId: params['decisionId']! } };
    },
  });

  // --- API ------------------------------------------------------------------------------------
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/oversight',
    summary: 'A child’s management oversight entries (oversight, challenges, escalations), newest first, and the management decisions on the case',
    tag: 'Management oversight',
    params: ChildParams,
    guard: childApi('see', 'management-oversight'),
    handler: async ({ params }) => {
      const [entries, decisions] = await Promise.all([oversightEntriesOf(ctx.db, params.childId), decisionsOf(ctx.db, params.childId)]);
      return { entries, decisions };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/oversight',
    summary: 'Record management oversight, a challenge or an escalation by the signed-in manager of the case, with its actions; it meets the oversight clock',
    tag: 'Management oversight',
    params: ChildParams,
    body: OversightInput,
    guard: childApi('see', 'management-oversight'),
    change: { action: 'create', objectType: 'management-oversight' },
    handler: async ({ params, body, request }) => ({ id: await recordOversight(ctx.db, request.user!, params.childId, body, ctx.time.today()) }),
  });

  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/oversight/:entryId',
    tag: 'Management oversight',
    objectType: 'management-oversight',
    params: OversightParams,
    records: { entryId: 'management_oversight' },
    correct: {
      summary: 'Correct an oversight entry with the reason (a manager of the case); the old version is kept',
      body: OversightCorrection,
      save: (user, p, body, today) => correctOversight(ctx.db, user, p.childId, p.entryId, body, today),
    },
    remove: {
      summary: 'Delete an oversight entry with the reason (a manager of the case): it leaves the chronology and stops meeting the oversight clock',
      save: (user, p, body) => deleteOversight(ctx.db, user, p.childId, p.entryId, body.reason),
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/decisions',
    summary: 'Record a management decision with its rationale (a manager of the case): the transition it authorises may then be recorded',
    tag: 'Management oversight',
    params: ChildParams,
    body: DecisionInput,
    guard: childApi('see', 'management-decision'),
    change: { action: 'create', objectType: 'management-decision' },
    handler: async ({ params, body, request }) => ({ id: await recordDecision(ctx.db, request.user!, params.childId, body, ctx.time.today()) }),
  });

  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/decisions/:decisionId',
    tag: 'Management oversight',
    objectType: 'management-decision',
    params: DecisionParams,
    records: { decisionId: 'management_decision' },
    correct: {
      summary: 'Correct a management decision with the reason (a manager of the case); the old version is kept. One acted on cannot be dated after the transition it authorised',
      body: DecisionCorrection,
      save: (user, p, body, today) => correctDecision(ctx.db, user, p.childId, p.decisionId, body, today),
    },
    remove: {
      summary: 'Delete a management decision recorded in error, with the reason (a manager of the case); one already acted on cannot be deleted',
      save: (user, p, body) => deleteDecision(ctx.db, user, p.childId, p.decisionId, body.reason),
    },
  });
};
