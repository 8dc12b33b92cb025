// What a transition form shows before the worker types (decision 0025): the manager's decision that
// will authorise it (the earliest of its kind not yet acted on), or that one must be recorded first,
// with the link to the decision form for that kind. Read by childForm for a form that names its
// `decision`; kept free of the oversight service so the server's form helper may import it.
import type { Db } from '../db/history.ts';
import { labelFor } from '../codes/code-list.ts';
import { DECISION_KIND, type DecisionKindCode } from './codes.ts';

export interface DecisionStatus {
  kind: DecisionKindCode;
  label: string;
  /** When the decision is needed, where not always ("If the child is returning home"). */
  when: string | null;
  decision: { managerName: string; decidedOn: string; rationale: string } | null;
  /** The decision form, with the kind chosen. */
  recordHref: string;
}

/**
 * The decision that authorises the next transition of its kind: the earliest not yet acted on (made on
 * or before `on`, where given). Shared by the form's notice and the gate, so the two name the same one.
 */
export function firstUnusedDecision(db: Db, childId: string, kind: DecisionKindCode, on?: string) {
  let query = db
    .selectFrom('management_decision as d')
    .innerJoin('app_user as m', 'm.id', 'd.manager_id')
    .select(['d.id', 'm.display_name', 'd.decided_on', 'd.rationale'])
    .where('d.child_id', '=', childId)
    .where('d.kind', '=', kind)
    .where('d.acted_on_id', 'is', null)
    .where('d.deleted_at', 'is', null);
  if (on !== undefined) query = query.where('d.decided_on', '<=', on);
  return query.orderBy('d.decided_on').orderBy('d.recorded_at').executeTakeFirst();
}

export async function decisionStatus(db: Db, childId: string, kind: DecisionKindCode, when: string | null = null): Promise<DecisionStatus> {
  const decision = await firstUnusedDecision(db, childId, kind);
  return {
    kind,
    label: labelFor(DECISION_KIND, kind) ?? kind,
    when,
    decision: decision ? { managerName: decision.display_name, decidedOn: decision.decided_on, rationale: decision.rationale } : null,
    recordHref: `/children/${childId}/decisions/new?kind=${kind}`,
  };
}
