// The generator is a list of stages run in order, each inside the same transaction. A stage reads
// what earlier stages built (ctx.council), writes its rows in batches (ctx.insert) and adds to the
// council what later stages need. To add a stage (contacts, referrals, assessments, strategy
// discussions, plans, periods of care …) write a `Stage` in ./stages/ and list it before 'clocks':
// the clocks stage derives every child's clocks from the whole journal, so it must follow every stage
// that writes to the journal.
//
// Each stage draws from its own random stream (the seed and the stage's name), so inserting a new
// stage does not change what the others generate.
import type { SynthContext } from './context.ts';
import { teamsAndUsers } from './stages/teams-and-users.ts';
import { families } from './stages/families.ts';
import { workforce } from './stages/workforce.ts';
import { allocations } from './stages/allocations.ts';
import { chronologyHistory } from './stages/chronology-history.ts';
import { clocks } from './stages/clocks.ts';
import { helpAndProtection } from './stages/help-and-protection.ts';
import { lookedAfter } from './stages/looked-after.ts';
import { liberty } from './stages/liberty.ts';
import { careLeavers } from './stages/care-leavers.ts';
import { iroChallenges } from './stages/iro-challenges.ts';
import { iroContacts } from './stages/iro-contacts.ts';
import { health } from './stages/health.ts';
import { healthNeedsAndOffending } from './stages/health-needs-and-offending.ts';
import { privateFostering } from './stages/private-fostering.ts';
import { missing } from './stages/missing.ts';
import { kinship } from './stages/kinship.ts';
import { education } from './stages/education.ts';
import { permanenceAndAdoption } from './stages/permanence-and-adoption.ts';
import { adopterApplicants } from './stages/adopter-applicants.ts';
import { siblingGroups } from './stages/sibling-groups.ts';
import { fostering } from './stages/fostering.ts';
import { exploitation } from './stages/exploitation.ts';
import { supervision } from './stages/supervision.ts';
import { oversight } from './stages/oversight.ts';
import { transfers } from './stages/transfers.ts';
import { caseAudits } from './stages/case-audits.ts';
import { familyGroup } from './stages/family-group.ts';
import { improvementPlans } from './stages/improvement-plans.ts';

export type { SynthContext } from './context.ts';

export interface Stage {
  /** Unique; also names the stage's random stream, so renaming a stage changes its data. */
  name: string;
  run(ctx: SynthContext): Promise<void>;
}

/**
 * The stages in order. Service stages go before 'chronology-history', which tops the benchmark child's
 * journal up to about 1,000 events counting theirs, and 'clocks' runs after every stage that writes
 * to the journal. 'improvement-plans' writes none and reads the figures the clocks give, so it follows.
 */
export const STAGES: readonly Stage[] = [teamsAndUsers, workforce, families, allocations, helpAndProtection, lookedAfter, transfers, liberty, missing, exploitation, careLeavers, iroChallenges, iroContacts, health, healthNeedsAndOffending, privateFostering, kinship, education, permanenceAndAdoption, adopterApplicants, siblingGroups, fostering, caseAudits, supervision, oversight, familyGroup, chronologyHistory, clocks, improvementPlans];

/** STAGES with `stage` inserted just before the named one (for tests and for stages in progress). */
export function withStageBefore(stages: readonly Stage[], before: string, stage: Stage): Stage[] {
  const index = stages.findIndex((s) => s.name === before);
  if (index < 0) throw new Error(`No stage named ${before}`);
  return [...stages.slice(0, index), stage, ...stages.slice(index)];
}
