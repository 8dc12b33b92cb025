// The rules of supervision (issue 8; WF-06, WF-07, WF-11, DQ-17; decision 0022): only the worker's
// supervisor records it; casework and reflective supervision are separate records and only a
// casework discussion of a child reaches that child's record; each discussion says the progress
// against the plan, the reflection and analysis and the decisions, and its actions have an owner and
// a date (Wandsworth 2016 rec 4: supervision "that provides direction and challenge"; Southend 2016
// ¶124: "casework supervision does not drive plans sufficiently quickly").
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { softDelete, type Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { addCaseActions } from '../actions/service.ts';
import { recordEvent } from '../chronology/journal.ts';
import { correctRecord, deleteRecord } from '../server/corrections.ts';
import { Forbidden, NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { addDays, addMonths, addWeeks } from '../calendar/index.ts';
import { childDates, assertNotBeforeBirth } from '../people/dates.ts';
import { isNewlyQualified } from '../workforce/newly-qualified.ts';
import type { SupervisionPolicy } from './policy.ts';
import { allocatedChildren, discussionRow, lineOf, sessionRow, type WorkerLine, type WorkerRow } from './repository.ts';
import type { ConcernInput, DiscussionCorrection, DiscussionInput, SessionCorrection, SessionInput } from './schemas.ts';

export type Relation = 'worker' | 'supervisor' | 'line-above';

/** How the user stands to the worker: the worker, their supervisor, the line above, or nobody. */
export function relationOf(line: WorkerLine, user: SignedInUser): Relation | null {
  if (line.user_id === user.id) return 'worker';
  if (line.supervisor_id === user.id) return 'supervisor';
  if (line.line_above_id === user.id) return 'line-above';
  return null;
}

async function workerLine(db: Db, workerId: string): Promise<WorkerLine> {
  const line = await lineOf(db, workerId);
  if (!line) throw new NotFound('No member of staff with that id');
  return line;
}

/**
 * A worker's supervision file is seen by the worker, their supervisor and the line above, and by
 * nobody else: not their peers, not analysts (decision 0022).
 */
export async function fileAccess(db: Db, user: SignedInUser, workerId: string): Promise<{ line: WorkerLine; relation: Relation }> {
  const line = await workerLine(db, workerId);
  const relation = relationOf(line, user);
  if (!relation) throw new Forbidden(`${line.display_name}’s supervision file is seen only by them, their supervisor and the manager above their supervisor.`);
  return { line, relation };
}

/** Whether the user may open the worker's supervision file (so a page links to it only then). */
export async function mayOpenFile(db: Db, user: SignedInUser, workerId: string): Promise<boolean> {
  return relationOf(await workerLine(db, workerId), user) !== null;
}

/** Only the worker's supervisor records their supervision (decision 0020: line manager, else team manager). */
export async function assertSupervisor(db: Db, user: SignedInUser, workerId: string): Promise<WorkerLine> {
  const line = await workerLine(db, workerId);
  if (line.supervisor_id !== user.id) {
    const who = line.supervisor_name ? `their supervisor, ${line.supervisor_name}` : 'their supervisor (none is set: ask an administrator to set their line manager)';
    throw new Forbidden(`Only ${who}, can record ${line.display_name}’s supervision. You are not ${line.display_name}’s line manager.`);
  }
  return line;
}

// ---------------------------------------------------------------------------------------------
// How often: the worker's policy and when their next supervision is due
// ---------------------------------------------------------------------------------------------

export interface WorkerStatus {
  newlyQualified: boolean;
  /** The policy in words: "Every week (newly qualified, first 6 weeks)". */
  policy: string;
  intervalDays: number;
  dueOn: string;
  overdue: boolean;
  /** Due within the next 7 days. */
  dueSoon: boolean;
}

/**
 * When a worker's next supervision is due: the interval their experience calls for today, from their
 * last session of either kind (or from their start). Newly qualified: weekly for the first 6 weeks
 * of their ASYE, fortnightly to 6 months, then the council's interval (ASYE framework, Skills for Care).
 */
export function workerStatus(row: Pick<WorkerRow, 'qualified_on' | 'asye_completed_on' | 'started_on' | 'last_on'>, today: string, policy: SupervisionPolicy): WorkerStatus {
  const newlyQualified = isNewlyQualified(row, today);
  // The ASYE starts when a newly qualified worker starts in post (or qualifies, if later).
  const asyeStart = [row.qualified_on ?? today, row.started_on ?? today].sort().at(-1)!;
  let intervalDays = policy.intervalDays;
  let policyText = `Every ${policy.intervalDays / 7} weeks`;
  if (newlyQualified && today < addWeeks(asyeStart, policy.firstWeeks)) {
    intervalDays = policy.firstWeeksDays;
    policyText = `Every week (newly qualified, first ${policy.firstWeeks} weeks)`;
  } else if (newlyQualified && today < addMonths(asyeStart, 6)) {
    intervalDays = policy.newlyQualifiedDays;
    policyText = `Every ${policy.newlyQualifiedDays / 7 === 1 ? 'week' : `${policy.newlyQualifiedDays / 7} weeks`} (newly qualified, to 6 months)`;
  } else if (newlyQualified) {
    policyText = `${policyText} (newly qualified)`;
  }
  const dueOn = addDays(row.last_on ?? row.started_on ?? today, intervalDays);
  return { newlyQualified, policy: policyText, intervalDays, dueOn, overdue: dueOn < today, dueSoon: dueOn >= today && dueOn <= addDays(today, 7) };
}

// ---------------------------------------------------------------------------------------------
// Sessions
// ---------------------------------------------------------------------------------------------

const notInFuture = (date: string, today: string, field: string) => {
  if (date > today) throw new RuleBroken('The date of the supervision cannot be in the future', field);
};

export async function recordSession(db: Kysely<Database>, user: SignedInUser, workerId: string, input: SessionInput, today: string): Promise<string> {
  notInFuture(input.heldOn, today, 'heldOn');
  return db.transaction().execute(async (tx) => {
    await assertSupervisor(tx, user, workerId);
    const id = randomUUID();
    await tx
      .insertInto('supervision_session')
      .values({ id, worker_id: workerId, supervisor_id: user.id, held_on: input.heldOn, kind: input.kind, notes: input.notes, recorded_by: user.id })
      .execute();
    return id;
  });
}

export async function sessionOf(db: Db, workerId: string, sessionId: string) {
  const session = await sessionRow(db, workerId, sessionId);
  if (!session) throw new NotFound('No supervision session with that id for this worker');
  return session;
}

/** The supervisor who held it, or the worker's supervisor now, may correct or delete a session or discussion. */
async function assertMayCorrect(db: Db, user: SignedInUser, workerId: string, heldBy: string): Promise<void> {
  if (heldBy === user.id) return;
  await assertSupervisor(db, user, workerId);
}

export async function correctSession(db: Kysely<Database>, user: SignedInUser, workerId: string, sessionId: string, input: SessionCorrection, today: string): Promise<void> {
  notInFuture(input.heldOn, today, 'heldOn');
  await db.transaction().execute(async (tx) => {
    const session = await sessionOf(tx, workerId, sessionId);
    await assertMayCorrect(tx, user, workerId, session.supervisor_id);
    if (session.kind === 'reflective' && !input.notes) throw new RuleBroken('Enter what was discussed in reflective supervision', 'notes');
    await correctRecord(tx, { table: 'supervision_session', id: sessionId, actorId: user.id, reason: input.reason, expectedVersion: input.version, changes: { held_on: input.heldOn, notes: input.notes } });
    if (input.heldOn !== session.held_on) {
      // Each child's discussion carries the session's date, and so does its place in the chronology.
      const discussions = await tx.selectFrom('supervision_discussion').select('id').where('session_id', '=', sessionId).where('deleted_at', 'is', null).execute();
      for (const d of discussions) {
        await correctRecord(tx, { table: 'supervision_discussion', id: d.id, actorId: user.id, reason: input.reason, changes: { discussed_on: input.heldOn }, event: { occurredOn: input.heldOn } });
      }
    }
  });
}

export async function deleteSession(db: Kysely<Database>, user: SignedInUser, workerId: string, sessionId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const session = await sessionOf(tx, workerId, sessionId);
    await assertMayCorrect(tx, user, workerId, session.supervisor_id);
    const left = await tx.selectFrom('supervision_discussion').select('id').where('session_id', '=', sessionId).where('deleted_at', 'is', null).executeTakeFirst();
    // A child's record must not keep a discussion from a session that no longer exists.
    if (left) throw new RuleBroken('Delete the discussions of children in this session first: each is on the child’s record', 'reason');
    await softDelete(tx, 'supervision_session', sessionId, user.id, reason);
  });
}

// ---------------------------------------------------------------------------------------------
// Discussions of a child in casework supervision
// ---------------------------------------------------------------------------------------------

function eventDetail(d: { progress: string; reflection: string; decisions: string }, actions: readonly { description: string; owner: string; dueOn: string }[] = []): string {
  const parts = [`Progress against the plan: ${d.progress}`, `Reflection and analysis: ${d.reflection}`, `Decisions: ${d.decisions}`];
  for (const a of actions) parts.push(`Action: ${a.description} (${a.owner}, by ${formatDate(a.dueOn)})`);
  return parts.join('\n\n');
}

/** The session a discussion is recorded in: the user's own casework session with the child's worker. */
export async function sessionForDiscussion(db: Db, user: SignedInUser, childId: string, sessionId: string) {
  const session = await db
    .selectFrom('supervision_session as s')
    .innerJoin('app_user as w', 'w.id', 's.worker_id')
    .select(['s.id', 's.worker_id', 's.supervisor_id', 's.held_on', 's.kind', 'w.display_name as worker_name'])
    .where('s.id', '=', sessionId)
    .where('s.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!session) throw new RuleBroken('Choose a supervision session that has been recorded', 'sessionId');
  // The reflective part never reaches a child's record (Southend 2016 ¶124; WF-06).
  if (session.kind !== 'casework') throw new RuleBroken('Children are discussed in casework supervision: this session is reflective supervision, which stays in the worker’s file', 'sessionId');
  if (session.supervisor_id !== user.id) throw new Forbidden(`Only the supervisor who held this session can record the children discussed in it. You are not ${session.worker_name}’s supervisor in it.`);
  const allocated = await allocatedChildren(db, session.worker_id);
  if (!allocated.some((c) => c.child_id === childId)) {
    throw new RuleBroken(`This child is not allocated to ${session.worker_name}: supervision discusses the children the worker holds now`, 'sessionId');
  }
  return session;
}

export async function recordDiscussion(db: Kysely<Database>, user: SignedInUser, childId: string, input: DiscussionInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const session = await sessionForDiscussion(tx, user, childId, input.sessionId);
    if (session.held_on > today) throw new RuleBroken('The date of the supervision cannot be in the future', 'sessionId');
    assertNotBeforeBirth(await childDates(tx, childId), session.held_on, 'sessionId', 'The supervision');
    const already = await tx.selectFrom('supervision_discussion').select('id').where('session_id', '=', session.id).where('child_id', '=', childId).where('deleted_at', 'is', null).executeTakeFirst();
    if (already) throw new RuleBroken('This child has already been discussed in this session: correct that discussion instead', 'sessionId');
    const id = randomUUID();
    await tx
      .insertInto('supervision_discussion')
      .values({
        id,
        session_id: session.id,
        child_id: childId,
        discussed_on: session.held_on,
        worker_id: session.worker_id,
        supervisor_id: user.id,
        progress: input.progress,
        reflection: input.reflection,
        decisions: input.decisions,
        recorded_by: user.id,
      })
      .execute();
    // WF-07: actions from supervision are tracked to completion on the child's record and the owner's list.
    await addCaseActions(tx, user.id, childId, 'supervision', id, input.actions, session.held_on);
    await recordEvent(
      tx,
      {
        childId,
        type: 'supervision.discussed',
        occurredOn: session.held_on,
        sourceTable: 'supervision_discussion',
        sourceId: id,
        title: `Discussed in casework supervision: ${user.displayName} with ${session.worker_name}`,
        detail: eventDetail(input, input.actions),
      },
      user.id,
    );
    return id;
  });
}

export async function discussionOf(db: Db, childId: string, discussionId: string) {
  const discussion = await discussionRow(db, childId, discussionId);
  if (!discussion) throw new NotFound('No supervision discussion with that id for this child');
  return discussion;
}

/** Whether the user may correct a discussion: the supervisor who held it, or the worker's supervisor now. */
export async function mayCorrectDiscussion(db: Db, user: SignedInUser, discussion: { worker_id: string; supervisor_id: string }): Promise<boolean> {
  if (discussion.supervisor_id === user.id) return true;
  const line = await lineOf(db, discussion.worker_id);
  return line?.supervisor_id === user.id;
}

export async function correctDiscussion(db: Kysely<Database>, user: SignedInUser, childId: string, discussionId: string, input: DiscussionCorrection): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const discussion = await discussionOf(tx, childId, discussionId);
    await assertMayCorrect(tx, user, discussion.worker_id, discussion.supervisor_id);
    await correctRecord(tx, {
      table: 'supervision_discussion',
      id: discussionId,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: { progress: input.progress, reflection: input.reflection, decisions: input.decisions },
      event: { detail: eventDetail(input) },
    });
  });
}

/** Deletes a discussion recorded in error, and the actions set in it; copies are kept with the reason. */
export async function deleteDiscussion(db: Kysely<Database>, user: SignedInUser, childId: string, discussionId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const discussion = await discussionOf(tx, childId, discussionId);
    await assertMayCorrect(tx, user, discussion.worker_id, discussion.supervisor_id);
    const actions = await tx.selectFrom('case_action').select('id').where('source', '=', 'supervision').where('source_id', '=', discussionId).where('deleted_at', 'is', null).execute();
    for (const a of actions) await softDelete(tx, 'case_action', a.id, user.id, reason);
    await deleteRecord(tx, { table: 'supervision_discussion', id: discussionId, actorId: user.id, reason, childId });
  });
}

// ---------------------------------------------------------------------------------------------
// Capability or conduct concerns (WF-11): the supervisor and the line above only
// ---------------------------------------------------------------------------------------------

export function maySeeConcerns(relation: Relation | null): boolean {
  return relation === 'supervisor' || relation === 'line-above';
}

export async function recordConcern(db: Kysely<Database>, user: SignedInUser, workerId: string, input: ConcernInput, today: string): Promise<string> {
  if (input.raisedOn > today) throw new RuleBroken('The date the concern was raised cannot be in the future', 'raisedOn');
  if (input.toldWorkerOn && input.toldWorkerOn > today) throw new RuleBroken('The date the worker was told cannot be in the future', 'toldWorkerOn');
  if (input.toldWorkerOn && input.toldWorkerOn < input.raisedOn) throw new RuleBroken('The worker cannot have been told before the concern was raised', 'toldWorkerOn');
  return db.transaction().execute(async (tx) => {
    const line = await workerLine(tx, workerId);
    if (!maySeeConcerns(relationOf(line, user))) {
      throw new Forbidden(`Only ${line.display_name}’s supervisor and the manager above them can record a capability or conduct concern.`);
    }
    const id = randomUUID();
    await tx
      .insertInto('supervision_concern')
      .values({ id, worker_id: workerId, raised_on: input.raisedOn, kind: input.kind, concern: input.concern, action_agreed: input.actionAgreed, told_worker_on: input.toldWorkerOn, recorded_by: user.id })
      .execute();
    return id;
  });
}
