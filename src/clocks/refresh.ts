// Re-derives a child's clocks from the journal (and the milestones the record implies: milestones.ts).
// Called whenever the journal changes, so a late or corrected record moves the due dates with it.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/history.ts';
import { loadSettings } from '../settings/council-settings.ts';
import { loadSchoolCalendar } from '../settings/school-terms.ts';
import { deriveClocks } from './engine.ts';
import { TIMESCALE_RULES } from './rules.ts';
import { milestonesOf } from './milestones.ts';

export async function refreshClocks(db: Db, childId: string): Promise<void> {
  const [events, settings, milestones, school] = await Promise.all([
    db
      .selectFrom('child_event')
      .select(['id', 'type', 'occurred_on', 'scope_id'])
      .where('child_id', '=', childId)
      .where('deleted_at', 'is', null)
      .orderBy('occurred_on')
      .orderBy('recorded_at')
      .execute(),
    loadSettings(db),
    milestonesOf(db, [childId]),
    loadSchoolCalendar(db),
  ]);
  const clocks = deriveClocks(
    [...events.map((e) => ({ id: e.id, type: e.type, occurredOn: e.occurred_on, scopeId: e.scope_id })), ...(milestones.get(childId) ?? [])],
    TIMESCALE_RULES,
    settings,
    school,
  );
  await db.deleteFrom('clock').where('child_id', '=', childId).execute();
  if (clocks.length === 0) return;
  await db
    .insertInto('clock')
    .values(
      clocks.map((c) => ({
        id: randomUUID(),
        child_id: childId,
        rule_id: c.ruleId,
        scope_id: c.scopeId,
        start_event_id: c.startEventId,
        started_on: c.startedOn,
        due_on: c.dueOn,
        met_on: c.metOn,
        met_event_id: c.metEventId,
        stopped_on: c.stoppedOn,
      })),
    )
    .execute();
}
