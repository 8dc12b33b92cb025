// WF-03: work that a newly qualified social worker is not given without a manager's approval.
// Southend 2016 ¶123: "Some newly qualified staff work with children who are the subject of child
// protection plans or care proceedings … Inspectors saw examples of inexperienced staff having been
// given inappropriate responsibility for cases involving extremely complex situations and high levels
// of risk"; and "mechanisms to restrict the volume of work allocated to newly qualified staff".
// Newham 2014 ¶118: "some ASYE staff … did not have protected caseloads". So an allocation to a newly
// qualified worker of a child on a protection plan or in care proceedings, or one that takes them past
// their protected caseload, is refused unless the allocating manager records why they approve it.
import { randomUUID } from 'node:crypto';
import type { SignedInUser } from '../access/policy.ts';
import type { Db } from '../db/history.ts';
import { RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { caseloadRules, limitFor, weightOf, workerLoad } from './caseloads.ts';
import { isNewlyQualified } from './newly-qualified.ts';
import type { ApprovalNeed } from './tables.ts';

interface Worker {
  id: string;
  display_name: string;
  role: string;
}

/**
 * What approval the allocation needs (null when none), or a RuleBroken on `approvalReason` when it
 * needs one and none was given. "Today" for the worker's status is the day the allocation starts.
 */
export async function approvalNeeded(tx: Db, worker: Worker, childId: string, allocation: { fromDate?: string | null; approvalReason?: string | null }): Promise<ApprovalNeed | null> {
  const on = allocation.fromDate!;
  const profile = await tx.selectFrom('worker_profile').select(['qualified_on', 'asye_completed_on', 'fte']).where('user_id', '=', worker.id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!isNewlyQualified(profile, on)) return null;
  const rules = await caseloadRules(tx);
  const { points, childKind } = await workerLoad(tx, worker.id, childId, rules);
  const complex = childKind === 'child_protection' || childKind === 'proceedings';
  const limit = limitFor({ role: worker.role, fte: Number(profile!.fte), newlyQualified: true }, rules);
  const after = points + weightOf(childKind, rules);
  const beyond = limit !== null && after > limit;
  if (!complex && !beyond) return null;
  if (!allocation.approvalReason) {
    const qualified = `${worker.display_name} is newly qualified (qualified ${formatDate(profile!.qualified_on!)}, assessed and supported year not completed)`;
    const why = [
      ...(complex ? [`this child is ${childKind === 'proceedings' ? 'in care proceedings' : 'on a child protection plan'}`] : []),
      ...(beyond ? [`the allocation takes their caseload to ${after} points, above their protected limit of ${limit}`] : []),
    ].join(', and ');
    throw new RuleBroken(`${qualified} and ${why}: give your reasons for approving the allocation, or choose a more experienced worker`, 'approvalReason');
  }
  return complex && beyond ? 'both' : complex ? 'complex_work' : 'protected_caseload';
}

/** The approval, beside the allocation it allows: who approved, when, why. */
export async function recordApproval(tx: Db, user: SignedInUser, allocationId: string, childId: string, approvedOn: string, neededFor: ApprovalNeed, reason: string): Promise<void> {
  await tx
    .insertInto('allocation_approval')
    .values({ id: randomUUID(), allocation_id: allocationId, child_id: childId, approved_by: user.id, approved_on: approvedOn, needed_for: neededFor, reason, recorded_by: user.id })
    .execute();
}
