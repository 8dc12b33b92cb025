// The data quality checks (issue 9; seeds DQ-08, DQ-10, DQ-12, DQ-22, DQ-49 and the returns' rules):
// each finds the facts on children's records that would make a figure or a return wrong, says what is
// wrong in a worker's words, and links to the place in the record where it is put right. Each check is
// one SQL statement over the whole council; the list and the counts filter it by who may see the child.
import { sql, type RawBuilder } from 'kysely';
import { formatDate } from '../server/format.ts';
import { EVENT_TYPES } from '../chronology/event-types.ts';
import { daysBetween } from '../calendar/working-days.ts';

/** One thing to put right: the child, the day it concerns, and what is wrong. */
export interface QualityItem {
  child_id: string;
  /** The day the item is about (the fact's date): lists are newest first. */
  day: string;
  /** A second date where the check compares two (the other episode, the day it was recorded). */
  other_on: string | null;
  /** Which fact or rule, as a short code the check describes. */
  what: string;
}

export interface CheckWindow {
  today: string;
  /** Facts that happened from this day are looked at for late recording. */
  since: string;
  lateRecordingDays: number;
}

export interface QualityCheck {
  id: string;
  title: string;
  /** Why it matters, in plain English, with the inspection finding it answers. */
  description: string;
  citation: string;
  /** The statement: columns child_id, day, other_on, what (as QualityItem). */
  items: (w: CheckWindow) => RawBuilder<QualityItem>;
  describe: (item: QualityItem, w: CheckWindow) => string;
  /** Where on the child's record it is put right. */
  fixAt: (childId: string, item: QualityItem) => string;
}

/** A new episode this many days or fewer after the last one closed is listed as a re-opened case. */
export const REOPENED_WITHIN_DAYS = 28;

const MISSING_FACTS: Record<string, { label: string; at: string }> = {
  sex: { label: 'Sex is not recorded (CIN census rule 4180; SSDA903)', at: 'edit' },
  ethnicity: { label: 'Ethnicity is not recorded (CIN census rule 4220; SSDA903)', at: 'edit' },
  date_of_birth: { label: 'Date of birth is not recorded (CIN census, SSDA903)', at: 'edit' },
  upn: { label: 'No unique pupil number for a child of school age (CIN census rule 8770Q)', at: 'edit' },
  primary_need: { label: 'The episode has no primary need code, though the referral led to further action (CIN census rule 8610)', at: 'episodes' },
  placement_postcode: { label: 'The placement has no postcode (SSDA903 PL_POST; distance from home)', at: 'care' },
};

const IMPOSSIBLE: Record<string, { label: string; at: string }> = {
  assessment_before_referral: { label: 'The assessment started before the referral of its episode (CIN census rule 1103)', at: 'episodes' },
  enquiry_before_referral: { label: 'The section 47 enquiry started before the referral of its episode (CIN census rule 2889)', at: 'protection' },
  conference_before_referral: { label: 'The initial conference was held before the referral of its episode (CIN census rule 1104)', at: 'protection' },
  conference_before_discussion: { label: 'The initial conference was held before the strategy discussion that began the enquiry', at: 'protection' },
  plan_before_referral: { label: 'The plan started before the referral of its episode (CIN census rules 1105, 4015)', at: 'plans' },
  plan_after_death: { label: 'The plan started after the child’s date of death (CIN census rule 4008)', at: 'plans' },
  visit_after_death: { label: 'A visit is recorded after the child’s date of death', at: 'visits' },
  placement_outside_period: { label: 'The placement starts or ends outside its period of care', at: 'care' },
};

const childPage = (childId: string, part: string) => `/children/${childId}${part ? `/${part}` : ''}`;

export const QUALITY_CHECKS: readonly QualityCheck[] = [
  {
    id: 'overlapping-episodes',
    title: 'Episodes of need that overlap',
    description:
      'A child has a new episode while an earlier one is still open. Re-referral rates and the CIN census count episodes: an earlier case left open makes the new one look like a continuation, or counts the child twice.',
    citation: 'Wandsworth 2016 ¶28 and recommendation 17 (seed DQ-08); CIN census rule 8820 (the dates on a child’s CIN episodes overlap)',
    items: () => sql<QualityItem>`
      SELECT b.child_id, b.referral_date AS day, a.referral_date AS other_on, 'overlap' AS what
      FROM cin_episode a
      JOIN cin_episode b ON b.child_id = a.child_id AND b.id <> a.id AND b.deleted_at IS NULL
        AND (b.referral_date > a.referral_date OR (b.referral_date = a.referral_date AND b.id > a.id))
      WHERE a.deleted_at IS NULL AND (a.closed_on IS NULL OR b.referral_date < a.closed_on)`,
    describe: (item) => `Episode from ${formatDate(item.day)} starts while the episode from ${formatDate(item.other_on!)} is still open`,
    fixAt: (childId) => childPage(childId, 'episodes'),
  },
  {
    id: 'reopened-episodes',
    title: `Cases closed and re-opened within ${REOPENED_WITHIN_DAYS} days`,
    description: `A case closed and a new referral within ${REOPENED_WITHIN_DAYS} days: was the case closed before the work was done (or before the assessment was complete)? Each is a re-referral in the figures.`,
    citation: 'Wandsworth 2016 ¶21, ¶28 and recommendations 11, 17; Southend 2016 ¶16, ¶22 and recommendation 8 (seeds DQ-08, DQ-10)',
    items: () => sql<QualityItem>`
      SELECT b.child_id, b.referral_date AS day, a.closed_on AS other_on, 'reopened' AS what
      FROM cin_episode a
      JOIN cin_episode b ON b.child_id = a.child_id AND b.id <> a.id AND b.deleted_at IS NULL
        AND b.referral_date >= a.closed_on AND b.referral_date <= a.closed_on + ${REOPENED_WITHIN_DAYS}::int
      WHERE a.deleted_at IS NULL AND a.closed_on IS NOT NULL`,
    describe: (item) => `Closed on ${formatDate(item.other_on!)}, referred again on ${formatDate(item.day)}`,
    fixAt: (childId) => childPage(childId, 'episodes'),
  },
  {
    id: 'late-recording',
    title: 'Facts recorded late',
    description:
      'Something that happened was put on the record long after the day it happened. Until it is recorded, the worker’s list, the manager’s oversight and every figure are wrong about it.',
    citation: 'Wandsworth 2016 ¶28 (case notes uploaded up to two months late); Newham 2014 ¶12 (seed DQ-12)',
    items: (w) => sql<QualityItem>`
      SELECT e.child_id, e.occurred_on AS day, to_char(e.recorded_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS other_on, e.type AS what
      FROM child_event e
      WHERE e.deleted_at IS NULL AND e.occurred_on >= ${w.since} AND e.category <> 'history'
        AND (e.recorded_at AT TIME ZONE 'Europe/London')::date - e.occurred_on > ${w.lateRecordingDays}::int`,
    describe: (item) => `${eventLabel(item.what)}: happened ${formatDate(item.day)}, recorded ${formatDate(item.other_on!)} (${daysBetween(item.day, item.other_on!)} days later)`,
    fixAt: (childId) => childPage(childId, 'chronology'),
  },
  {
    id: 'missing-for-returns',
    title: 'Facts a return needs that are not recorded',
    description:
      'Children open to the service, or in care, without a fact the CIN census or the SSDA903 return needs. Each would fail the return’s validation, and the child would be missing from the figures that use it.',
    citation: 'CIN census rules 4180 (sex), 4220 (ethnicity), 8770Q (UPN at school age), 8610 (primary need) and SSDA903 PL_POST (standards.md §1.5, §2.1); Wandsworth 2016 Executive summary, ¶103 ("significant and fundamental gaps", seed DQ-22)',
    items: (w) => sql<QualityItem>`
      WITH open_children AS MATERIALIZED (
        SELECT DISTINCT e.child_id FROM cin_episode e WHERE e.deleted_at IS NULL AND e.closed_on IS NULL)
      SELECT p.id AS child_id, ${w.today}::date AS day, NULL AS other_on, m.what
      FROM open_children o JOIN person p ON p.id = o.child_id AND p.deleted_at IS NULL AND p.merged_into IS NULL
      CROSS JOIN LATERAL (VALUES
        (CASE WHEN p.sex IS NULL THEN 'sex' END),
        (CASE WHEN p.ethnicity IS NULL THEN 'ethnicity' END),
        (CASE WHEN p.kind = 'child' AND p.date_of_birth IS NULL THEN 'date_of_birth' END),
        (CASE WHEN p.upn IS NULL AND p.date_of_birth <= ${w.today}::date - interval '5 years' AND p.date_of_birth > ${w.today}::date - interval '16 years' THEN 'upn' END)
      ) AS m(what)
      WHERE m.what IS NOT NULL
      UNION ALL
      SELECT e.child_id, e.referral_date, NULL, 'primary_need'
      FROM cin_episode e
      WHERE e.deleted_at IS NULL AND e.closed_on IS NULL AND e.primary_need IS NULL AND NOT e.referral_nfa
      UNION ALL
      SELECT pl.child_id, pl.started_on, NULL, 'placement_postcode'
      FROM placement pl
      WHERE pl.deleted_at IS NULL AND pl.ended_on IS NULL AND pl.postcode IS NULL`,
    describe: (item) => MISSING_FACTS[item.what]?.label ?? item.what,
    fixAt: (childId, item) => childPage(childId, MISSING_FACTS[item.what]?.at ?? ''),
  },
  {
    id: 'impossible-sequences',
    title: 'Dates in an impossible order',
    description:
      'Two facts on different records whose dates cannot both be right: an assessment before its referral, a conference before the discussion that began the enquiry, a visit after the child died. Lantern refuses these when they are typed, and no record can end before it starts; they come from a system Lantern replaced, or from correcting one of the two afterwards.',
    citation: 'Southend 2016 ¶24, ¶117 (timescales counted from the wrong event, seeds DQ-01, DQ-02); CIN census rules 1103-1105, 2889, 4008, 4015 (standards.md §1.5)',
    items: () => sql<QualityItem>`
      SELECT a.child_id, a.started_on AS day, e.referral_date AS other_on, 'assessment_before_referral' AS what
      FROM assessment a JOIN cin_episode e ON e.id = a.episode_id AND e.deleted_at IS NULL
      WHERE a.deleted_at IS NULL AND a.started_on < e.referral_date
      UNION ALL
      SELECT s.child_id, s.started_on, e.referral_date, 'enquiry_before_referral'
      FROM s47_enquiry s JOIN cin_episode e ON e.id = s.episode_id AND e.deleted_at IS NULL
      WHERE s.deleted_at IS NULL AND s.started_on < e.referral_date
      UNION ALL
      SELECT c.child_id, c.held_on, e.referral_date, 'conference_before_referral'
      FROM child_protection_conference c JOIN s47_enquiry s ON s.id = c.enquiry_id AND s.deleted_at IS NULL
        JOIN cin_episode e ON e.id = s.episode_id AND e.deleted_at IS NULL
      WHERE c.deleted_at IS NULL AND c.kind = 'initial' AND c.held_on < e.referral_date
      UNION ALL
      SELECT c.child_id, c.held_on, s.initiated_on, 'conference_before_discussion'
      FROM child_protection_conference c JOIN s47_enquiry s ON s.id = c.enquiry_id AND s.deleted_at IS NULL
      WHERE c.deleted_at IS NULL AND c.kind = 'initial' AND c.held_on < s.initiated_on
      UNION ALL
      SELECT p.child_id, p.started_on, e.referral_date, 'plan_before_referral'
      FROM plan p JOIN cin_episode e ON e.id = p.episode_id AND e.deleted_at IS NULL
      WHERE p.deleted_at IS NULL AND p.started_on < e.referral_date
      UNION ALL
      SELECT p.child_id, p.started_on, c.date_of_death, 'plan_after_death'
      FROM plan p JOIN person c ON c.id = p.child_id
      WHERE p.deleted_at IS NULL AND c.date_of_death IS NOT NULL AND p.started_on > c.date_of_death
      UNION ALL
      SELECT v.child_id, v.visited_on, c.date_of_death, 'visit_after_death'
      FROM visit v JOIN person c ON c.id = v.child_id
      WHERE v.deleted_at IS NULL AND c.date_of_death IS NOT NULL AND v.visited_on > c.date_of_death
      UNION ALL
      SELECT pl.child_id, pl.started_on, cp.started_on, 'placement_outside_period'
      FROM placement pl JOIN care_period cp ON cp.id = pl.period_id AND cp.deleted_at IS NULL
      WHERE pl.deleted_at IS NULL AND (pl.started_on < cp.started_on OR (cp.ended_on IS NOT NULL AND (pl.ended_on IS NULL OR pl.ended_on > cp.ended_on)))`,
    describe: (item) => `${IMPOSSIBLE[item.what]?.label ?? item.what} (${formatDate(item.day)}, against ${formatDate(item.other_on!)})`,
    fixAt: (childId, item) => childPage(childId, IMPOSSIBLE[item.what]?.at ?? ''),
  },
];

export function checkById(id: string): QualityCheck | undefined {
  return QUALITY_CHECKS.find((check) => check.id === id);
}

function eventLabel(type: string): string {
  return (EVENT_TYPES as Record<string, { label: string } | undefined>)[type]?.label ?? type;
}
