// What must be finished before an episode of need may close. The episode does not know the areas
// that record in it: each one (the assessment, child protection, proceedings) registers its check
// from its own module, as record sections do, so the episode service imports none of them and no
// import runs in a circle.
import type { Db } from '../db/history.ts';

export interface EpisodeClosure {
  closedOn: string;
  reason: string;
  /** A manager's recorded reason, where a rule allows closure only with one. */
  managerReason?: string | null;
  /**
   * The manager's decision that authorises the closure (decision 0025): a closure decision of its own,
   * unless the closure is part of a step-down, whose decision covers it.
   */
  authorisedAs?: 'closure' | 'step_down';
}

/** Refuses the closure (RuleBroken, in a worker's words) when something in the episode is unfinished. */
export type ClosureCheck = (db: Db, episodeId: string, closure: EpisodeClosure, actorId: string) => Promise<void>;

const checks: ClosureCheck[] = [];
const lastChecks: ClosureCheck[] = [];

/**
 * `last`: run after every other check, e.g. the manager's decision, which is marked as acted on only
 * once everything else in the episode is finished (so a worker first hears what is unfinished).
 */
export function registerClosureCheck(check: ClosureCheck, order: 'any' | 'last' = 'any'): void {
  const list = order === 'last' ? lastChecks : checks;
  if (!checks.includes(check) && !lastChecks.includes(check)) list.push(check);
}

/** Every registered check, in the order the areas registered them, the `last` ones at the end. */
export function closureChecks(): readonly ClosureCheck[] {
  return [...checks, ...lastChecks];
}
