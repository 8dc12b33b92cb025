// Brothers and sisters in care when one of them has a plan for adoption: their relationship is
// assessed and the decision to place them together or apart recorded (seed PS-05; decision 0055).
// Assumed, not measured: siblings who both have a plan for adoption are placed together 5 times in 6;
// a brother or sister in care with another plan is placed apart (their plan is not adoption). The
// decision is dated with the later plan for adoption (the earlier one's for a group placed apart).
import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SynthContext } from '../context.ts';
import { dayOf, isoOf } from '../dates.ts';
import type { Stage } from '../stages.ts';

type Row<T extends keyof Database> = Insertable<Database[T]>;

const TOGETHER = 'The sibling assessment found a close, warm relationship: they should grow up together.';
const APART_BOTH = 'The sibling assessment found their needs are best met in separate families; contact will keep them in touch.';
const APART_OTHER = 'Their brother or sister’s plan is not adoption: they stay with their carers, with direct contact agreed.';

export const siblingGroups: Stage = {
  name: 'sibling-groups',
  async run(ctx: SynthContext) {
    const { rng, todayDay: T } = ctx;
    // Each pair of siblings, at least one with a plan for adoption, both in care at some time: one statement.
    const { rows: pairs } = await sql<{ a: string; b: string; a_first: string; b_first: string; a_plan: string | null; b_plan: string | null; a_by: string | null }>`
      WITH adoption AS (SELECT child_id, min(decided_on)::text AS decided_on, min(recorded_by::text) AS by FROM permanence_plan WHERE plan = 'adoption' GROUP BY child_id)
      SELECT DISTINCT LEAST(r.person_id, r.related_person_id)::text AS a, GREATEST(r.person_id, r.related_person_id)::text AS b,
        pa.first_name AS a_first, pb.first_name AS b_first, aa.decided_on AS a_plan, ab.decided_on AS b_plan, COALESCE(aa.by, ab.by) AS a_by
      FROM relationship r
      JOIN person pa ON pa.id = LEAST(r.person_id, r.related_person_id) JOIN person pb ON pb.id = GREATEST(r.person_id, r.related_person_id)
      LEFT JOIN adoption aa ON aa.child_id = pa.id LEFT JOIN adoption ab ON ab.child_id = pb.id
      WHERE r.kind IN ('sibling', 'half-sibling') AND r.deleted_at IS NULL AND pa.kind = 'child' AND pb.kind = 'child'
        AND (aa.child_id IS NOT NULL OR ab.child_id IS NOT NULL)
        AND EXISTS (SELECT 1 FROM care_period c WHERE c.child_id = pa.id) AND EXISTS (SELECT 1 FROM care_period c WHERE c.child_id = pb.id)
      ORDER BY a, b`.execute(ctx.db);
    const grouped = new Set<string>();
    const groups: Row<'sibling_group'>[] = [];
    const members: Row<'sibling_group_member'>[] = [];
    const events: Row<'child_event'>[] = [];
    for (const p of pairs) {
      // A child is in one group at a time: a third sibling's pair is left out.
      if (grouped.has(p.a) || grouped.has(p.b) || !p.a_by) continue;
      const both = p.a_plan !== null && p.b_plan !== null;
      const together = both && rng.chance(5 / 6);
      const day = dayOf(both ? (p.a_plan! > p.b_plan! ? p.a_plan! : p.b_plan!) : (p.a_plan ?? p.b_plan)!);
      if (day > T) continue;
      const id = rng.uuid();
      const reason = together ? TOGETHER : both ? APART_BOTH : APART_OTHER;
      const recordedAt = ctx.stamp(day, 3);
      groups.push({ id, decided_on: isoOf(day), decision: together ? 'together' : 'apart', reason, recorded_by: p.a_by, recorded_at: recordedAt });
      for (const [child, other] of [[p.a, p.b_first], [p.b, p.a_first]] as const) {
        grouped.add(child);
        members.push({ id: rng.uuid(), group_id: id, child_id: child, recorded_by: p.a_by, recorded_at: recordedAt });
        const title = together ? `To be placed for adoption together with ${other}` : `To be placed apart from ${other}: decided not to place together`;
        events.push(ctx.eventRow({ childId: child, type: 'permanence.sibling-group', occurredOn: day, sourceTable: 'sibling_group', sourceId: id, scopeId: id, title, detail: reason, recordedBy: p.a_by, recordedAt }));
      }
    }
    await ctx.insert('sibling_group', groups);
    await ctx.insert('sibling_group_member', members);
    await ctx.insert('child_event', events);
    ctx.log(`${groups.length} sibling groups (${groups.filter((g) => g.decision === 'together').length} placed together) of ${pairs.length} pairs with a plan for adoption`);
  },
};
