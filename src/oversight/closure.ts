// No closure without its decision record (MO-04; DQ-18; decision 0025): an episode of need closes only
// with a manager's closure decision (its summary of the work and the child's situation at closure) made
// on or before the day, which the closure then uses. A step-down's own decision covers the closure it
// causes. Registered with the episode from here, last, so the episode service imports no oversight.
import type { Db } from '../db/history.ts';
import { registerClosureCheck, type ClosureCheck } from '../episodes/closure-checks.ts';
import { authoriseTransition } from './decisions.ts';

export const closureNeedsDecision: ClosureCheck = async (db: Db, episodeId, closure, actorId) => {
  if (closure.authorisedAs === 'step_down') return;
  const episode = await db.selectFrom('cin_episode').select('child_id').where('id', '=', episodeId).executeTakeFirstOrThrow();
  await authoriseTransition(db, actorId, episode.child_id, 'closure', closure.closedOn, episodeId, 'closedOn');
};

registerClosureCheck(closureNeedsDecision, 'last');
