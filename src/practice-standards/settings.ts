// The council's parameters for each practice standard: on or off, its N days, how far back it looks.
// Lantern's defaults apply until the council changes one; a change is kept with who made it and when,
// and the earlier version goes to record_version (updateRecord). Administrators and senior leaders
// change them (decision 0036); the route audits each change.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import type { Role } from '../access/roles.ts';
import { addMonths } from '../calendar/index.ts';
import { supervisionPolicy } from '../supervision/policy.ts';
import { PRACTICE_STANDARDS, type PracticeStandard, type StandardWindow } from './standards.ts';

/** Who sets the council's practice standards. */
export const SETS_STANDARDS: readonly Role[] = ['administrator', 'senior_leader'];

export interface StandardParams {
  enabled: boolean;
  days: number | null;
  lookBackMonths: number;
}

export interface StandardSetting extends StandardParams {
  standard: PracticeStandard;
  /** Who last changed it and when; null while Lantern's defaults apply. */
  changedBy: string | null;
  changedAt: Date | null;
  version: number | null;
}

export const defaultsOf = (s: PracticeStandard): StandardParams => ({ enabled: true, days: s.days?.default ?? null, lookBackMonths: s.defaultLookBackMonths });

/** Every standard with the council's parameters (one statement). */
export async function loadStandardSettings(db: Db): Promise<StandardSetting[]> {
  const rows = await sql<{ standard_id: string; enabled: boolean; days: number | null; look_back_months: number; changed_by: string; changed_at: Date; version: number }>`
    SELECT s.standard_id, s.enabled, s.days, s.look_back_months, u.display_name AS changed_by, coalesce(s.updated_at, s.recorded_at) AS changed_at, s.version
    FROM practice_standard_setting s JOIN app_user u ON u.id = coalesce(s.updated_by, s.recorded_by)
    WHERE s.deleted_at IS NULL`.execute(db);
  const byId = new Map(rows.rows.map((r) => [r.standard_id, r]));
  return PRACTICE_STANDARDS.map((standard) => {
    const row = byId.get(standard.id);
    if (!row) return { standard, ...defaultsOf(standard), changedBy: null, changedAt: null, version: null };
    return {
      standard,
      enabled: row.enabled,
      days: standard.days ? (row.days ?? standard.days.default) : null,
      lookBackMonths: row.look_back_months,
      changedBy: row.changed_by,
      changedAt: new Date(row.changed_at),
      version: row.version,
    };
  });
}

/** The window each standard is checked over today, from its parameters. */
export async function windowsOf(db: Db, settings: readonly StandardSetting[], today: string): Promise<Map<string, StandardWindow>> {
  const { caseDays } = await supervisionPolicy(db);
  return new Map(settings.map((s) => [s.standard.id, { today, since: addMonths(today, -s.lookBackMonths), days: s.days, caseDays }]));
}

const same = (a: StandardParams, b: StandardParams) => a.enabled === b.enabled && a.days === b.days && a.lookBackMonths === b.lookBackMonths;

/** Saves the standards whose parameters changed; answers the ids changed. */
export async function saveStandardSettings(db: Db, changes: ReadonlyMap<string, StandardParams>, actorId: string): Promise<string[]> {
  const current = await loadStandardSettings(db);
  const changed: string[] = [];
  for (const setting of current) {
    const next = changes.get(setting.standard.id);
    if (!next || same(setting, next)) continue;
    const values = { enabled: next.enabled, days: setting.standard.days ? next.days : null, look_back_months: next.lookBackMonths };
    const row = await db.selectFrom('practice_standard_setting').select('id').where('standard_id', '=', setting.standard.id).where('deleted_at', 'is', null).executeTakeFirst();
    if (row) await updateRecord(db, 'practice_standard_setting', row.id, values, actorId);
    else await db.insertInto('practice_standard_setting').values({ id: randomUUID(), standard_id: setting.standard.id, ...values, recorded_by: actorId }).execute();
    changed.push(setting.standard.id);
  }
  return changed;
}
