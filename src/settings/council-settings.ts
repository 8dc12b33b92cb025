// Local rules a council sets for itself. Each may tighten a timescale, never loosen it: the value
// must not exceed the rule's standard interval (the statutory or Lantern floor).
import { z } from 'zod';
import type { Db } from '../db/history.ts';
import { RuleBroken } from '../server/errors.ts';
import { ruleById } from '../clocks/rules.ts';
import type { DueUnit } from '../clocks/rule.ts';
import { CASELOAD_SETTINGS } from '../workforce/caseload-settings.ts';

/** A timescale's unit, or points of caseload weight (workforce settings, decision 0023). */
export type SettingUnit = DueUnit | 'points';

export interface SettingDefinition {
  label: string;
  /** What it governs, as the subject of a sentence: "Child protection visit interval must be …". */
  name: string;
  /** The timescale it tightens; its standard interval is the most the council may set. */
  ruleId?: string;
  /**
   * For settings that are not a timescale rule, or that tighten one of a rule's intervals (by level,
   * `intervalAfter`): the loosest value allowed, its unit and where it comes from.
   */
  max?: number;
  unit?: SettingUnit;
  source?: string;
}

export const SETTING_DEFINITIONS = {
  assessmentWorkingDays: { label: 'Assessment completed within (working days of the referral)', name: 'Assessment timescale', ruleId: 'assessment-completed' },
  initialConferenceWorkingDays: { label: 'Initial child protection conference within (working days of the strategy discussion)', name: 'Initial conference timescale', ruleId: 'initial-conference' },
  coreGroupIntervalWeeks: { label: 'Core group meetings at least every (weeks)', name: 'Core group interval', ruleId: 'core-group' },
  cpReviewIntervalMonths: { label: 'Child protection review conferences at least every (months)', name: 'Review conference interval', ruleId: 'cp-review' },
  cpVisitIntervalWorkingDays: { label: 'Child protection visits at least every (working days)', name: 'Child protection visit interval', ruleId: 'cp-visit' },
  cinVisitIntervalWorkingDays: { label: 'Child in need visits at least every (working days)', name: 'Child in need visit interval', ruleId: 'cin-visit' },
  lookedAfterVisitIntervalWeeks: { label: 'Visits to children in care at least every (weeks, after the first week of a placement)', name: 'Visit interval for children in care', ruleId: 'looked-after-visit' },
  iroChallengeResponseWorkingDays: { label: 'Response to each stage of an IRO challenge within (working days)', name: 'IRO challenge response time', ruleId: 'iro-challenge-response' },
  personalAdviserVisitIntervalMonths: { label: 'Personal adviser visits to care leavers at least every (months, after the first week in new accommodation)', name: 'Personal adviser visit interval', ruleId: 'personal-adviser-visit' },
  cinMeetingIntervalWeeks: { label: 'Child in need meetings at least every (weeks)', name: 'Child in need meeting interval', ruleId: 'cin-review' },
  kinshipOfferWorkingDays: { label: 'Kinship local offer sent to the carers within (working days of the start of the arrangement)', name: 'Kinship local offer timescale', ruleId: 'kinship-local-offer' },
  exploitationReviewHighWeeks: { label: 'Exploitation risk assessment at high risk reviewed at least every (weeks)', name: 'Review interval at high risk of exploitation', ruleId: 'exploitation-review', max: 4, unit: 'weeks', source: 'Lantern’s default, decision 0016: at least monthly at high risk; a council may review more often' },
  exploitationReviewMediumMonths: { label: 'Exploitation risk assessment at medium risk reviewed at least every (months)', name: 'Review interval at medium risk of exploitation', ruleId: 'exploitation-review', max: 3, unit: 'months', source: 'Local CSE and exploitation risk assessment tools: reviewed at least 3-monthly on a multi-agency basis (decision 0016)' },
  exploitationReviewLowMonths: { label: 'Exploitation risk assessment at low risk reviewed at least every (months)', name: 'Review interval at low risk of exploitation', ruleId: 'exploitation-review', max: 6, unit: 'months', source: 'Lantern’s default, decision 0016: at least 6-monthly at low risk' },
  exploitationPanelWorkingDays: { label: 'Referral considered by the exploitation panel (MACE) within (working days)', name: 'Exploitation panel timescale', ruleId: 'exploitation-panel' },
  exploitationAssessmentBeforeConcernDays: { label: 'An exploitation risk assessment made up to (days) before a new concern still answers it', name: 'Exploitation risk assessment before a concern', max: 28, unit: 'days', source: 'Lantern’s default, decision 0016: repeat missing, or exploitation named at a return interview, needs a risk assessment unless one was made in the 28 days before' },
  supervisionIntervalWeeks: { label: 'Social workers supervised at least every (weeks)', name: 'Supervision interval', max: 4, unit: 'weeks', source: 'Lantern’s default, decision 0022: formal supervision at least every 4 weeks (Newham 2014 ¶18; Wandsworth 2016 rec 4)' },
  supervisionNewlyQualifiedWeeks: { label: 'Newly qualified social workers supervised at least every (weeks, from their 7th week to 6 months)', name: 'Supervision interval for newly qualified workers', max: 2, unit: 'weeks', source: 'ASYE framework (Skills for Care): weekly for the first 6 weeks, fortnightly to 6 months, then monthly (decision 0022)' },
  caseSupervisionIntervalWeeks: { label: 'Each allocated child discussed in casework supervision at least every (weeks)', name: 'Case supervision interval', max: 8, unit: 'weeks', source: 'Lantern’s default, decision 0022: every child discussed at least every second monthly supervision (DQ-17; Southend 2016 ¶124)' },
  oversightIntervalWeeksProtectionAndCare: { label: 'Management oversight of a child on a child protection plan or in care at least every (weeks)', name: 'Management oversight interval (child protection and children in care)', ruleId: 'management-oversight', max: 4, unit: 'weeks', source: 'Lantern’s default, decision 0021: every 4 weeks, as often as the statutory visits to a child in care in a settled placement’s first year are 6-weekly' },
  oversightIntervalMonthsChildInNeed: { label: 'Management oversight of a child in need at least every (months)', name: 'Management oversight interval (child in need)', ruleId: 'management-oversight', max: 3, unit: 'months', source: 'Lantern’s default, decision 0021: every 3 months, the longest interval between child in need reviews in local practice' },
  cinDriftDays: { label: 'A child in need case with no visit, case note, meeting or oversight for this many days is listed as drifting (days)', name: 'Drift on child in need cases', max: 30, unit: 'days', source: 'Lantern’s default, decision 0021: Newham 2014 ¶40 (delay in children’s needs being met); a council may look sooner' },
  lateRecordingDays: { label: 'A fact put on the record more than this many days after it happened is listed as recorded late (days)', name: 'Late recording', max: 7, unit: 'days', source: 'Lantern’s default, decision 0029: Wandsworth 2016 ¶28 and Newham 2014 ¶12 (seed DQ-12: case notes up to two months late); a council may hold its workers to sooner' },
  fosteringSupervisoryVisitWeeks: { label: 'Foster carers visited by their supervising social worker at least every (weeks)', name: 'Supervisory visit interval for foster carers', max: 6, unit: 'weeks', source: 'Fostering NMS 2011 standard 21 sets no frequency; Lantern’s default, decision 0056: at least every 6 weeks, as local procedures set it (Ealing: 4-weekly in the first year, 6-weekly after)' },
  fosteringDbsRenewalMonths: { label: 'Foster carers’ and their adult household members’ DBS checks renewed at least every (months)', name: 'DBS renewal interval for foster carers', max: 36, unit: 'months', source: 'FS(E)R 2011 Schedule 3 asks for an enhanced check with the barred list at assessment and sets no renewal interval; Lantern’s default, decision 0056: every 3 years, as councils commonly renew' },
  ...CASELOAD_SETTINGS,
} as const satisfies Record<string, SettingDefinition>;

export function settingMax(key: SettingKey): number {
  const definition: SettingDefinition = SETTING_DEFINITIONS[key];
  const rule = definition.ruleId ? ruleById(definition.ruleId) : undefined;
  const max = definition.max ?? (rule ? (rule.then ?? rule.due).amount : undefined);
  if (max === undefined) throw new Error(`Setting ${key} has no limit`);
  return max;
}

export type SettingKey = keyof typeof SETTING_DEFINITIONS;
export type CouncilSettings = Partial<Record<SettingKey, number>>;

const cache = new WeakMap<object, CouncilSettings>();

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTING_DEFINITIONS, key);
}

export async function loadSettings(db: Db): Promise<CouncilSettings> {
  const cached = cache.get(db);
  if (cached) return cached;
  const rows = await db.selectFrom('council_setting').select(['key', 'value']).execute();
  const settings: CouncilSettings = {};
  for (const row of rows) {
    if (isSettingKey(row.key) && typeof row.value === 'number') settings[row.key] = row.value;
  }
  cache.set(db, settings);
  return settings;
}

export function validateSetting(key: SettingKey, value: number): void {
  const definition = SETTING_DEFINITIONS[key];
  const parsed = z.number().int().min(1).safeParse(value);
  if (!parsed.success) throw new RuleBroken(`${definition.label} must be a whole number of at least 1`, key);
  const max = settingMax(key);
  if (value > max) {
    throw new RuleBroken(`${definition.label} cannot be more than ${max}: a council may tighten this timescale but not loosen it`, key);
  }
}

export async function saveSetting(db: Db, key: SettingKey, value: number, actorId: string): Promise<void> {
  validateSetting(key, value);
  await db
    .insertInto('council_setting')
    .values({ key, value: JSON.stringify(value), updated_by: actorId })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_by: actorId, updated_at: new Date() }))
    .execute();
  cache.delete(db);
}

/** Removes the council's value, so that the standard applies again. */
export async function clearSetting(db: Db, key: SettingKey): Promise<void> {
  await db.deleteFrom('council_setting').where('key', '=', key).execute();
  cache.delete(db);
}

/** Clears the cache, for a process that shares its database with another writer (tests). */
export function forgetSettings(db: Db): void {
  cache.delete(db);
}
