// Changing the council's own timescales. A change is audited and re-derives the clocks it affects in
// the same transaction, so a worker's list never shows a due date from the old setting.
import { sql, type Kysely } from 'kysely';
import { audit } from '../access/audit.ts';
import { refreshClocks } from '../clocks/refresh.ts';
import { ruleById } from '../clocks/rules.ts';
import { refreshHouseholdClocks } from '../fostering/clocks.ts';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import {
  SETTING_DEFINITIONS,
  clearSetting, forgetSettings, loadSettings, saveSetting, settingMax, validateSetting,
  type SettingDefinition,
  type SettingKey,
  type SettingUnit,
} from './council-settings.ts';

const UNIT_WORDS: Record<SettingUnit, [string, string]> = {
  points: ['point', 'points'],
  working_days: ['working day', 'working days'],
  days: ['day', 'days'],
  weeks: ['week', 'weeks'],
  months: ['month', 'months'],
  school_days: ['school day', 'school days'],
  terms: ['term', 'terms'],
};

export const unitWord = (unit: SettingUnit, n: number) => UNIT_WORDS[unit][n === 1 ? 0 : 1];
export const unitText = (unit: SettingUnit, n: number) => `${n} ${unitWord(unit, n)}`;

export interface SettingView {
  key: SettingKey;
  label: string;
  /** What the setting governs, for messages: "Child protection visit interval". */
  name: string;
  /** The timescale it tightens. */
  ruleTitle: string;
  unit: SettingUnit;
  /** The council's own value, or null when the standard applies. */
  councilValue: number | null;
  /** The standard (statutory or Lantern's) interval: the most a council may set. */
  standard: number;
  /** The interval in force. */
  inForce: number;
  source: string;
}

export const SETTING_KEYS = Object.keys(SETTING_DEFINITIONS) as SettingKey[];

export async function listSettings(db: Db): Promise<SettingView[]> {
  const settings = await loadSettings(db);
  return SETTING_KEYS.map((key) => {
    const definition: SettingDefinition = SETTING_DEFINITIONS[key];
    const rule = definition.ruleId ? ruleById(definition.ruleId) : undefined;
    const standard = settingMax(key);
    const councilValue = settings[key] ?? null;
    return {
      key,
      label: definition.label,
      name: definition.name,
      ruleTitle: rule?.title ?? definition.label,
      unit: definition.unit ?? (rule ? (rule.then ?? rule.due).unit : 'days'),
      councilValue,
      standard,
      inForce: councilValue === null ? standard : Math.min(councilValue, standard),
      source: definition.source ?? rule?.source ?? 'Council setting',
    };
  });
}

export interface Actor {
  id: string;
  username: string;
  ip: string | null;
}

export interface SettingChange {
  key: SettingKey;
  from: number | null;
  to: number | null;
  /** Children whose clocks were re-derived. */
  childrenRefreshed: number;
}

/**
 * Applies the changes that differ from what is stored. `null`, or the standard itself, means "use
 * the standard" and removes the council's value. Every value is checked before anything is saved.
 */
export async function changeSettings(
  db: Kysely<Database>,
  changes: Partial<Record<SettingKey, number | null>>,
  actor: Actor,
): Promise<SettingChange[]> {
  for (const [key, value] of Object.entries(changes) as [SettingKey, number | null][]) {
    if (value !== null) validateSetting(key, value);
  }
  const current = await loadSettings(db);
  const applied: SettingChange[] = [];
  await db.transaction().execute(async (tx) => {
    for (const [key, value] of Object.entries(changes) as [SettingKey, number | null][]) {
      const to = value === null || value === settingMax(key) ? null : value;
      const from = current[key] ?? null;
      if (to === from) continue;
      if (to === null) await clearSetting(tx, key);
      else await saveSetting(tx, key, to, actor.id);
      const ruleId = (SETTING_DEFINITIONS[key] as SettingDefinition).ruleId;
      const children = ruleId ? await childrenWithOpenClocks(tx, ruleId) : [];
      for (const childId of children) await refreshClocks(tx, childId);
      const householdRule = HOUSEHOLD_SETTING_RULES[key];
      if (householdRule) for (const householdId of await householdsWithOpenClocks(tx, householdRule)) await refreshHouseholdClocks(tx, householdId);
      await audit(tx, {
        userId: actor.id,
        username: actor.username,
        ip: actor.ip,
        action: 'setting-changed',
        objectType: 'council_setting',
        objectId: key,
        detail: { from, to, childrenRefreshed: children.length },
      });
      applied.push({ key, from, to, childrenRefreshed: children.length });
    }
  });
  // The settings were saved through the transaction: this process's cached copy is now stale.
  forgetSettings(db);
  return applied;
}

/** Settings that move a fostering household's clocks (decision 0056): its clocks are re-derived too. */
const HOUSEHOLD_SETTING_RULES: Partial<Record<SettingKey, string>> = { fosteringSupervisoryVisitWeeks: 'foster-carer-supervisory-visit' };

async function householdsWithOpenClocks(db: Db, ruleId: string): Promise<string[]> {
  const rows = await db.selectFrom('household_clock').select(sql<string>`DISTINCT household_id`.as('id')).where('rule_id', '=', ruleId).where('met_on', 'is', null).where('stopped_on', 'is', null).execute();
  return rows.map((row) => row.id);
}

/** Children with a running clock of the rule: theirs are the due dates a new interval moves. */
async function childrenWithOpenClocks(db: Db, ruleId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('clock')
    .select(sql<string>`DISTINCT child_id`.as('childId'))
    .where('rule_id', '=', ruleId)
    .where('met_on', 'is', null)
    .where('stopped_on', 'is', null)
    .execute();
  return rows.map((row) => row.childId);
}
