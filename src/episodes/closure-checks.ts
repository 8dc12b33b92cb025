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
}

/** Refuses the closure (RuleBroken, in a worker's words) when something in the episode is unfinished. */
export type ClosureCheck = (db: Db, episodeId: string, closure: EpisodeClosure) => Promise<void>;

const checks: ClosureCheck[] = [];

export function registerClosureCheck(check: ClosureCheck): void {
  if (!checks.includes(check)) checks.push(check);
}

/** Every registered check, in the order the areas registered them. */
export function closureChecks(): readonly ClosureCheck[] {
  return checks;
}
