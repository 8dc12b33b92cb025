// recorded_at comes from Lantern's clock, not the database server's (issue 6 part 3, item 7): with
// "today" pinned (LANTERN_TODAY, or a test's fixed day), a fact recorded now is stamped on that day,
// so "recorded N working days later" counts from the pinned day and not from the real one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type Agent, type TestApp } from './support/app.ts';
import { fixedTime, isoDateInLondon } from '../src/server/time.ts';
import { dateFields, makeChild, textOf } from '../src/plans/test-helpers.ts';
import { updateRecord } from '../src/db/history.ts';
import { lateNote, lateRecording } from '../src/chronology/service.ts';

const PINNED = '2026-03-05';
let t: TestApp;
let worker: Agent;
beforeAll(async () => {
  t = await startTestApp({ time: fixedTime(PINNED) });
  worker = await t.signIn('worker');
});
afterAll(async () => t.close());

async function caseNote(childId: string, notedOn: string, title: string) {
  const response = await worker.post(`/children/${childId}/case-notes/new`, { ...dateFields('notedOn', notedOn), title, note: 'Spoke to the school.', significance: 'normal' });
  expect(response.statusCode, textOf(response.body).slice(0, 500)).toBe(303);
}

describe("Lantern's clock in the database", () => {
  it('with the time pinned to 5 March 2026, a note dated 4 March recorded now is not flagged late; one dated 5 January is 43 working days late', async () => {
    const childId = await makeChild(t, { firstName: 'Clocky' });
    await caseNote(childId, '2026-03-04', 'Yesterday’s call');
    await caseNote(childId, '2026-01-05', 'January call written up now');
    const events = await t.ctx.db.selectFrom('child_event').select(['title', 'recorded_at']).where('child_id', '=', childId).where('type', '=', 'case-note.recorded').execute();
    expect(events.map((e) => isoDateInLondon(new Date(e.recorded_at)))).toEqual([PINNED, PINNED]);
    const rows = (await worker.get(`/children/${childId}/chronology`)).body.split('<tr').map(textOf);
    const yesterday = rows.find((r) => r.includes('Yesterday’s call'))!;
    const january = rows.find((r) => r.includes('January call written up now'))!;
    expect(yesterday).not.toMatch(/working days? later/);
    // 5 January to 5 March 2026 by the working-day calendar, not the hundreds the real date would give.
    const late = lateRecording('2026-01-05', PINNED)!;
    expect(late.workingDays).toBe(43);
    expect(january.toLowerCase()).toContain(lateNote(late));
  });

  it('every DEFAULT now() of a recorded fact, and corrections and deletions, use lantern_now(); the audit log keeps the real clock', async () => {
    const defaults = await sql<{ table_name: string; column_name: string; column_default: string }>`
      SELECT table_name, column_name, column_default FROM information_schema.columns
       WHERE table_schema = current_schema() AND column_default LIKE '%now()%'`.execute(t.ctx.db);
    const recordedAt = defaults.rows.filter((c) => c.column_name === 'recorded_at');
    expect(recordedAt.length).toBeGreaterThan(20);
    for (const column of recordedAt) expect(column.column_default, `${column.table_name}.recorded_at`).toBe('lantern_now()');
    expect(defaults.rows.find((c) => c.table_name === 'audit_log' && c.column_name === 'at')?.column_default).toBe('now()');
    const now = await sql<{ at: Date }>`SELECT lantern_now() AS at`.execute(t.ctx.db);
    expect(isoDateInLondon(new Date(now.rows[0]!.at))).toBe(PINNED);

    const childId = await makeChild(t, { firstName: 'Corrected' });
    await t.ctx.db.transaction().execute((tx) => updateRecord(tx, 'person', childId, { other_names: 'Cory' }, t.users.worker));
    const person = await t.ctx.db.selectFrom('person').select(['recorded_at', 'updated_at']).where('id', '=', childId).executeTakeFirstOrThrow();
    expect(isoDateInLondon(new Date(person.updated_at!))).toBe(PINNED);
  });
});
