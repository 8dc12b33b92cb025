// Transfers between teams: a case moves from one team to another only when the receiving team's
// manager accepts it. Until then it stays with the sending team (its social worker keeps it); on
// acceptance the receiving manager allocates a social worker of theirs, so the allocation history
// keeps who held the case when. A decline says why, so the sending team knows what to do next
// (Newham 2014 ¶6 and Southend 2016 ¶73: changes of worker slow plans down, so a move is decided,
// not drifted into; decision 0023).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';
import { CASE_HOLDING } from '../access/roles.ts';
import { recordEvent } from '../chronology/journal.ts';
import type { Database } from '../db/schema.ts';
import type { Kysely } from 'kysely';
import { updateRecord, type Db } from '../db/history.ts';
import { allocateWithin } from '../people/allocation.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { Forbidden, NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import type { TransferAcceptInput, TransferDeclineInput, TransferRequestInput } from './schemas.ts';

/** The team holding the case: its current social worker's; else the requesting manager's. */
async function sendingTeam(db: Db, user: SignedInUser, childId: string): Promise<{ id: string; name: string } | undefined> {
  const holder = await db
    .selectFrom('allocation as a')
    .innerJoin('app_user as w', 'w.id', 'a.worker_id')
    .innerJoin('team as t', 't.id', 'w.team_id')
    .select(['t.id', 't.name'])
    .where('a.child_id', '=', childId)
    .where('a.role', '=', 'social_worker')
    .where('a.to_date', 'is', null)
    .where('a.deleted_at', 'is', null)
    .orderBy('a.from_date', 'desc')
    .executeTakeFirst();
  if (holder) return holder;
  if (!user.teamId) return undefined;
  return db.selectFrom('team').select(['id', 'name']).where('id', '=', user.teamId).executeTakeFirst();
}

/** Teams a case may move to, by name. */
export async function receivingTeams(db: Db) {
  return db.selectFrom('team').select(['id', 'name']).where('service', '<>', 'front-door').orderBy('name').execute();
}

export async function waitingTransferOf(db: Db, childId: string) {
  return db
    .selectFrom('case_transfer as x')
    .innerJoin('team as t', 't.id', 'x.to_team_id')
    .select(['x.id', 'x.requested_on', 't.name as to_team'])
    .where('x.child_id', '=', childId)
    .where('x.status', '=', 'requested')
    .where('x.deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function requestTransfer(db: Kysely<Database>, user: SignedInUser, childId: string, input: TransferRequestInput, today: string): Promise<string> {
  if (input.requestedOn > today) throw new RuleBroken('The date of the request must be today or in the past', 'requestedOn');
  return db.transaction().execute(async (tx) => {
    assertNotBeforeBirth(await childDates(tx, childId), input.requestedOn, 'requestedOn', 'The date of the request');
    const from = await sendingTeam(tx, user, childId);
    if (!from) throw new RuleBroken('The case has no social worker and you are in no team: allocate it before moving it', 'toTeamId');
    const to = await tx.selectFrom('team').select(['id', 'name']).where('id', '=', input.toTeamId).executeTakeFirst();
    if (!to) throw new RuleBroken('Select the team the case is moving to', 'toTeamId');
    if (to.id === from.id) throw new RuleBroken(`The case is already with ${from.name}: select another team`, 'toTeamId');
    const waiting = await waitingTransferOf(tx, childId);
    if (waiting) throw new RuleBroken(`A transfer to ${waiting.to_team} has been waiting since ${formatDate(waiting.requested_on)}: it must be accepted or declined first`, 'toTeamId');
    const id = randomUUID();
    await tx
      .insertInto('case_transfer')
      .values({ id, child_id: childId, from_team_id: from.id, to_team_id: to.id, requested_on: input.requestedOn, reason: input.reason, status: 'requested', recorded_by: user.id })
      .execute();
    await recordEvent(tx, { childId, type: 'transfer.requested', occurredOn: input.requestedOn, sourceTable: 'case_transfer', sourceId: id, title: `Transfer from ${from.name} to ${to.name} requested`, detail: input.reason }, user.id);
    return id;
  });
}

export interface Transfer {
  id: string;
  childId: string;
  fromTeamId: string;
  fromTeam: string;
  toTeamId: string;
  toTeam: string;
  requestedOn: string;
  requestedBy: string;
  reason: string;
  status: 'requested' | 'accepted' | 'declined';
  decidedOn: string | null;
  decidedBy: string | null;
  declineReason: string | null;
  version: number;
}

export async function transferOf(db: Db, transferId: string): Promise<Transfer> {
  const row = await db
    .selectFrom('case_transfer as x')
    .innerJoin('team as f', 'f.id', 'x.from_team_id')
    .innerJoin('team as t', 't.id', 'x.to_team_id')
    .innerJoin('app_user as r', 'r.id', 'x.recorded_by')
    .leftJoin('app_user as d', 'd.id', 'x.decided_by')
    .select([
      'x.id', 'x.child_id as childId', 'x.from_team_id as fromTeamId', 'f.name as fromTeam', 'x.to_team_id as toTeamId', 't.name as toTeam',
      'x.requested_on as requestedOn', 'r.display_name as requestedBy', 'x.reason', 'x.status', 'x.decided_on as decidedOn',
      'd.display_name as decidedBy', 'x.decline_reason as declineReason', 'x.version',
    ])
    .where('x.id', '=', transferId)
    .where('x.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw new NotFound('There is no transfer with that id.');
  return row;
}

/** Only the receiving team's manager decides: the one who will hold the case (decision 0023). */
export async function mayDecide(db: Db, user: SignedInUser, transfer: Pick<Transfer, 'toTeamId'>): Promise<boolean> {
  if (user.role === 'team_manager' && user.teamId === transfer.toTeamId) return true;
  const team = await db.selectFrom('team').select('manager_id').where('id', '=', transfer.toTeamId).executeTakeFirst();
  return team?.manager_id === user.id;
}

async function decidable(db: Db, user: SignedInUser, transferId: string, decidedOn: string, today: string): Promise<Transfer> {
  const transfer = await transferOf(db, transferId);
  if (!(await mayDecide(db, user, transfer))) throw new Forbidden(`Only the manager of ${transfer.toTeam} can accept or decline this transfer.`);
  if (transfer.status !== 'requested') throw new RuleBroken(`This transfer was ${transfer.status} on ${formatDate(transfer.decidedOn!)}`);
  if (decidedOn > today) throw new RuleBroken('The date must be today or in the past', 'decidedOn');
  if (decidedOn < transfer.requestedOn) throw new RuleBroken(`The date cannot be before the transfer was requested (${formatDate(transfer.requestedOn)})`, 'decidedOn');
  return transfer;
}

/** Social workers of the receiving team who may take the case. */
export async function receivingWorkers(db: Db, teamId: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where('team_id', '=', teamId)
    .where('active', '=', true)
    .where('role', 'in', [...CASE_HOLDING])
    .orderBy('display_name')
    .execute();
}

export async function acceptTransfer(db: Kysely<Database>, user: SignedInUser, transferId: string, input: TransferAcceptInput, today: string): Promise<string> {
  const transfer = await decidable(db, user, transferId, input.decidedOn, today);
  if (!(await receivingWorkers(db, transfer.toTeamId)).some((w) => w.id === input.workerId)) {
    throw new RuleBroken(`Select a social worker in ${transfer.toTeam}`, 'workerId');
  }
  return db.transaction().execute(async (tx) => {
    // The allocation moves: the new social worker's starts the day the transfer is accepted, and ends the sending team's (SSDA903 SW_REASON TSPROC).
    const allocationId = await allocateWithin(
      tx,
      user,
      transfer.childId,
      { workerId: input.workerId, role: 'social_worker', fromDate: input.decidedOn, changeReason: 'TSPROC', approvalReason: input.approvalReason ?? null },
      ` (${transfer.toTeam}, transferred from ${transfer.fromTeam})`,
    );
    await updateRecord(tx, 'case_transfer', transferId, { status: 'accepted', decided_on: input.decidedOn, decided_by: user.id, allocation_id: allocationId }, user.id, transfer.version);
    await recordEvent(tx, { childId: transfer.childId, type: 'transfer.accepted', occurredOn: input.decidedOn, sourceTable: 'case_transfer', sourceId: transferId, title: `${transfer.toTeam} accepted the transfer from ${transfer.fromTeam}` }, user.id);
    return allocationId;
  });
}

export async function declineTransfer(db: Kysely<Database>, user: SignedInUser, transferId: string, input: TransferDeclineInput, today: string): Promise<void> {
  const transfer = await decidable(db, user, transferId, input.decidedOn, today);
  await db.transaction().execute(async (tx) => {
    await updateRecord(tx, 'case_transfer', transferId, { status: 'declined', decided_on: input.decidedOn, decided_by: user.id, decline_reason: input.reason }, user.id, transfer.version);
    await recordEvent(tx, { childId: transfer.childId, type: 'transfer.declined', occurredOn: input.decidedOn, sourceTable: 'case_transfer', sourceId: transferId, title: `${transfer.toTeam} declined the transfer from ${transfer.fromTeam}`, detail: input.reason }, user.id);
  });
}

export interface WaitingTransfer {
  id: string;
  childId: string;
  /** Null for a restricted record the manager may not see. */
  childName: string | null;
  fromTeam: string;
  toTeam: string;
  requestedOn: string;
  requestedBy: string;
  reason: string;
}

/**
 * Transfers waiting for the user to accept or decline: to the teams they manage, oldest first. With
 * `toTeamId` (one of the teams the user sees, issue 8), those waiting for that team's manager instead.
 */
export async function transfersWaitingFor(db: Db, user: SignedInUser, toTeamId: string | null = null): Promise<WaitingTransfer[]> {
  const rows = await db
    .selectFrom('case_transfer as x')
    .innerJoin('team as t', 't.id', 'x.to_team_id')
    .innerJoin('team as f', 'f.id', 'x.from_team_id')
    .innerJoin('person as p', 'p.id', 'x.child_id')
    .innerJoin('app_user as r', 'r.id', 'x.recorded_by')
    .select([
      'x.id', 'x.child_id as childId', 'p.first_name', 'p.last_name', 'f.name as fromTeam', 't.name as toTeam', 'x.requested_on as requestedOn',
      'r.display_name as requestedBy', 'x.reason',
      // A sealed record keeps its name from a manager without a grant, even when the case is offered to them.
      sql<boolean>`(NOT p.restricted OR ${childVisibleTo(user, sql.ref('x.child_id'))})`.as('named'),
    ])
    // A constant, not a parameter, so that a generic plan uses the partial index of waiting transfers.
    .where('x.status', '=', sql.lit('requested'))
    .where('x.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .where((eb) =>
      toTeamId ? eb('t.id', '=', toTeamId) : eb.or([eb('t.manager_id', '=', user.id), ...(user.role === 'team_manager' && user.teamId ? [eb('t.id', '=', user.teamId)] : [])]),
    )
    .orderBy('x.requested_on')
    .limit(200)
    .execute();
  return rows.map(({ first_name, last_name, named, ...row }) => ({ ...row, childName: named ? `${first_name} ${last_name}` : null }));
}

/** A child's transfers, newest first, for their page. */
export async function transfersOfChild(db: Db, childId: string) {
  return db
    .selectFrom('case_transfer as x')
    .innerJoin('team as f', 'f.id', 'x.from_team_id')
    .innerJoin('team as t', 't.id', 'x.to_team_id')
    .leftJoin('app_user as d', 'd.id', 'x.decided_by')
    .select(['x.id', 'f.name as fromTeam', 't.name as toTeam', 'x.requested_on as requestedOn', 'x.reason', 'x.status', 'x.decided_on as decidedOn', 'd.display_name as decidedBy', 'x.decline_reason as declineReason'])
    .where('x.child_id', '=', childId)
    .where('x.deleted_at', 'is', null)
    .orderBy('x.requested_on', 'desc')
    .execute();
}

/** Transfers waiting for acceptance by the team they go to, and in all, for the service overview (issue 8). */
export async function waitingTransfersByTeam(db: Db, teamIds: readonly string[] | null): Promise<{ team_id: string | null; n: number }[]> {
  if (teamIds && teamIds.length === 0) return [];
  const rows = await sql<{ team_id: string | null; n: number }>`SELECT x.to_team_id AS team_id, count(*)::int AS n
    FROM case_transfer x JOIN person p ON p.id = x.child_id AND p.deleted_at IS NULL
    WHERE x.status = 'requested' AND x.deleted_at IS NULL ${teamIds ? sql`AND x.to_team_id IN (${sql.join(teamIds)})` : sql``}
    GROUP BY GROUPING SETS ((x.to_team_id), ())`.execute(db);
  return rows.rows;
}
