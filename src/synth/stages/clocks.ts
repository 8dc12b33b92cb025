// The last stage: every child's clocks, derived from the whole journal the earlier stages wrote,
// with the same engine and rules refreshClocks uses. In bulk: only children with an event that
// starts a timescale, a few thousand at a time, instead of refreshClocks child by child.
import type { Insertable } from 'kysely';
import { deriveClocks, type ClockEvent } from '../../clocks/engine.ts';
import { TIMESCALE_RULES } from '../../clocks/rules.ts';
import { milestonesOf } from '../../clocks/milestones.ts';
import { clockRow } from '../../clocks/refresh.ts';
import type { ClockTable } from '../../db/schema.ts';
import { loadSettings } from '../../settings/council-settings.ts';
import { loadSchoolCalendar } from '../../settings/school-terms.ts';
import type { Stage } from '../stages.ts';

const CHILDREN_PER_QUERY = 2_000;

export const clocks: Stage = {
  name: 'clocks',
  async run(ctx) {
    const { db, rng } = ctx;
    const starting = [...new Set(TIMESCALE_RULES.flatMap((r) => r.startsOn))];
    // Events of other types cannot start, meet or stop a clock, so they are not read.
    const relevant = [...new Set(TIMESCALE_RULES.flatMap((r) => [...r.startsOn, ...r.satisfiedBy, ...(r.stoppedBy ?? [])]))];
    const settings = await loadSettings(db);
    const school = await loadSchoolCalendar(db);
    const childIds = (
      await db
        .selectFrom('child_event')
        .select('child_id')
        .distinct()
        .where('type', 'in', starting)
        .where('deleted_at', 'is', null)
        .orderBy('child_id')
        .execute()
    ).map((r) => r.child_id);

    let written = 0;
    let open = 0;
    for (let i = 0; i < childIds.length; i += CHILDREN_PER_QUERY) {
      const chunk = childIds.slice(i, i + CHILDREN_PER_QUERY);
      const events = await db
        .selectFrom('child_event')
        .select(['id', 'child_id', 'type', 'occurred_on', 'scope_id', 'recorded_at'])
        .where('child_id', 'in', chunk)
        .where('type', 'in', relevant)
        .where('deleted_at', 'is', null)
        .orderBy('child_id')
        .orderBy('occurred_on')
        .orderBy('recorded_at')
        .orderBy('id')
        .execute();
      const byChild = await milestonesOf(db, chunk);
      for (const e of events) {
        let list = byChild.get(e.child_id);
        if (!list) byChild.set(e.child_id, (list = []));
        list.push({ id: e.id, type: e.type, occurredOn: e.occurred_on, scopeId: e.scope_id, recordedAt: e.recorded_at.getTime() });
      }
      const rows: Insertable<ClockTable>[] = [];
      for (const childId of chunk) {
        for (const c of deriveClocks(byChild.get(childId) ?? [], TIMESCALE_RULES, settings, school)) {
          if (c.metOn === null && c.stoppedOn === null) open++;
          rows.push(clockRow(rng.uuid(), childId, c));
        }
      }
      // A stage that wrote through recordEvent may already have refreshed some of these children.
      await db.deleteFrom('clock').where('child_id', 'in', chunk).execute();
      written += await ctx.insert('clock', rows);
    }
    ctx.log(`${written} clocks for ${childIds.length} children (${open} still running)`);
  },
};
