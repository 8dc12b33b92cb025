// What the "Health" page and API show: assessments (initial and review) with what is due next, the
// last dental check (flagged after a year), immunisations and SDQ scores: the SSDA903 OC2 facts.
import type { Db } from '../db/history.ts';
import { addMonths } from '../calendar/index.ts';
import { labelFor } from '../codes/code-list.ts';
import { SDQ_REASON } from '../codes/ssda903.ts';
import { ruleById } from '../clocks/rules.ts';

export async function healthOf(db: Db, childId: string, today: string) {
  const [assessments, checks, clocks] = await Promise.all([
    db.selectFrom('health_assessment').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('assessed_on', 'desc').execute(),
    db.selectFrom('health_check').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('checked_on', 'desc').execute(),
    db
      .selectFrom('clock')
      .select(['rule_id', 'due_on', 'started_on'])
      .where('child_id', '=', childId)
      .where('rule_id', 'in', ['initial-health-assessment', 'review-health-assessment'])
      .where('met_on', 'is', null)
      .where('stopped_on', 'is', null)
      .orderBy('due_on')
      .execute(),
  ]);
  const of = (kind: string) => checks.filter((c) => c.kind === kind);
  const dental = of('dental')[0] ?? null;
  return {
    assessments,
    dental: dental ? { ...dental, overAYear: dental.checked_on < addMonths(today, -12) } : null,
    immunisations: of('immunisations')[0] ?? null,
    sdq: of('sdq').map((s) => ({ ...s, reasonLabel: s.sdq_reason ? (labelFor(SDQ_REASON, s.sdq_reason) ?? s.sdq_reason) : null })),
    checks,
    interventionLabels: { received: 'intervention received', offered: 'intervention offered, not received', not_offered: 'no intervention offered' },
    due: clocks.map((c) => ({ ...c, title: ruleById(c.rule_id)?.title ?? c.rule_id, overdue: c.due_on < today })),
  };
}
