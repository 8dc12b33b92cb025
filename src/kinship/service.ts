// Kinship care whatever its legal status (CA 1989 s.22I, inserted by the Children's Wellbeing and
// Schools Act 2026 s.5): the arrangement and its kind, the carers, the kinship local offer sent to
// them (s.22H(4)), and the end. Kinship foster care is a looked-after placement with a connected
// person, linked to that placement where there is one. The local offer clock starts on a derived
// milestone (src/clocks/milestones.ts), so nothing here starts it.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { refreshClocks } from '../clocks/refresh.ts';
import { correctRecord, deleteRecord } from '../server/corrections.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { labelFor } from '../codes/code-list.ts';
import { PLACEMENT_TYPE } from '../codes/ssda903.ts';
import { ruleById } from '../clocks/rules.ts';
import { CONNECTED_PERSON_PLACEMENTS, kinshipKindLabel, offerMethodLabel } from './codes.ts';
import type { CarerInput, KinshipCorrection, KinshipEndInput, KinshipInput, OfferInput } from './schemas.ts';
import { periodOnDate } from '../looked-after/repository.ts';

async function checkDate(tx: Db, childId: string, date: string, today: string, field: string, what: string) {
  if (date > today) throw new RuleBroken(`${what} cannot be in the future`, field);
  assertNotBeforeBirth(await childDates(tx, childId), date, field, what);
}

export async function arrangementOfChild(db: Db, childId: string, id: string, options: { lock?: boolean } = {}) {
  const q = db.selectFrom('kinship_arrangement').selectAll().where('id', '=', id).where('deleted_at', 'is', null);
  const row = await (options.lock ? q.forUpdate() : q).executeTakeFirst();
  if (!row || row.child_id !== childId) throw new NotFound('No kinship arrangement with that id for this child');
  return row;
}

/** The child's placements with a relative or friend, newest first: what kinship foster care links to. */
export async function connectedPersonPlacements(db: Db, childId: string) {
  return db
    .selectFrom('placement')
    .select(['id', 'started_on', 'ended_on', 'carer_name', 'placement_type'])
    .where('child_id', '=', childId)
    .where('deleted_at', 'is', null)
    .where('placement_type', 'in', CONNECTED_PERSON_PLACEMENTS)
    .orderBy('started_on', 'desc')
    .execute();
}

const title = (kind: string, carers: readonly string[]) => `${kinshipKindLabel(kind)}: with ${carers.join(' and ')}`;

export async function startKinship(db: Kysely<Database>, user: SignedInUser, childId: string, input: KinshipInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    await checkDate(tx, childId, input.startedOn, today, 'startedOn', 'The date it began');
    const open = await tx.selectFrom('kinship_arrangement').select(['started_on', 'kind']).where('child_id', '=', childId).where('ended_on', 'is', null).where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
    if (open) throw new RuleBroken(`The child is already in ${midSentence(kinshipKindLabel(open.kind))} from ${formatDate(open.started_on)}: end that arrangement first`, 'startedOn');
    if (input.kind === 'kinship_foster') {
      if (!(await periodOnDate(tx, childId, input.startedOn))) throw new RuleBroken(`Kinship foster care is a looked-after placement, and the child was not looked after on ${formatDate(input.startedOn)}: choose informal care, or record that they came into care first`, 'kind');
      if (input.placementId) {
        const placement = await tx.selectFrom('placement').select(['child_id', 'placement_type']).where('id', '=', input.placementId).where('deleted_at', 'is', null).executeTakeFirst();
        if (!placement || placement.child_id !== childId) throw new RuleBroken('Choose one of this child’s placements', 'placementId');
        if (!CONNECTED_PERSON_PLACEMENTS.includes(placement.placement_type)) {
          throw new RuleBroken(`That placement is ${labelFor(PLACEMENT_TYPE, placement.placement_type) ?? placement.placement_type}, not with a relative or friend`, 'placementId');
        }
      }
    } else if (input.placementId) {
      throw new RuleBroken('Only kinship foster care is linked to a placement', 'placementId');
    }
    const id = randomUUID();
    await tx
      .insertInto('kinship_arrangement')
      .values({ id, child_id: childId, kind: input.kind, started_on: input.startedOn, placement_id: input.kind === 'kinship_foster' ? input.placementId : null, note: input.note, recorded_by: user.id })
      .execute();
    const carers = [{ name: input.carerName, relationship: input.carerRelationship }];
    if (input.secondCarerName && input.secondCarerRelationship) carers.push({ name: input.secondCarerName, relationship: input.secondCarerRelationship });
    await tx
      .insertInto('kinship_carer')
      .values(carers.map((c) => ({ id: randomUUID(), arrangement_id: id, child_id: childId, name: c.name, relationship: c.relationship, recorded_by: user.id })))
      .execute();
    await recordEvent(
      tx,
      { childId, type: 'kinship.started', occurredOn: input.startedOn, sourceTable: 'kinship_arrangement', sourceId: id, scopeId: id, title: title(input.kind, carers.map((c) => `${c.name} (${c.relationship})`)), detail: input.note },
      user.id,
    );
    return id;
  });
}

export async function addKinshipCarer(db: Kysely<Database>, user: SignedInUser, childId: string, arrangementId: string, input: CarerInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const row = await arrangementOfChild(tx, childId, arrangementId);
    if (row.ended_on) throw new RuleBroken(`This arrangement ended on ${formatDate(row.ended_on)}`, 'name');
    const id = randomUUID();
    await tx.insertInto('kinship_carer').values({ id, arrangement_id: arrangementId, child_id: childId, name: input.name, relationship: input.relationship, recorded_by: user.id }).execute();
    await recordEvent(tx, { childId, type: 'kinship.carer-added', occurredOn: today, sourceTable: 'kinship_carer', sourceId: id, scopeId: arrangementId, title: `Kinship carer added: ${input.name} (${input.relationship})` }, user.id);
    return id;
  });
}

export async function carerOfChild(db: Db, childId: string, arrangementId: string, carerId: string) {
  const row = await db.selectFrom('kinship_carer').selectAll().where('id', '=', carerId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row || row.child_id !== childId || row.arrangement_id !== arrangementId) throw new NotFound('No such carer in this arrangement');
  return row;
}

export async function removeKinshipCarer(db: Kysely<Database>, user: SignedInUser, childId: string, arrangementId: string, carerId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await arrangementOfChild(tx, childId, arrangementId, { lock: true });
    await carerOfChild(tx, childId, arrangementId, carerId);
    const others = await tx.selectFrom('kinship_carer').select('id').where('arrangement_id', '=', arrangementId).where('id', '<>', carerId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!others) throw new RuleBroken('An arrangement has at least one carer: add the right carer before removing this one');
    await deleteRecord(tx, { table: 'kinship_carer', id: carerId, actorId: user.id, reason, childId });
  });
}

/** The kinship local offer sent to the carers (s.22H(4)): meets the clock. */
export async function recordKinshipOffer(db: Kysely<Database>, user: SignedInUser, childId: string, arrangementId: string, input: OfferInput, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await arrangementOfChild(tx, childId, arrangementId, { lock: true });
    if (row.offer_sent_on) throw new RuleBroken(`The local offer was already sent on ${formatDate(row.offer_sent_on)}: correct that record if the date is wrong`, 'sentOn');
    await checkDate(tx, childId, input.sentOn, today, 'sentOn', 'The date the offer was sent');
    if (input.sentOn < row.started_on) throw new RuleBroken(`The arrangement began on ${formatDate(row.started_on)}: record the offer sent to these carers on or after that day`, 'sentOn');
    if (row.ended_on && input.sentOn > row.ended_on) throw new RuleBroken(`The arrangement ended on ${formatDate(row.ended_on)}`, 'sentOn');
    await updateRecord(tx, 'kinship_arrangement', arrangementId, { offer_sent_on: input.sentOn, offer_sent_how: input.how }, user.id);
    await recordEvent(tx, { childId, type: 'kinship.offer-sent', occurredOn: input.sentOn, sourceTable: 'kinship_arrangement', sourceId: arrangementId, scopeId: arrangementId, title: `Kinship local offer sent to the carers (${midSentence(offerMethodLabel(input.how))})` }, user.id);
  });
}

export async function endKinship(db: Kysely<Database>, user: SignedInUser, childId: string, arrangementId: string, input: KinshipEndInput, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await arrangementOfChild(tx, childId, arrangementId, { lock: true });
    if (row.ended_on) throw new RuleBroken(`It ended on ${formatDate(row.ended_on)}`, 'endedOn');
    await checkDate(tx, childId, input.endedOn, today, 'endedOn', 'The date it ended');
    if (input.endedOn < row.started_on) throw new RuleBroken(`It cannot end before it began (${formatDate(row.started_on)})`, 'endedOn');
    await updateRecord(tx, 'kinship_arrangement', arrangementId, { ended_on: input.endedOn, end_reason: input.reason }, user.id);
    await recordEvent(tx, { childId, type: 'kinship.ended', occurredOn: input.endedOn, sourceTable: 'kinship_arrangement', sourceId: arrangementId, scopeId: arrangementId, title: `${kinshipKindLabel(row.kind)} ended: ${input.reason}` }, user.id);
  });
}

/** Corrects the start date and note; the start's journal event and the offer's clock follow. */
export async function correctKinship(db: Kysely<Database>, user: SignedInUser, childId: string, arrangementId: string, input: KinshipCorrection, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await arrangementOfChild(tx, childId, arrangementId);
    await checkDate(tx, childId, input.startedOn, today, 'startedOn', 'The date it began');
    if (row.ended_on && input.startedOn > row.ended_on) throw new RuleBroken(`It ended on ${formatDate(row.ended_on)}: it must begin on or before that`, 'startedOn');
    if (row.offer_sent_on && input.startedOn > row.offer_sent_on) throw new RuleBroken(`The local offer was sent on ${formatDate(row.offer_sent_on)}: the arrangement began on or before that`, 'startedOn');
    if (row.kind === 'kinship_foster' && !(await periodOnDate(tx, childId, input.startedOn))) throw new RuleBroken(`The child was not looked after on ${formatDate(input.startedOn)}`, 'startedOn');
    await correctRecord(tx, { table: 'kinship_arrangement', id: arrangementId, actorId: user.id, reason: input.reason, expectedVersion: input.version, changes: { started_on: input.startedOn, note: input.note } });
    await tx.updateTable('child_event').set({ occurred_on: input.startedOn, detail: input.note }).where('source_id', '=', arrangementId).where('type', '=', 'kinship.started').execute();
    await refreshClocks(tx, childId);
  });
}

export async function deleteKinship(db: Kysely<Database>, user: SignedInUser, childId: string, arrangementId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await arrangementOfChild(tx, childId, arrangementId, { lock: true });
    const carers = await tx.selectFrom('kinship_carer').select('id').where('arrangement_id', '=', arrangementId).where('deleted_at', 'is', null).execute();
    for (const c of carers) await deleteRecord(tx, { table: 'kinship_carer', id: c.id, actorId: user.id, reason, childId });
    await deleteRecord(tx, { table: 'kinship_arrangement', id: arrangementId, actorId: user.id, reason, childId });
  });
}

/** The page: arrangements newest first, each with its carers, the linked placement and the offer's due date. */
export async function kinshipOf(db: Db, childId: string, today: string) {
  const [arrangements, carers, placements, clocks] = await Promise.all([
    db.selectFrom('kinship_arrangement').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('started_on', 'desc').execute(),
    db.selectFrom('kinship_carer').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('recorded_at').execute(),
    connectedPersonPlacements(db, childId),
    db.selectFrom('clock').select(['scope_id', 'due_on', 'met_on']).where('child_id', '=', childId).where('rule_id', '=', 'kinship-local-offer').where('stopped_on', 'is', null).execute(),
  ]);
  return {
    offerRule: ruleById('kinship-local-offer')!,
    arrangements: arrangements.map((a) => {
      const clock = clocks.find((c) => c.scope_id === a.id) ?? null;
      const placement = placements.find((p) => p.id === a.placement_id) ?? null;
      return {
        ...a,
        open: a.ended_on === null,
        kindLabel: kinshipKindLabel(a.kind),
        offerHowLabel: a.offer_sent_how ? offerMethodLabel(a.offer_sent_how) : null,
        carers: carers.filter((c) => c.arrangement_id === a.id),
        placement: placement ? { ...placement, typeLabel: labelFor(PLACEMENT_TYPE, placement.placement_type) ?? placement.placement_type } : null,
        offerDueOn: clock && !clock.met_on ? clock.due_on : null,
        offerOverdue: clock !== null && !clock.met_on && clock.due_on < today,
      };
    }),
  };
}
