// The daily flow (issue 10, decision 0034): build every child's payload from the record, compare
// each with what DfE last accepted for that child, and send the children whose payload changed (the
// whole child, with a purge for each episode, assessment, plan or placement the record no longer
// holds), and a purge for each child no longer in the flow. The first run, with nothing accepted
// yet, is the full snapshot. A child is marked as sent only when DfE accepted their batch, so a batch
// that failed is simply in the next run's changes.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/history.ts';
import type { TimeSource } from '../../server/time.ts';
import type { CscApiConfig, CscApiSettings } from './config.ts';
import { buildPayloads, type BuiltChild, type CscChild, type CscEpisode, type UnsendableChild } from './payload.ts';
import { CscApiClient, realSenderDeps, type SenderDeps } from './sender.ts';
import type { CscRunKind, CscRunOutcome } from './tables.ts';

/** One child's part of a send: the item(s) that go to DfE and what to remember once accepted. */
export interface Outgoing {
  childId: string;
  items: CscChild[];
  /** The clean payload DfE will then hold for the child; null when the child is purged. */
  accepted: BuiltChild | null;
  purgesChild: boolean;
}

export interface NextBatch {
  kind: CscRunKind;
  outgoing: Outgoing[];
  unsendable: UnsendableChild[];
  /** Children in the flow whose payload DfE already holds. */
  unchanged: number;
}

type Keyed = Record<string, unknown>;

/** Items of `previous` (by their id field) that `current` no longer has, as purges. */
function purgesOf<T extends Keyed>(previous: readonly T[] | undefined, current: readonly T[] | undefined, idField: string): T[] {
  const still = new Set((current ?? []).map((item) => item[idField]));
  return (previous ?? []).filter((item) => !still.has(item[idField]) && item['purge'] !== true).map((item) => ({ [idField]: item[idField], purge: true }) as unknown as T);
}

const EPISODE_LISTS = [
  ['child_and_family_assessments', 'child_and_family_assessment_id'],
  ['child_in_need_plans', 'child_in_need_plan_id'],
  ['section_47_assessments', 'section_47_assessment_id'],
  ['child_protection_plans', 'child_protection_plan_id'],
  ['child_looked_after_placements', 'child_looked_after_placement_id'],
] as const;

/**
 * The child as it now stands, with a purge for what DfE holds from the last accepted payload and the
 * record no longer has (the API keeps what it is not told to remove: each block has its purge flag).
 */
export function withPurges(current: CscChild, previous: CscChild | null): CscChild {
  if (!previous) return current;
  const item: CscChild = structuredClone(current);
  if (previous.health_and_wellbeing?.sdq_assessments?.length && !item.health_and_wellbeing) item.health_and_wellbeing = { purge: true };
  const episodes: CscEpisode[] = item.social_care_episodes ?? [];
  for (const before of previous.social_care_episodes ?? []) {
    const now = episodes.find((e) => e.social_care_episode_id === before.social_care_episode_id);
    if (!now) {
      episodes.push({ social_care_episode_id: before.social_care_episode_id, purge: true });
      continue;
    }
    for (const [list, idField] of EPISODE_LISTS) {
      const gone = purgesOf(before[list] as Keyed[] | undefined, now[list] as Keyed[] | undefined, idField);
      if (gone.length) (now as unknown as Keyed)[list] = [...((now[list] as Keyed[] | undefined) ?? []), ...gone];
    }
    if (before.adoption && !before.adoption.purge && !now.adoption) now.adoption = { purge: true };
    if (before.care_leavers && !before.care_leavers.purge && !now.care_leavers) now.care_leavers = { purge: true };
  }
  if (episodes.length) item.social_care_episodes = episodes;
  return item;
}

/** What the next run would send, from the record now and what DfE last accepted. */
export async function nextBatch(db: Db, today: string): Promise<NextBatch> {
  const [built, states] = await Promise.all([
    buildPayloads(db, today),
    db.selectFrom('csc_api_child_state').select(['child_id', 'la_child_id', 'hash']).execute(),
  ]);
  const stateOf = new Map(states.map((s) => [s.child_id, s]));
  const changed = built.children.filter((c) => stateOf.get(c.childId)?.hash !== c.hash);
  // What DfE holds for the changed children it already has: read only for them.
  const known = changed.filter((c) => stateOf.has(c.childId)).map((c) => c.childId);
  const previous = new Map<string, CscChild>();
  for (let i = 0; i < known.length; i += 1000) {
    const part = await db.selectFrom('csc_api_child_state').select(['child_id', 'payload']).where('child_id', 'in', known.slice(i, i + 1000)).execute();
    for (const row of part) previous.set(row.child_id, (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as CscChild);
  }
  const outgoing: Outgoing[] = changed.map((c) => {
    const before = previous.get(c.childId) ?? null;
    const laChanged = before !== null && before.la_child_id !== c.payload.la_child_id;
    // A new LA child ID is a different child to DfE: the old one is purged and the child sent whole.
    const items = laChanged ? [{ la_child_id: before.la_child_id, purge: true }, c.payload] : [withPurges(c.payload, before)];
    return { childId: c.childId, items, accepted: c, purgesChild: false };
  });
  // Children DfE holds who are no longer in the flow (deleted, merged, every episode deleted): purged.
  const inFlow = new Set([...built.children.map((c) => c.childId), ...built.unsendable.map((c) => c.childId)]);
  for (const s of states) {
    if (!inFlow.has(s.child_id)) outgoing.push({ childId: s.child_id, items: [{ la_child_id: s.la_child_id, purge: true }], accepted: null, purgesChild: true });
  }
  return { kind: states.length === 0 ? 'snapshot' : 'changes', outgoing, unsendable: built.unsendable, unchanged: built.children.length - changed.length };
}

/** Splits the outgoing children into requests of at most `size` items, a child's items together. */
export function batchesOf(outgoing: readonly Outgoing[], size: number): Outgoing[][] {
  const batches: Outgoing[][] = [];
  let current: Outgoing[] = [];
  let count = 0;
  for (const o of outgoing) {
    if (count + o.items.length > size && current.length) {
      batches.push(current);
      current = [];
      count = 0;
    }
    current.push(o);
    count += o.items.length;
  }
  if (current.length) batches.push(current);
  return batches;
}

export interface RunSummary {
  runId: string;
  kind: CscRunKind;
  outcome: CscRunOutcome;
  children: number;
  purged: number;
  batches: number;
  failedBatches: number;
}

export class RunInProgress extends Error {
  constructor() {
    super('A send to DfE is already under way: wait for it to finish.');
  }
}

/** A run left unfinished this long (its process stopped) no longer blocks the next. */
const ABANDONED_AFTER_MS = 6 * 60 * 60_000;

/** Opens the run, or refuses if another is under way (one at a time across processes: a unique index). */
async function openRun(db: Db, kind: CscRunKind, startedBy: string | null, now: Date): Promise<string> {
  await db
    .updateTable('csc_api_run')
    .set({ finished_at: now, outcome: 'abandoned', note: 'The process sending it stopped before it finished' })
    .where('finished_at', 'is', null)
    .where('started_at', '<', new Date(now.getTime() - ABANDONED_AFTER_MS))
    .execute();
  const id = randomUUID();
  try {
    await db.insertInto('csc_api_run').values({ id, kind, started_at: now, started_by: startedBy }).execute();
  } catch (error) {
    const running = await db.selectFrom('csc_api_run').select('id').where('finished_at', 'is', null).executeTakeFirst();
    if (running) throw new RunInProgress();
    throw error;
  }
  return id;
}

export interface RunOptions {
  config: CscApiConfig;
  time: TimeSource;
  /** The analyst who pressed "Send now"; null for the scheduled command. */
  startedBy: string | null;
  deps?: SenderDeps;
}

/** One run of the flow: the snapshot the first time, then the changes. Every request and its answer is recorded. */
export async function runCscApi(db: Db, options: RunOptions): Promise<RunSummary> {
  const { time } = options;
  if (!options.config.ok) {
    const id = randomUUID();
    const now = time.now();
    await db.insertInto('csc_api_run').values({ id, kind: 'changes', started_at: now, started_by: options.startedBy, finished_at: now, outcome: 'not-configured', note: options.config.problems.join('; ') }).execute();
    return { runId: id, kind: 'changes', outcome: 'not-configured', children: 0, purged: 0, batches: 0, failedBatches: 0 };
  }
  const settings: CscApiSettings = options.config.settings;
  // The first run, while DfE holds nothing from Lantern, is the full snapshot.
  const held = await db.selectFrom('csc_api_child_state').select('child_id').limit(1).executeTakeFirst();
  const runId = await openRun(db, held ? 'changes' : 'snapshot', options.startedBy, time.now());
  const client = new CscApiClient(settings, options.deps ?? realSenderDeps);
  let plan: NextBatch | null = null;
  let batches: Outgoing[][] = [];
  let failedBatches = 0;
  let sentChildren = 0;
  let purged = 0;
  try {
    plan = await nextBatch(db, time.today());
    batches = batchesOf(plan.outgoing, settings.batchSize);
    for (const batch of batches) {
      const requestId = randomUUID();
      const sentAt = time.now();
      const items = batch.flatMap((o) => o.items);
      const result = await client.send(items, requestId);
      const answeredAt = time.now();
      const batchPurged = batch.filter((o) => o.purgesChild).length;
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('csc_api_send')
          .values({
            id: requestId,
            run_id: runId,
            sent_at: sentAt,
            answered_at: answeredAt,
            child_ids: JSON.stringify(batch.map((o) => o.childId)),
            children: batch.length - batchPurged,
            purged: batchPurged,
            attempts: result.attempts,
            http_status: result.httpStatus,
            outcome: result.outcome,
            receipt: result.receipt,
            answer_excerpt: result.excerpt,
          })
          .execute();
        if (result.outcome !== 'accepted') return;
        const kept = batch.filter((o) => o.accepted !== null).map((o) => o.accepted!);
        if (kept.length) {
          await tx
            .insertInto('csc_api_child_state')
            .values(kept.map((c) => ({ child_id: c.childId, la_child_id: c.payload.la_child_id, hash: c.hash, payload: JSON.stringify(c.payload), accepted_at: answeredAt, send_id: requestId })))
            .onConflict((oc) =>
              oc.column('child_id').doUpdateSet((eb) => ({
                la_child_id: eb.ref('excluded.la_child_id'),
                hash: eb.ref('excluded.hash'),
                payload: eb.ref('excluded.payload'),
                accepted_at: eb.ref('excluded.accepted_at'),
                send_id: eb.ref('excluded.send_id'),
              })),
            )
            .execute();
        }
        const gone = batch.filter((o) => o.purgesChild).map((o) => o.childId);
        if (gone.length) await tx.deleteFrom('csc_api_child_state').where('child_id', 'in', gone).execute();
      });
      if (result.outcome === 'accepted') {
        sentChildren += batch.length - batchPurged;
        purged += batchPurged;
      } else failedBatches += 1;
    }
  } finally {
    const outcome: CscRunOutcome = batches.length === 0 ? 'nothing-to-send' : failedBatches === 0 ? 'sent' : failedBatches === batches.length ? 'failed' : 'partly-sent';
    await db
      .updateTable('csc_api_run')
      .set({
        finished_at: time.now(),
        outcome: plan ? outcome : 'failed',
        children: sentChildren,
        purged,
        batches: batches.length,
        failed_batches: failedBatches,
        note: !plan ? 'Lantern could not build the payloads: see the server log' : plan.unsendable.length ? `${plan.unsendable.length} child(ren) could not be sent: see the page` : null,
      })
      .where('id', '=', runId)
      .execute();
  }
  const outcome: CscRunOutcome = batches.length === 0 ? 'nothing-to-send' : failedBatches === 0 ? 'sent' : failedBatches === batches.length ? 'failed' : 'partly-sent';
  return { runId, kind: held ? 'changes' : 'snapshot', outcome, children: sentChildren, purged, batches: batches.length, failedBatches };
}


/** The latest runs, newest first. */
export async function recentRuns(db: Db, limit = 10) {
  return db
    .selectFrom('csc_api_run')
    .leftJoin('app_user', 'app_user.id', 'csc_api_run.started_by')
    .select(['csc_api_run.id', 'kind', 'started_at', 'finished_at', 'outcome', 'children', 'purged', 'batches', 'failed_batches', 'note', 'app_user.display_name as started_by_name'])
    .orderBy('csc_api_run.seq', 'desc')
    .limit(limit)
    .execute();
}

/** Requests DfE did not accept, newest first, with the children in each. */
export async function recentFailures(db: Db, limit = 20) {
  return db
    .selectFrom('csc_api_send')
    .select(['id', 'run_id', 'sent_at', 'children', 'purged', 'attempts', 'http_status', 'outcome', 'answer_excerpt', 'child_ids'])
    .where('outcome', '<>', 'accepted')
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
}

/** When DfE last accepted a request, and how many children it holds from Lantern. */
export async function acceptedSoFar(db: Db) {
  const row = await sql<{ children: number; last: Date | null }>`SELECT count(*)::int AS children, max(accepted_at) AS last FROM csc_api_child_state`.execute(db);
  return row.rows[0] ?? { children: 0, last: null };
}
