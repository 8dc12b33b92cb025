// For tests in other areas: the manager's decision a key transition needs (decisions 0021, 0025),
// recorded directly, as a manager of the case would have. Give a list of kinds for a journey that
// crosses several transitions (one decision of each); the id of the first is returned.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/history.ts';
import type { DecisionKindCode } from './codes.ts';

export async function givenDecision(db: Db, childId: string, kinds: DecisionKindCode | readonly DecisionKindCode[], decidedOn: string, managerId: string): Promise<string> {
  const ids: string[] = [];
  for (const kind of typeof kinds === 'string' ? [kinds] : kinds) {
    const id = randomUUID();
    await db
      .insertInto('management_decision')
      .values({
        id,
        child_id: childId,
        kind,
        decided_on: decidedOn,
        manager_id: managerId,
        rationale: 'Agreed with the manager in supervision',
        authorises: 'The transition',
        work_summary: kind === 'closure' ? 'The plan was completed' : null,
        situation_at_closure: kind === 'closure' ? 'Safe at home' : null,
        acted_on_id: null,
        recorded_by: managerId,
      })
      .execute();
    ids.push(id);
  }
  return ids[0]!;
}

/** The child of an episode, for a closure decision in a test that knows only the episode. */
export async function childOfEpisode(db: Db, episodeId: string): Promise<string> {
  return (await db.selectFrom('cin_episode').select('child_id').where('id', '=', episodeId).executeTakeFirstOrThrow()).child_id;
}
