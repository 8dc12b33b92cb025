// The IRO is told of every change to a child's care plan and says when they have read it (CPPCR 2010
// reg 45: the IRO is informed of any significant change to the care plan; Southend 2016 ¶59 found IROs
// "had not been informed of changes to care plans"; seeds IR-04, DQ-27). A change starts a clock on
// the IRO's and the social worker's lists; the IRO's reading meets it. The plan page says how many
// changes the IRO has not yet read.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import type { Db } from '../db/history.ts';
import type { Database } from '../db/schema.ts';
import { RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { planOfChild } from './service.ts';

export interface CarePlanReading {
  /** The IRO's last reading, if any. */
  lastRead: { readOn: string; iroName: string; versionRead: number; comment: string | null } | null;
  latestVersion: number;
  /** The day of the latest change. */
  lastChangedOn: string | null;
  /** Changes made since the IRO last read the plan. */
  unread: number;
}

export async function carePlanReadingOf(db: Db, planId: string): Promise<CarePlanReading> {
  const row = await db
    .selectFrom('plan as p')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('care_plan_acknowledgement as a')
          .innerJoin('app_user as u', 'u.id', 'a.iro_id')
          .select(['a.read_on', 'a.version_read', 'a.comment', 'u.display_name'])
          .whereRef('a.plan_id', '=', 'p.id')
          .where('a.deleted_at', 'is', null)
          .orderBy('a.version_read', 'desc')
          .orderBy('a.read_on', 'desc')
          .limit(1)
          .as('a'),
      (join) => join.onTrue(),
    )
    .select((eb) => [
      'a.read_on',
      'a.version_read',
      'a.comment',
      'a.display_name',
      eb.selectFrom('plan_version as v').select((v) => v.fn.coalesce(v.fn.max('v.version'), v.lit(0)).as('n')).whereRef('v.plan_id', '=', 'p.id').as('latest'),
      eb.selectFrom('plan_version as v').select((v) => v.fn.max('v.changed_on').as('d')).whereRef('v.plan_id', '=', 'p.id').as('last_changed_on'),
    ])
    .where('p.id', '=', planId)
    .executeTakeFirstOrThrow();
  const latestVersion = Number(row.latest ?? 0);
  const lastRead = row.read_on && row.version_read !== null && row.display_name ? { readOn: row.read_on, iroName: row.display_name, versionRead: row.version_read, comment: row.comment } : null;
  return { lastRead, latestVersion, lastChangedOn: row.last_changed_on ?? null, unread: latestVersion - (lastRead?.versionRead ?? 0) };
}

export interface CarePlanReadInput {
  readOn: string;
  comment: string | null;
}

export async function acknowledgeCarePlan(db: Kysely<Database>, user: SignedInUser, childId: string, planId: string, input: CarePlanReadInput, today: string): Promise<string> {
  if (user.role !== 'iro') throw new RuleBroken('Only an independent reviewing officer records that they have read the changes to a care plan');
  if (input.readOn > today) throw new RuleBroken('The date you read the plan cannot be in the future', 'readOn');
  return db.transaction().execute(async (tx) => {
    const plan = await planOfChild(tx, childId, planId, { lock: true });
    if (plan.kind !== 'care') throw new RuleBroken('Only a care plan’s changes are read by the IRO');
    assertNotBeforeBirth(await childDates(tx, childId), input.readOn, 'readOn', 'The date you read the plan');
    const reading = await carePlanReadingOf(tx, planId);
    if (reading.unread <= 0) throw new RuleBroken('There are no changes to the care plan since it was last read');
    if (input.readOn < plan.started_on) throw new RuleBroken(`The care plan started on ${formatDate(plan.started_on)}: check the date you read it`, 'readOn');
    if (reading.lastChangedOn && input.readOn < reading.lastChangedOn) throw new RuleBroken(`The last change was made on ${formatDate(reading.lastChangedOn)}: you read it on or after that day`, 'readOn');
    const id = randomUUID();
    await tx
      .insertInto('care_plan_acknowledgement')
      .values({ id, child_id: childId, plan_id: planId, version_read: reading.latestVersion, read_on: input.readOn, iro_id: user.id, comment: input.comment, recorded_by: user.id })
      .execute();
    await recordEvent(
      tx,
      {
        childId,
        type: 'care-plan.read-by-iro',
        occurredOn: input.readOn,
        sourceTable: 'care_plan_acknowledgement',
        sourceId: id,
        scopeId: planId,
        title: `IRO read the care plan’s changes (${reading.unread} change${reading.unread === 1 ? '' : 's'})`,
        detail: input.comment,
      },
      user.id,
    );
    return id;
  });
}
