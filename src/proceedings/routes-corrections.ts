// Correcting the issue of care proceedings, and correcting or deleting a hearing or an order: the old
// version is kept with the reason, and the chronology and the 26-week clock follow. HTTP only.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../server/context.ts';
import { childRecordDelete } from '../server/child-pages.ts';
import { formatDate } from '../server/format.ts';
import { labelFor } from '../codes/index.ts';
import { HEARING_TYPE, ORDER_TYPE } from './codes.ts';
import { HearingCorrection, OrderCorrection, ProceedingsCorrection } from './schemas.ts';
import * as repo from './repository.ts';
import { correctHearing, correctOrder, correctProceedings, deleteHearing, deleteOrder, hearingOf, orderOf } from './corrections.ts';
import { HEARING_FIELDS, ISSUE_FIELDS, ORDER_FIELDS, proceedingsPage, step } from './steps.ts';
import { NotFound } from '../server/errors.ts';

export function correctionRoutes(app: FastifyInstance, ctx: AppContext): void {
  step(app, ctx, {
    path: 'care/:proceedingsId/change',
    records: { proceedingsId: 'care_proceedings' },
    objectType: 'care-proceedings',
    correcting: true,
    load: async ({ child, params }) => {
      const proceedings = await repo.findProceedings(ctx.db, params['proceedingsId']!);
      if (!proceedings || proceedings.child_id !== child.id) throw new NotFound('No care proceedings with that id for this child');
      return proceedings;
    },
    title: (p) => `Correct the issue of care proceedings on ${formatDate(p.issued_on)}`,
    intro: () => 'The record as it was is kept, with your reason. A corrected issue date moves the end of the 26 weeks, and the chronology follows.',
    button: 'Save correction',
    fields: ISSUE_FIELDS,
    schema: ProceedingsCorrection,
    initial: (p) => ({
      issuedOn: p.issued_on,
      court: p.court,
      caseNumber: p.case_number,
      applicationType: p.application_type,
      firstHearingOn: p.first_hearing_on,
      letterInitiatingSentOn: p.letter_initiating_sent_on,
      version: p.version,
    }),
    save: async (data, { user, child, params, today }) => {
      await correctProceedings(ctx.db, user, child.id, params['proceedingsId']!, data, today);
      return { id: params['proceedingsId']!, action: 'update' };
    },
  });

  // --- Hearings -------------------------------------------------------------------------------
  step(app, ctx, {
    path: 'hearings/:hearingId/change',
    records: { hearingId: 'court_hearing' },
    objectType: 'court-hearing',
    correcting: true,
    load: ({ child, params }) => hearingOf(ctx.db, child.id, params['hearingId']!),
    title: (h) => `Correct the hearing on ${formatDate(h.heard_on)}`,
    intro: () => 'The hearing as it was recorded is kept, with your reason.',
    button: 'Save correction',
    fields: HEARING_FIELDS,
    schema: HearingCorrection,
    initial: (h) => ({ heardOn: h.heard_on, hearingType: h.hearing_type, outcome: h.outcome, nextHearingOn: h.next_hearing_on, version: h.version }),
    save: async (data, { user, child, params, today }) => {
      await correctHearing(ctx.db, user, child.id, params['hearingId']!, data, today);
      return { id: params['hearingId']!, action: 'update' };
    },
  });

  childRecordDelete(app, ctx, {
    path: '/children/:childId/proceedings/hearings/:hearingId/delete',
    records: { hearingId: 'court_hearing' },
    audit: 'court-hearing',
    title: 'Delete this hearing',
    record: ({ child, params }) => hearingOf(ctx.db, child.id, params['hearingId']!),
    rows: (hearing) => [
      { key: { text: 'Hearing' }, value: { text: `${labelFor(HEARING_TYPE, hearing.hearing_type) ?? 'Hearing'} on ${formatDate(hearing.heard_on)}` } },
      { key: { text: 'What the court decided or directed' }, value: { text: hearing.outcome } },
    ],
    back: (_hearing, { child }) => proceedingsPage(child.id),
    remove: ({ user, child }, hearing, reason) => deleteHearing(ctx.db, user, child.id, hearing.id, reason),
  });

  // --- Orders ---------------------------------------------------------------------------------
  step(app, ctx, {
    path: 'orders/:orderId/change',
    records: { orderId: 'court_order' },
    objectType: 'court-order',
    correcting: true,
    load: ({ child, params }) => orderOf(ctx.db, child.id, params['orderId']!),
    title: (o) => `Correct the order made on ${formatDate(o.made_on)}`,
    intro: () => 'The order as it was recorded is kept, with your reason.',
    button: 'Save correction',
    fields: ORDER_FIELDS,
    schema: OrderCorrection,
    initial: (o) => ({ madeOn: o.made_on, orderType: o.order_type, note: o.note, version: o.version }),
    save: async (data, { user, child, params, today }) => {
      await correctOrder(ctx.db, user, child.id, params['orderId']!, data, today);
      return { id: params['orderId']!, action: 'update' };
    },
  });

  childRecordDelete(app, ctx, {
    path: '/children/:childId/proceedings/orders/:orderId/delete',
    records: { orderId: 'court_order' },
    audit: 'court-order',
    title: 'Delete this order',
    record: ({ child, params }) => orderOf(ctx.db, child.id, params['orderId']!),
    rows: (order) => [{ key: { text: 'Order' }, value: { text: `${labelFor(ORDER_TYPE, order.order_type) ?? 'Order'} made on ${formatDate(order.made_on)}` } }],
    back: (_order, { child }) => proceedingsPage(child.id),
    remove: ({ user, child }, order, reason) => deleteOrder(ctx.db, user, child.id, order.id, reason),
  });
}
