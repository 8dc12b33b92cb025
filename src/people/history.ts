// What a child's details said before each change, from record_version: who changed what, and when.
import type { Db } from '../db/history.ts';
import { ETHNICITY, SEX, labelFor } from '../codes/index.ts';

const FIELDS: Record<string, string> = {
  kind: 'Born or unborn',
  first_name: 'First name',
  last_name: 'Last name',
  other_names: 'Other names',
  date_of_birth: 'Date of birth',
  expected_date_of_birth: 'Expected date of birth',
  date_of_death: 'Date of death',
  sex: 'Sex',
  ethnicity: 'Ethnicity',
  la_child_id: 'LA child ID',
  nhs_number: 'NHS number',
  upn: 'UPN',
  former_upn: 'Former UPN',
  immigration_status: 'Immigration status',
  unaccompanied_asylum_seeker: 'Unaccompanied asylum-seeking child',
  uasc_ceased_on: 'Date UASC status ceased',
  first_language: 'First language',
  religion: 'Religion',
  restricted: 'Restricted record',
};

function shown(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'Not recorded';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  const text = String(value);
  if (field === 'sex') return labelFor(SEX, text) ?? text;
  if (field === 'ethnicity') return labelFor(ETHNICITY, text) ?? text;
  return text;
}

const asRecord = (data: unknown): Record<string, unknown> =>
  typeof data === 'string' ? (JSON.parse(data) as Record<string, unknown>) : ((data ?? {}) as Record<string, unknown>);

export async function personHistory(db: Db, personId: string) {
  const [versions, current] = await Promise.all([
    db
      .selectFrom('record_version as v')
      .leftJoin('app_user as u', 'u.id', 'v.changed_by')
      .select(['v.version', 'v.data', 'v.change', 'v.changed_at', 'u.display_name as changed_by'])
      .where('v.record_id', '=', personId)
      .where('v.table_name', '=', 'person')
      .orderBy('v.version')
      .orderBy('v.id')
      .execute(),
    db.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirst(),
  ]);
  const entries = versions.map((v, i) => {
    const before = asRecord(v.data);
    const after = i + 1 < versions.length ? asRecord(versions[i + 1]!.data) : ((current ?? {}) as Record<string, unknown>);
    const changes = Object.entries(FIELDS)
      .filter(([field]) => String(before[field] ?? '') !== String(after[field] ?? ''))
      .map(([field, label]) => ({ field, label, from: shown(field, before[field]), to: shown(field, after[field]) }));
    return { version: v.version, change: v.change, changedAt: v.changed_at, changedBy: v.changed_by ?? 'Unknown', changes };
  });
  return entries.reverse();
}
