// Whether the duty of s.31ZA (family group decision-making before a care application) is in force for
// this council. The Children's Wellbeing and Schools Act 2026 s.1 awaits commencement regulations
// (s.78; policy-2026.md §1), so Lantern is built with the duty on and a council may hold it back: not
// yet, or from a date. Kept as one council_setting row (JSON true, false or "YYYY-MM-DD"); no row is
// "in force now", the default. Administrators change it; each change is audited.
import type { Db } from '../db/history.ts';
import { audit } from '../access/audit.ts';
import { formatDate } from '../server/format.ts';

export const FGDM_DUTY_SETTING = 'fgdmDutyCommencement';

export type FgdmDuty = { inForce: 'now' } | { inForce: 'not-yet' } | { inForce: 'from'; from: string };

export function dutyFromValue(value: unknown): FgdmDuty {
  if (value === false) return { inForce: 'not-yet' };
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return { inForce: 'from', from: value };
  return { inForce: 'now' };
}

export async function fgdmDuty(db: Db): Promise<FgdmDuty> {
  const row = await db.selectFrom('council_setting').select('value').where('key', '=', FGDM_DUTY_SETTING).executeTakeFirst();
  return dutyFromValue(row?.value);
}

/** Whether the duty applies to a care application made on this day. */
export const dutyAppliesOn = (duty: FgdmDuty, date: string): boolean => duty.inForce === 'now' || (duty.inForce === 'from' && date >= duty.from);

export function describeDuty(duty: FgdmDuty): string {
  if (duty.inForce === 'now') return 'In force: a care application waits for an accepted family group meeting to be held, unless the council decided it is not in the child’s best interests';
  if (duty.inForce === 'not-yet') return 'Not yet in force for this council: offers and meetings are recorded, and a care application is not held back';
  return `In force for care applications made on or after ${formatDate(duty.from)}`;
}

export async function setFgdmDuty(db: Db, duty: FgdmDuty, actor: { id: string; username: string; ip: string | null }): Promise<void> {
  const before = await fgdmDuty(db);
  if (duty.inForce === 'now') {
    await db.deleteFrom('council_setting').where('key', '=', FGDM_DUTY_SETTING).execute();
  } else {
    const value = JSON.stringify(duty.inForce === 'not-yet' ? false : duty.from);
    await db
      .insertInto('council_setting')
      .values({ key: FGDM_DUTY_SETTING, value, updated_by: actor.id })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_by: actor.id, updated_at: new Date() }))
      .execute();
  }
  await audit(db, { userId: actor.id, username: actor.username, ip: actor.ip, action: 'setting-changed', objectType: 'council_setting', objectId: FGDM_DUTY_SETTING, detail: { from: before, to: duty } });
}
