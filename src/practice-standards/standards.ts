// The practice standards Lantern can check from the record (issue 9; seed DQ-22, DQ-47, §1.19;
// decision 0036). Each is defined here, in code: what it checks, over which children, and where on the
// record a child who does not meet it is put right. The council switches each on or off and sets its
// own parameters (N days, how far back it looks) in practice_standard_setting. Timeliness standards
// that have a timescale rule read the clocks that rule fills (the worker's due list), so the standard
// and the due list cannot disagree; they are not counted again here.
//
// Each standard is one SQL statement over the whole council giving one row per thing checked (a
// referral, a discussion, a visit that fell due …): the child, the day, met or not, and the quality
// fact paired with it where the record has one (DQ-47). A child meets a standard when every one of
// their rows does.
import { sql, type RawBuilder } from 'kysely';
import { formatDate, midSentence } from '../server/format.ts';
import { ruleById } from '../clocks/rules.ts';
import { labelFor, STRATEGY_DISCUSSION_AGENCY } from '../codes/index.ts';

/** One thing checked for one child. */
export interface StandardRow {
  child_id: string;
  /** The day it is about: the referral, the discussion, the day the visit fell due. */
  day: string;
  met: boolean;
  /** The paired quality fact (the child's views recorded, seen alone): null where it does not apply. */
  quality: boolean | null;
  /** A short code the standard describes (the timescale rule, the agencies who took part). */
  what: string | null;
  /** A second day: when the child was seen, when the visit was made, when last discussed. */
  other_on: string | null;
}

/** What a standard is checked with: the council's parameters and today. */
export interface StandardWindow {
  today: string;
  /** Facts from this day on are checked (today less the look-back). */
  since: string;
  /** The council's N days, for a standard that has one. */
  days: number | null;
  /** Casework supervision interval from the council's supervision policy (src/supervision/policy.ts). */
  caseDays: number;
  /** Only this child's rows (the child's own page). */
  childId?: string;
  /**
   * Only the rows of the children in the statement's `reach` CTE (reachableChildren: those the user
   * could see), so that a manager's figures start from their teams' children, not the council's.
   */
  reach?: boolean;
}

export interface PracticeStandard {
  id: string;
  title: string;
  /** What it checks, in plain English; `{days}` is replaced by the council's N. */
  description: string;
  citation: string;
  /** Its own number of days, where the council sets one here (others follow the timescale settings). */
  days?: { label: string; hint: string; default: number };
  defaultLookBackMonths: number;
  /** The timescale rules whose clocks it reads, if any. */
  clockRules?: readonly string[];
  rows: (w: StandardWindow) => RawBuilder<StandardRow>;
  describe: (row: StandardRow, w: StandardWindow) => string;
  /** Where on the child's record it is put right. */
  fixAt: (childId: string, row: StandardRow) => string;
  /** The quality fact paired with it (DQ-47), or what the record lacks, said plainly. */
  quality: { label: string; definition: string } | { missing: string };
}

/** Only one child's rows (their own page), or only the rows of the children in the statement's `reach`. */
const childFilter = (column: RawBuilder<unknown>, w: StandardWindow) =>
  w.childId ? sql`AND ${column} = ${w.childId}::uuid` : w.reach ? sql`AND ${column} IN (SELECT child_id FROM reach)` : sql``;

/**
 * Rows from the clocks of some rules: each clock that fell due in the look-back (and by today), on
 * time when met on or before its due date, as the measures count it (src/measures/counting.ts
 * clocksDue); a clock stopped before it fell due is not counted; and a clock still running late is
 * counted however long ago it fell due, so an old miss never drops out of sight.
 */
function clockRows(ruleIds: readonly string[], quality: (c: RawBuilder<unknown>) => RawBuilder<boolean | null>) {
  return (w: StandardWindow): RawBuilder<StandardRow> => {
    const rules = sql.join(ruleIds.map((r) => sql`${r}`));
    const select = sql`SELECT c.child_id, c.due_on::text AS day, (c.met_on IS NOT NULL AND c.met_on <= c.due_on) AS met,
        ${quality(sql`c`)} AS quality, c.rule_id AS what, c.met_on::text AS other_on FROM clock c`;
    return sql<StandardRow>`${select}
        WHERE c.rule_id IN (${rules}) AND c.due_on >= ${w.since}::date AND c.due_on <= ${w.today}::date
          AND (c.met_on IS NOT NULL OR (c.due_on < ${w.today}::date AND (c.stopped_on IS NULL OR c.stopped_on > c.due_on))) ${childFilter(sql`c.child_id`, w)}
      UNION ALL ${select}
        WHERE c.rule_id IN (${rules}) AND c.due_on < ${w.since}::date AND c.met_on IS NULL AND c.stopped_on IS NULL ${childFilter(sql`c.child_id`, w)}`;
  };
}

function describeClock(row: StandardRow, w: StandardWindow): string {
  const title = ruleById(row.what ?? '')?.title ?? 'The task';
  if (row.met) return `${title}: due ${formatDate(row.day)}, done ${formatDate(row.other_on!)}`;
  if (row.other_on) return `${title}: due ${formatDate(row.day)}, done late on ${formatDate(row.other_on)}`;
  return `${title}: due ${formatDate(row.day)}, not done by ${formatDate(w.today)}`;
}

/** The agencies a multi-agency strategy discussion must include (Working Together 2023 ch.3: police, health, children's social care). */
export const STRATEGY_AGENCIES = ['POLICE', 'HEALTH'] as const;

export const VISIT_RULES = [
  'cp-visit',
  'cin-visit',
  'looked-after-visit',
  'looked-after-visit-weekly-then-6-weekly',
  'looked-after-visit-weekly-then-4-weekly',
  'looked-after-visit-care-order-at-home',
] as const;
export const REVIEW_RULES = ['cp-review', 'cin-review', 'looked-after-review', 'pathway-plan-review'] as const;

export const PRACTICE_STANDARDS: readonly PracticeStandard[] = [
  {
    id: 'child-seen',
    title: 'Child seen within {days} days of referral',
    description:
      'Each referral that went on to an assessment in the look-back: the child was seen within {days} days of the referral (the day the assessment records the child was seen). A referral still within its {days} days whose child has not yet been seen is not counted yet.',
    citation: 'seed-requirements §3 DQ-22 (Wandsworth 2016 ¶103, rec 2); Q27',
    days: { label: 'Days from referral to the child being seen', hint: 'Calendar days. Wandsworth found children first seen 10, 12 and 24 days after referral.', default: 7 },
    defaultLookBackMonths: 3,
    rows: (w) => sql<StandardRow>`SELECT e.child_id, e.referral_date::text AS day,
        (s.seen_on IS NOT NULL AND s.seen_on <= e.referral_date + ${w.days ?? 7}::int) AS met,
        s.views AS quality, NULL::text AS what, s.seen_on::text AS other_on
      FROM cin_episode e
      LEFT JOIN LATERAL (SELECT min(a.child_seen_on) AS seen_on, bool_or(length(trim(coalesce(a.child_views, ''))) > 0) AS views
        FROM assessment a WHERE a.child_id = e.child_id AND a.episode_id = e.id AND a.deleted_at IS NULL) s ON true
      WHERE e.deleted_at IS NULL AND NOT e.referral_nfa AND e.referral_date >= ${w.since}::date AND e.referral_date <= ${w.today}::date
        AND ((s.seen_on IS NOT NULL AND s.seen_on <= ${w.today}::date) OR e.referral_date + ${w.days ?? 7}::int < ${w.today}::date) ${childFilter(sql`e.child_id`, w)}`,
    describe: (row, w) =>
      row.other_on
        ? `Referred ${formatDate(row.day)}, seen ${formatDate(row.other_on)}`
        : `Referred ${formatDate(row.day)}, not recorded as seen by ${formatDate(w.today)}`,
    fixAt: (childId) => `/children/${childId}/episodes`,
    quality: { label: 'Child’s views recorded in the assessment', definition: 'The assessment of the referral records the child’s wishes and feelings (not blank).' },
  },
  {
    id: 'strategy-multi-agency',
    title: 'Strategy discussions are multi-agency',
    description: 'Each strategy discussion held in the look-back included the police and health as well as children’s social care.',
    citation: 'seed-requirements §3 DQ-22 (Wandsworth 2016 rec 17); Working Together 2023 ch.3 (strategy discussion)',
    defaultLookBackMonths: 3,
    rows: (w) => sql<StandardRow>`SELECT d.child_id, d.held_on::text AS day,
        (${sql.join(STRATEGY_AGENCIES.map((a) => sql`d.attendees @> ${JSON.stringify([{ agency: a }])}::jsonb`), sql` AND `)}) AS met,
        NULL::boolean AS quality,
        (SELECT string_agg(x->>'agency', ',' ORDER BY x->>'agency') FROM jsonb_array_elements(d.attendees) x) AS what, NULL::text AS other_on
      FROM strategy_discussion d
      WHERE d.deleted_at IS NULL AND d.held_on >= ${w.since}::date AND d.held_on <= ${w.today}::date ${childFilter(sql`d.child_id`, w)}`,
    describe: (row) => {
      const present = new Set((row.what ?? '').split(',').filter(Boolean));
      const missing = STRATEGY_AGENCIES.filter((a) => !present.has(a)).map((a) => labelFor(STRATEGY_DISCUSSION_AGENCY, a) ?? a);
      return missing.length
        ? `Strategy discussion on ${formatDate(row.day)} without ${missing.map(midSentence).join(' or ')}`
        : `Strategy discussion on ${formatDate(row.day)} with police and health`;
    },
    fixAt: (childId) => `/children/${childId}/protection`,
    quality: { missing: 'A strategy discussion records who took part and what was decided, not the child’s views: its quality shows in the audit grade alone.' },
  },
  {
    id: 'visits-to-plan',
    title: 'Visits to the plan’s frequency',
    description:
      'Every statutory visit that fell due in the look-back (child protection and child in need plans at the council’s interval, children in care by the regulations) was made on or before its due date, and none is running late now. Counted from the clocks of the workers’ due lists.',
    citation: 'seed-requirements §3 DQ-22, DQ-47 (Wandsworth 2016 ¶27, ¶103); CPPCR 2010 reg 28; timescales.md CP11, CP15, LA4-LA7',
    defaultLookBackMonths: 3,
    clockRules: VISIT_RULES,
    // An aggregate per clock (by visit_child), not EXISTS, which the planner turns into a hash of every visit.
    rows: clockRows(VISIT_RULES, (c) =>
      sql`(SELECT bool_or(v.child_seen AND v.seen_alone IN ('yes', 'not_applicable')) FROM visit v
        WHERE v.child_id = ${c}.child_id AND v.visited_on = ${c}.met_on AND v.deleted_at IS NULL)`,
    ),
    describe: describeClock,
    fixAt: (childId) => `/children/${childId}/visits`,
    quality: { label: 'Child seen alone at the visit', definition: 'At the visit that met the due date, the child was seen, and seen alone (unless too young to be).' },
  },
  {
    id: 'supervision-to-policy',
    title: 'Casework supervision to policy',
    description:
      'Each child allocated to a social worker now was discussed in casework supervision within the council’s supervision policy interval of the allocation or of the last discussion.',
    citation: 'seed-requirements §3 DQ-22, DQ-17 (Wandsworth 2016 rec 4); supervision policy (decision 0022)',
    defaultLookBackMonths: 3,
    rows: (w) => sql<StandardRow>`SELECT a.child_id, (GREATEST(a.from_date, d.last_on) + ${w.caseDays}::int)::text AS day,
        (GREATEST(a.from_date, d.last_on) + ${w.caseDays}::int >= ${w.today}::date) AS met,
        NULL::boolean AS quality, NULL::text AS what, d.last_on::text AS other_on
      FROM allocation a
      LEFT JOIN LATERAL (SELECT max(sd.discussed_on) AS last_on FROM supervision_discussion sd WHERE sd.child_id = a.child_id AND sd.deleted_at IS NULL) d ON true
      WHERE a.role = 'social_worker' AND a.to_date IS NULL AND a.deleted_at IS NULL AND a.from_date <= ${w.today}::date ${childFilter(sql`a.child_id`, w)}`,
    describe: (row, w) =>
      row.met
        ? `Discussed in supervision ${row.other_on ? formatDate(row.other_on) : 'not yet'}; next by ${formatDate(row.day)}`
        : `Due to be discussed in supervision by ${formatDate(row.day)}${row.other_on ? `; last discussed ${formatDate(row.other_on)}` : '; never discussed'}, not by ${formatDate(w.today)}`,
    fixAt: (childId) => `/children/${childId}/supervision`,
    quality: { missing: 'Casework supervision records the discussion and actions, not the child’s views: its quality shows in the audit grade alone.' },
  },
  {
    id: 'plan-reviewed',
    title: 'Plans reviewed on time',
    description:
      'Every review that fell due in the look-back (child in need meeting, child protection review conference, looked-after review, pathway plan review) was held on or before its due date, and none is running late now. Counted from the clocks of the due lists.',
    citation: 'seed-requirements §3 DQ-22 (CIN/CP/LAC plan reviewed); Working Together 2023 ch.3; CPPCR 2010 reg 33; timescales.md CP8, CP9, CP15, LA9-LA11, CL4',
    defaultLookBackMonths: 6,
    clockRules: REVIEW_RULES,
    rows: clockRows(REVIEW_RULES, () => sql`NULL::boolean`),
    describe: describeClock,
    fixAt: (childId, row) => (row.what === 'looked-after-review' || row.what === 'pathway-plan-review' ? `/children/${childId}/care` : `/children/${childId}/plans`),
    quality: { missing: 'Reviews record whether they were held and what was decided; the child’s views are not recorded in a form Lantern can count, so the audit grade alone is shown.' },
  },
  {
    id: 'management-oversight',
    title: 'Management oversight to policy',
    description:
      'Every management oversight that fell due in the look-back (every 4 weeks under a plan or in care, 3 months for a child in need, or the council’s own intervals) was recorded by its due date, and none is running late now.',
    citation: 'seed-requirements §3 DQ-22; Wandsworth 2017 rec 1; Southend 2016 rec 1; decision 0021',
    defaultLookBackMonths: 3,
    clockRules: ['management-oversight'],
    rows: clockRows(['management-oversight'], () => sql`NULL::boolean`),
    describe: describeClock,
    fixAt: (childId) => `/children/${childId}/oversight`,
    quality: { missing: 'An oversight entry records the manager’s direction, not the child’s views: its quality shows in the audit grade alone.' },
  },
];

export const standardById = (id: string) => PRACTICE_STANDARDS.find((s) => s.id === id);

/** A standard's title or description with the council's N days in it. */
export const withDays = (text: string, days: number | null) => text.replaceAll('{days}', String(days ?? ''));
