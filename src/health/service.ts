// The health of a child in care: assessments while looked after (the first in a period is the initial
// one), and dental checks, immunisations and SDQ scores. The assessment's journal event says which
// side of the 5th birthday it fell, so the next is due in 6 or 12 months (CPPCR 2010 reg 7).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { correctRecord, deleteRecord } from '../server/corrections.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { ageOn, formatDate } from '../server/format.ts';
import { assertNotBeforeBirth, childDates, type ChildDates } from '../people/dates.ts';
import type { EventType } from '../chronology/event-types.ts';
import type { HealthAssessmentCorrection, HealthAssessmentInput, HealthCheckCorrection, HealthCheckInput } from './schemas.ts';
import { periodOnDate } from '../looked-after/repository.ts';

async function periodOn(tx: Db, childId: string, on: string) {
  const period = await periodOnDate(tx, childId, on);
  if (!period) throw new RuleBroken(`The child was not looked after on ${formatDate(on)}: health assessments here are for children in care`, 'assessedOn');
  return period;
}

/** Which rule's interval follows: before the 5th birthday, 6 months; from it, 12 (reg 7(4)). */
const eventOf = (child: ChildDates, on: string): EventType => (child.date_of_birth && ageOn(child.date_of_birth, on) < 5 ? 'health-assessment.under-5' : 'health-assessment.5-and-over');

async function check(tx: Db, childId: string, input: HealthAssessmentInput, today: string) {
  if (input.assessedOn > today) throw new RuleBroken('The date of the assessment cannot be in the future', 'assessedOn');
  const child = await childDates(tx, childId);
  assertNotBeforeBirth(child, input.assessedOn, 'assessedOn', 'The date of the assessment');
  return { child, period: await periodOn(tx, childId, input.assessedOn) };
}

export async function recordHealthAssessment(db: Kysely<Database>, user: SignedInUser, childId: string, input: HealthAssessmentInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const { child, period } = await check(tx, childId, input, today);
    const earlier = await tx.selectFrom('health_assessment').select('id').where('period_id', '=', period.id).where('assessed_on', '<=', input.assessedOn).where('deleted_at', 'is', null).executeTakeFirst();
    const kind = earlier ? 'review' : 'initial';
    const id = randomUUID();
    await tx.insertInto('health_assessment').values({ id, child_id: childId, period_id: period.id, kind, assessed_on: input.assessedOn, assessed_by: input.assessedBy, summary: input.summary, recorded_by: user.id }).execute();
    await recordEvent(tx, { childId, type: eventOf(child, input.assessedOn), occurredOn: input.assessedOn, sourceTable: 'health_assessment', sourceId: id, title: `${kind === 'initial' ? 'Initial' : 'Review'} health assessment by ${input.assessedBy}`, detail: input.summary }, user.id);
    return id;
  });
}

export async function assessmentOfChild(db: Db, childId: string, id: string) {
  const row = await db.selectFrom('health_assessment').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row || row.child_id !== childId) throw new NotFound('No health assessment with that id for this child');
  return row;
}

export async function correctHealthAssessment(db: Kysely<Database>, user: SignedInUser, childId: string, id: string, input: HealthAssessmentCorrection, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await assessmentOfChild(tx, childId, id);
    const { child, period } = await check(tx, childId, input, today);
    if (period.id !== row.period_id) throw new RuleBroken('The corrected date falls in another period of care: delete this assessment and record it there', 'assessedOn');
    await correctRecord(tx, {
      table: 'health_assessment',
      id,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: { assessed_on: input.assessedOn, assessed_by: input.assessedBy, summary: input.summary },
      event: { occurredOn: input.assessedOn, title: `${row.kind === 'initial' ? 'Initial' : 'Review'} health assessment by ${input.assessedBy}`, detail: input.summary },
    });
    // The 5th birthday may now fall the other side of it: the next one's interval follows.
    await tx.updateTable('child_event').set({ type: eventOf(child, input.assessedOn) }).where('source_id', '=', id).execute();
  });
}

export async function deleteHealthRecord(db: Kysely<Database>, user: SignedInUser, childId: string, table: 'health_assessment' | 'health_check', id: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom(table).select('child_id').where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!row || row.child_id !== childId) throw new NotFound('No such record for this child');
    await deleteRecord(tx, { table, id, actorId: user.id, reason, childId });
  });
}

const CHECK_TITLES = { dental: 'Dental check', immunisations: 'Immunisations checked', sdq: 'Strengths and difficulties questionnaire', development: 'Development check', substance_misuse: 'Substance misuse problem identified' } as const;
const INTERVENTION_TITLES = { received: 'intervention received', offered: 'intervention offered, not received', not_offered: 'no intervention offered' } as const;

/** The journal's title for a check: what it found, in a few words. */
function checkTitle(input: HealthCheckInput): string {
  if (input.kind === 'immunisations') return `Immunisations ${input.upToDate ? 'up to date' : 'not up to date'}`;
  if (input.kind === 'sdq' && input.sdqScore !== undefined) return `SDQ score ${input.sdqScore}`;
  if (input.kind === 'substance_misuse' && input.intervention) return `${CHECK_TITLES.substance_misuse}: ${INTERVENTION_TITLES[input.intervention]}`;
  return CHECK_TITLES[input.kind];
}

/**
 * What a check may say about the child on its day: an SDQ is scored only from 4 to 16 (SSDA903 SDQ1
 * otherwise); a development check is of a child under 5 (OC2 HEALTH_CHECK; rules 545, 546).
 */
async function checkOnDay(tx: Db, childId: string, input: HealthCheckInput, today: string): Promise<void> {
  if (input.checkedOn > today) throw new RuleBroken('The date cannot be in the future', 'checkedOn');
  const child = await childDates(tx, childId);
  assertNotBeforeBirth(child, input.checkedOn, 'checkedOn', 'The date');
  if (!child.date_of_birth) return;
  const age = ageOn(child.date_of_birth, input.checkedOn);
  if (input.kind === 'sdq' && input.sdqScore !== undefined && (age < 4 || age > 16)) {
    throw new RuleBroken(`The child was ${age}: the SDQ is scored from 4 to 16. Choose “Child under 4 or over 16”`, 'sdqScore');
  }
  if (input.kind === 'development' && age >= 5) throw new RuleBroken(`The child was ${age}: development checks here are of children under 5`, 'kind');
}

/** The columns a check fills: each kind its own, the rest empty. */
const checkColumns = (input: HealthCheckInput) => ({
  checked_on: input.checkedOn,
  up_to_date: input.kind === 'immunisations' ? (input.upToDate ?? null) : null,
  sdq_score: input.kind === 'sdq' ? (input.sdqScore ?? null) : null,
  sdq_reason: input.kind === 'sdq' ? (input.sdqReason ?? null) : null,
  intervention: input.kind === 'substance_misuse' ? (input.intervention ?? null) : null,
  note: input.note,
});

/**
 * A dental check, the immunisation status, an SDQ, a development check (under 5), or a substance
 * misuse problem identified with whether an intervention was received or offered.
 */
export async function recordHealthCheck(db: Kysely<Database>, user: SignedInUser, childId: string, input: HealthCheckInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    await checkOnDay(tx, childId, input, today);
    const id = randomUUID();
    await tx.insertInto('health_check').values({ id, child_id: childId, kind: input.kind, ...checkColumns(input), recorded_by: user.id }).execute();
    await recordEvent(tx, { childId, type: 'health-check.recorded', occurredOn: input.checkedOn, sourceTable: 'health_check', sourceId: id, title: checkTitle(input), detail: input.note }, user.id);
    return id;
  });
}

/** Corrects a check with the reason; what kind of check it was stays (delete it and record another). */
export async function correctHealthCheck(db: Kysely<Database>, user: SignedInUser, childId: string, id: string, input: HealthCheckCorrection, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await checkOfChild(tx, childId, id);
    if (row.kind !== input.kind) throw new RuleBroken('What was checked cannot change: delete this record and record the other', 'kind');
    await checkOnDay(tx, childId, input, today);
    await correctRecord(tx, { table: 'health_check', id, actorId: user.id, reason: input.reason, expectedVersion: input.version, changes: checkColumns(input), event: { occurredOn: input.checkedOn, title: checkTitle(input), detail: input.note } });
  });
}

export async function checkOfChild(db: Db, childId: string, id: string) {
  const row = await db.selectFrom('health_check').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row || row.child_id !== childId) throw new NotFound('No health record with that id for this child');
  return row;
}
