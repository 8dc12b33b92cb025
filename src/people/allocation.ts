// Allocating a worker to a child. A manager allocates; a new allocation of a role ends the current
// one of that role on the day the new one starts, and both show in the child's journal. Who may
// allocate (a manager, with a relationship to the child) is checked by the route guard.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { approvalNeeded, recordApproval } from '../workforce/allocation-guard.ts';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { can, CASE_HOLDING } from '../access/roles.ts';
import { recordEvent } from '../chronology/journal.ts';
import { RuleBroken } from '../server/errors.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { allocationRoleLabel } from './allocation-roles.ts';
import type { NewAllocation } from './record-schemas.ts';
import { assertNotBeforeBirth, childDates } from './dates.ts';

export function mayAllocate(user: SignedInUser): boolean {
  return can(user.role, 'authorise');
}

/** Workers who can hold a case, by name. */
export async function allocatableWorkers(db: Db) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('team as t', 't.id', 'u.team_id')
    .select(['u.id', 'u.display_name', 'u.role', 't.name as team_name'])
    .where('u.active', '=', true)
    .where('u.role', 'in', [...CASE_HOLDING])
    .orderBy('u.display_name')
    .execute();
}

export async function allocateWorker(db: Kysely<Database>, user: SignedInUser, childId: string, allocation: NewAllocation): Promise<string> {
  return db.transaction().execute((tx) => allocateWithin(tx, user, childId, allocation));
}

/** The allocation inside a transaction the caller holds (a transfer between teams allocates as it is accepted). */
export async function allocateWithin(tx: Db, user: SignedInUser, childId: string, allocation: NewAllocation, titleSuffix = ''): Promise<string> {
  const fromDate = allocation.fromDate!;
  const worker = await tx
    .selectFrom('app_user')
    .select(['id', 'display_name', 'role', 'active'])
    .where('id', '=', allocation.workerId)
    .executeTakeFirst();
  if (!worker || !worker.active || !(CASE_HOLDING as readonly string[]).includes(worker.role)) {
    throw new RuleBroken('Select a worker who can hold cases', 'workerId');
  }
  const label = allocationRoleLabel(allocation.role);
  assertNotBeforeBirth(await childDates(tx, childId), fromDate, 'fromDate', 'The date the allocation starts');
  const current = await tx
    .selectFrom('allocation as a')
    .innerJoin('app_user as w', 'w.id', 'a.worker_id')
    .select(['a.id', 'a.worker_id', 'a.from_date', 'w.display_name'])
    .where('a.child_id', '=', childId)
    .where('a.role', '=', allocation.role)
    .where('a.to_date', 'is', null)
    .where('a.deleted_at', 'is', null)
    .execute();
  for (const previous of current) {
    if (previous.worker_id === worker.id) throw new RuleBroken(`${worker.display_name} is already the child’s ${midSentence(label)}`, 'workerId');
    if (fromDate < previous.from_date) {
      throw new RuleBroken(`The new allocation cannot start before the current one (${formatDate(previous.from_date)})`, 'fromDate');
    }
  }
  // A change of social worker says why (SSDA903 SW_REASON); the first one has no reason to give.
  if (allocation.role === 'social_worker' && current.length > 0 && !allocation.changeReason) {
    throw new RuleBroken(`Choose why the social worker is changing from ${current[0]!.display_name}`, 'changeReason');
  }
  // Complex work or a caseload beyond the protected limit for a newly qualified worker needs a manager's approval (Southend 2016 ¶123).
  const approval = await approvalNeeded(tx, worker, childId, allocation);
  for (const previous of current) {
    await updateRecord(tx, 'allocation', previous.id, { to_date: fromDate }, user.id);
    await recordEvent(
      tx,
      { childId, type: 'allocation.ended', occurredOn: fromDate, sourceTable: 'allocation', sourceId: previous.id, title: `${previous.display_name} no longer ${midSentence(label)}` },
      user.id,
      { refresh: false },
    );
  }
  const id = randomUUID();
  await tx
    .insertInto('allocation')
    .values({ id, child_id: childId, worker_id: worker.id, role: allocation.role, from_date: fromDate, change_reason: allocation.role === 'social_worker' && current.length > 0 ? (allocation.changeReason ?? null) : null, recorded_by: user.id })
    .execute();
  if (approval) await recordApproval(tx, user, id, childId, fromDate, approval, allocation.approvalReason!);
  await recordEvent(
    tx,
    { childId, type: 'allocation.started', occurredOn: fromDate, sourceTable: 'allocation', sourceId: id, title: `${worker.display_name} allocated as ${midSentence(label)}${approval ? ' with a manager’s approval (newly qualified)' : ''}${titleSuffix}` },
    user.id,
  );
  return id;
}
