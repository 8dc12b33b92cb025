// Written agreement pages (Newham 2020 F8): the list, recording one, correcting one with the reason,
// and deleting one. Declared with the child page pattern; HTTP only.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../server/context.ts';
import { childDelete, childForm, childNewRecord, childPage, type Values } from '../server/child-pages.ts';
import { optionItems } from '../server/form-items.ts';
import { formatDate } from '../server/format.ts';
import { plansOf } from './service.ts';
import { correctWrittenAgreement, deleteWrittenAgreement, makeWrittenAgreement, writtenAgreementOf, writtenAgreementsOf } from './agreements.ts';
import { WrittenAgreementCorrection, WrittenAgreementInput } from './schemas.ts';

const MAX_TERMS = 30;

/** The terms of a written agreement, from form fields named terms.0.action, terms.0.consequence … */
export function termsFromForm(body: Values) {
  const terms: { action: string; consequence: string }[] = [];
  for (const [key, value] of Object.entries(body)) {
    const match = /^terms\.(\d{1,2})\.(action|consequence)$/.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    while (terms.length <= index) terms.push({ action: '', consequence: '' });
    terms[index]![match[2] as 'action' | 'consequence'] = String(value ?? '');
  }
  return terms;
}

/** How many agreed actions the form shows: at least three, every one typed, and one more when asked. */
function rowsShown(values: Values): number {
  const shown = Math.max(3, Number(values['rows']) || 3, termsFromForm(values).length);
  return Math.min(MAX_TERMS, values['addRow'] ? shown + 1 : shown);
}

const withTerms = (values: Values) => ({ ...values, terms: termsFromForm(values) });

export function agreementRoutes(app: FastifyInstance, ctx: AppContext): void {
  const listHref = (childId: string) => `/children/${childId}/written-agreements`;

  childPage(app, ctx, {
    path: '/children/:childId/written-agreements',
    audit: 'written-agreements',
    template: 'plans/views/agreements.njk',
    load: async ({ child, today }) => ({ title: 'Written agreements', agreements: await writtenAgreementsOf(ctx.db, child.id, today) }),
  });

  childNewRecord(app, ctx, {
    path: '/children/:childId/written-agreements/new',
    audit: 'written-agreement',
    template: 'plans/views/agreement-form.njk',
    schema: WrittenAgreementInput,
    dates: ['madeOn', 'reviewOn'],
    input: withTerms,
    // "Add another agreed action" shows the form again with one more row, keeping what was typed.
    redisplay: (values) => Boolean(values['addRow']),
    load: async ({ child }) => (await plansOf(ctx.db, child.id)).filter((p) => !p.ended_on),
    // The plan it is part of: the one asked for, or the child's only open plan.
    initial: (open, { today, query }) => {
      const asked = typeof query['plan'] === 'string' && open.some((p) => p.id === query['plan']) ? (query['plan'] as string) : null;
      return { madeOn: today, planId: asked ?? (open.length === 1 ? open[0]!.id : '') };
    },
    view: (open, values) => ({
      title: 'Record a written agreement',
      rows: rowsShown(values),
      planItems: optionItems(
        open.map((p) => ({ value: p.id, text: `${p.name} from ${formatDate(p.started_on)}` })),
        values['planId'],
        'Not part of a plan',
      ),
    }),
    record: makeWrittenAgreement,
    next: listHref,
  });

  childForm(app, ctx, {
    path: '/children/:childId/written-agreements/:agreementId/change',
    records: { agreementId: 'written_agreement' },
    audit: 'written-agreement',
    template: 'plans/views/agreement-form.njk',
    schema: WrittenAgreementCorrection,
    dates: ['madeOn', 'reviewOn'],
    input: withTerms,
    redisplay: (values) => Boolean(values['addRow']),
    load: ({ child, params }) => writtenAgreementOf(ctx.db, child.id, params['agreementId']!),
    initial: (agreement) => ({
      madeOn: agreement.made_on,
      withWhom: agreement.with_whom,
      reviewOn: agreement.review_on,
      version: agreement.version,
      rows: agreement.terms.length,
      ...Object.fromEntries(agreement.terms.flatMap((t, i) => [[`terms.${i}.action`, t.action], [`terms.${i}.consequence`, t.consequence]])),
    }),
    view: (agreement, values) => ({
      title: `Correct the written agreement made on ${formatDate(agreement.made_on)}`,
      correcting: true,
      rows: rowsShown(values),
      planItems: [],
    }),
    save: async (input, { user, child, params, today }) => {
      await correctWrittenAgreement(ctx.db, user, child.id, params['agreementId']!, input, today);
      return { next: listHref(child.id), audit: { action: 'update', objectType: 'written-agreement', objectId: params['agreementId']! } };
    },
  });

  childDelete(app, ctx, {
    path: '/children/:childId/written-agreements/:agreementId/delete',
    records: { agreementId: 'written_agreement' },
    audit: 'written-agreement',
    title: 'Delete this written agreement',
    load: async ({ child, params }) => {
      const agreement = await writtenAgreementOf(ctx.db, child.id, params['agreementId']!);
      return {
        backHref: listHref(child.id),
        rows: [
          { key: { text: 'Written agreement' }, value: { text: `Made on ${formatDate(agreement.made_on)} with ${agreement.with_whom}` } },
          { key: { text: 'Agreed actions' }, value: { text: String(agreement.terms.length) } },
        ],
      };
    },
    remove: async ({ user, child, params }, reason) => {
      await deleteWrittenAgreement(ctx.db, user, child.id, params['agreementId']!, reason);
      return { next: listHref(child.id), audit: { action: 'delete', objectType: 'written-agreement', objectId: params['agreementId']! } };
    },
  });
}
