// Reads a collection year's return from the record: one statement per kind of fact for the whole
// council (children, disabilities, episodes, assessments, CIN plans, enquiries, CP plans, reviews),
// never one per child, then puts each child's facts together (standards.md §1.1).
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/history.ts';
import type { CensusChild, CensusCinDetails, CensusPreProceedings, CensusReturn } from './model.ts';
import { MODULE5_FIRST_YEAR, type CollectionYear } from './year.ts';
import { dutyAppliesOn, fgdmDuty, type FgdmDuty } from '../../proceedings/family-group-duty.ts';
import { censusAssessmentEnd, censusEthnicity, censusIcpcNotRequired, censusPpOutcome, censusSex, censusUpnUnknown } from './mapping.ts';

/** Episodes of need open at any time in the year: the CINdetails the return holds. */
const episodesInYear = (y: CollectionYear) => sql`SELECT e.* FROM cin_episode e
  JOIN person p ON p.id = e.child_id AND p.deleted_at IS NULL AND p.merged_into IS NULL
  WHERE e.deleted_at IS NULL AND e.referral_date <= ${y.end} AND (e.closed_on IS NULL OR e.closed_on >= ${y.start})`;

async function rows<T>(db: Db, query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute(db)).rows;
}

interface ChildRow {
  id: string;
  kind: string;
  la_child_id: string | null;
  upn: string | null;
  former_upn: string | null;
  date_of_birth: string | null;
  expected_date_of_birth: string | null;
  date_of_death: string | null;
  sex: string | null;
  ethnicity: string | null;
}
interface EpisodeRow {
  id: string;
  child_id: string;
  referral_date: string;
  referral_source: string;
  primary_need: string | null;
  referral_nfa: boolean;
  closed_on: string | null;
  closure_reason: string | null;
}
interface AssessmentRow { episode_id: string; started_on: string; completed_on: string | null; authorised_on: string | null; factors: string[] | string }
interface PlanRow { id: string; episode_id: string; started_on: string; ended_on: string | null }
interface EnquiryRow { episode_id: string; started_on: string; outcome: string | null; completed_on: string | null; icpc_on: string | null; target_on: string | null }
interface CpPlanRow extends PlanRow { initial_category: string | null; latest_category: string | null; previous: number }
interface ReviewRow { plan_id: string; held_on: string }
interface PreProceedingsRow {
  id: string;
  child_id: string;
  pp_start: string;
  letter_sent_on: string;
  ended_on: string | null;
  outcome: string | null;
  initial_meeting: string | null;
  meetings: number;
  offered: boolean;
  not_offering: boolean;
  fgdm_held: boolean;
  issued_on: string | null;
  letter_initiating_sent_on: string | null;
}

/**
 * Module 5 (2026-27 onward): pre-proceedings the council decided on in the year (PPStartDate must fall
 * in it, rule 9005), for children in the return, with what happened by the year's end: the meetings,
 * the family group offer, decision not to offer and meeting, and the care application that followed.
 */
const preProceedingsInYear = (y: CollectionYear, episodes: RawBuilder<unknown>) => sql<PreProceedingsRow>`SELECT pp.id, pp.child_id, lpm.held_on AS pp_start, pp.letter_sent_on, pp.ended_on, pp.outcome,
    (SELECT min(m.held_on) FROM pre_proceedings_meeting m WHERE m.pre_proceedings_id = pp.id AND m.deleted_at IS NULL AND m.held_on <= ${y.end}) AS initial_meeting,
    (SELECT count(*)::int FROM pre_proceedings_meeting m WHERE m.pre_proceedings_id = pp.id AND m.deleted_at IS NULL AND m.held_on <= ${y.end}) AS meetings,
    EXISTS (SELECT 1 FROM fgdm_offer o WHERE o.pre_proceedings_id = pp.id AND o.deleted_at IS NULL AND o.offered_on <= ${y.end}) AS offered,
    EXISTS (SELECT 1 FROM fgdm_exemption e WHERE e.pre_proceedings_id = pp.id AND e.deleted_at IS NULL AND e.covers = 'offer' AND e.decided_on <= ${y.end}) AS not_offering,
    EXISTS (SELECT 1 FROM fgdm_meeting f WHERE f.pre_proceedings_id = pp.id AND f.deleted_at IS NULL AND f.held_on <= ${y.end}) AS fgdm_held,
    cp.issued_on, cp.letter_initiating_sent_on
  FROM pre_proceedings pp
  JOIN legal_planning_meeting lpm ON lpm.id = pp.legal_planning_meeting_id
  LEFT JOIN care_proceedings cp ON cp.pre_proceedings_id = pp.id AND cp.deleted_at IS NULL
  WHERE pp.deleted_at IS NULL AND lpm.held_on BETWEEN ${y.start} AND ${y.end}
    AND pp.child_id IN (SELECT ey.child_id FROM (${episodes}) ey)
  ORDER BY lpm.held_on, pp.id`;

/** One pre-proceedings as the census's block, as it stood on the year's end (mapping in decision 0032). */
function preProceedingsBlock(p: PreProceedingsRow, upTo: (date: string | null) => string | null, duty: FgdmDuty): CensusPreProceedings {
  const lbp = upTo(p.letter_sent_on);
  // The offer is in the letter: stated once the letter is sent. Not offered is "no" where the council
  // decided so, or where the duty was not yet in force for it; with nothing recorded the item stays
  // empty and rule 9007 asks for it.
  const offer = lbp === null ? null : p.offered ? true : p.not_offering || !dutyAppliesOn(duty, p.letter_sent_on) ? false : null;
  const step = upTo(p.ended_on);
  return {
    preProceedingsId: p.id,
    ppStartDate: p.pp_start,
    lbpSentDate: lbp,
    fgdmMeetingOffer: offer,
    fgdmMeetingFac: offer === true ? p.fgdm_held : null,
    initialPpMeetingDate: p.initial_meeting,
    reviewMeetingsCount: p.initial_meeting ? p.meetings - 1 : null,
    stepDecisionDate: step,
    ppOutcome: step ? censusPpOutcome(p.outcome) : null,
    courtAppDate: upTo(p.issued_on),
    letterInitCpDate: upTo(p.letter_initiating_sent_on),
  };
}

/** Adds a value to the list kept under a key. */
function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const factorsOf = (value: string[] | string): string[] => (Array.isArray(value) ? value : (JSON.parse(value) as string[]));

/**
 * The return is the record as it stood on the reference date: what happened after it (a closure, a
 * completed assessment, an ended plan) is not in it, so the thing is still open on 31 March.
 */
const byYearEnd = (y: CollectionYear) => (date: string | null): string | null => (date !== null && date <= y.end ? date : null);

/** The collection year's return: every child in it with the facts the census asks for. */
export async function readCensusReturn(db: Db, y: CollectionYear, header: Omit<CensusReturn['header'], 'year' | 'referenceDate'>): Promise<CensusReturn> {
  const episodes = episodesInYear(y);
  const module5 = y.year >= MODULE5_FIRST_YEAR;
  const [children, disabilities, episodeRows, assessments, cinPlans, enquiries, cpPlans, reviews, preProceedings, duty] = await Promise.all([
    rows(db, sql<ChildRow>`SELECT p.id, p.kind, p.la_child_id, p.upn, p.former_upn, p.date_of_birth, p.expected_date_of_birth, p.date_of_death, p.sex, p.ethnicity
      FROM person p WHERE p.id IN (SELECT ey.child_id FROM (${episodes}) ey) ORDER BY p.la_child_id, p.id`),
    rows(db, sql<{ person_id: string; code: string }>`SELECT d.person_id, d.code FROM person_disability d
      WHERE d.deleted_at IS NULL AND d.person_id IN (SELECT ey.child_id FROM (${episodes}) ey) ORDER BY d.code`),
    rows(db, sql<EpisodeRow>`SELECT ey.id, ey.child_id, ey.referral_date, ey.referral_source, ey.primary_need, ey.referral_nfa, ey.closed_on, ey.closure_reason
      FROM (${episodes}) ey ORDER BY ey.referral_date, ey.id`),
    // Assessments going on in the year: not completed before it began (rule 8696), started by its end.
    rows(db, sql<AssessmentRow>`SELECT a.episode_id, a.started_on, a.completed_on, a.authorised_on, a.factors FROM assessment a
      WHERE a.deleted_at IS NULL AND a.episode_id IN (SELECT ey.id FROM (${episodes}) ey) AND a.started_on <= ${y.end}
        AND (COALESCE(a.authorised_on, a.completed_on) IS NULL OR COALESCE(a.authorised_on, a.completed_on) >= ${y.start})
      ORDER BY a.started_on, a.id`),
    rows(db, sql<PlanRow>`SELECT pl.id, pl.episode_id, pl.started_on, pl.ended_on FROM plan pl
      WHERE pl.deleted_at IS NULL AND pl.kind = 'cin' AND pl.episode_id IN (SELECT ey.id FROM (${episodes}) ey)
        AND pl.started_on <= ${y.end} AND (pl.ended_on IS NULL OR pl.ended_on >= ${y.start}) ORDER BY pl.started_on, pl.id`),
    // Enquiries going on in the year, with their initial conference and the conference clock's due date.
    rows(db, sql<EnquiryRow>`SELECT s.episode_id, s.started_on, s.outcome, s.completed_on, c.held_on AS icpc_on, k.due_on AS target_on FROM s47_enquiry s
      -- One pass over the initial conferences (there is no index by enquiry: a lateral probe would scan per enquiry).
      LEFT JOIN (SELECT DISTINCT ON (ic.enquiry_id) ic.enquiry_id, ic.held_on FROM child_protection_conference ic
        WHERE ic.kind = 'initial' AND ic.deleted_at IS NULL AND ic.enquiry_id IS NOT NULL ORDER BY ic.enquiry_id, ic.held_on) c ON c.enquiry_id = s.id
      LEFT JOIN LATERAL (SELECT due_on FROM clock k WHERE k.scope_id = s.id AND k.rule_id = 'initial-conference' ORDER BY started_on LIMIT 1) k ON true
      WHERE s.deleted_at IS NULL AND s.episode_id IN (SELECT ey.id FROM (${episodes}) ey) AND s.started_on <= ${y.end}
        AND COALESCE(c.held_on, s.completed_on, ${y.start}) >= ${y.start}
      ORDER BY s.started_on, s.id`),
    // CP plans open in the year: the category at the initial conference, the latest at a review, and
    // how many plans the child had before this one.
    rows(db, sql<CpPlanRow>`SELECT pl.id, pl.episode_id, pl.started_on, pl.ended_on,
        COALESCE((SELECT c.category_of_abuse FROM child_protection_conference c WHERE c.plan_id = pl.id AND c.kind = 'initial' AND c.deleted_at IS NULL LIMIT 1), pl.category_of_abuse) AS initial_category,
        COALESCE((SELECT c.category_of_abuse FROM child_protection_conference c WHERE c.plan_id = pl.id AND c.kind = 'review' AND c.deleted_at IS NULL AND c.category_of_abuse IS NOT NULL ORDER BY c.held_on DESC LIMIT 1), pl.category_of_abuse) AS latest_category,
        (SELECT count(*)::int FROM plan b WHERE b.child_id = pl.child_id AND b.kind = 'cp' AND b.deleted_at IS NULL AND b.started_on < pl.started_on) AS previous
      FROM plan pl
      WHERE pl.deleted_at IS NULL AND pl.kind = 'cp' AND pl.episode_id IN (SELECT ey.id FROM (${episodes}) ey)
        AND pl.started_on <= ${y.end} AND (pl.ended_on IS NULL OR pl.ended_on >= ${y.start}) ORDER BY pl.started_on, pl.id`),
    rows(db, sql<ReviewRow>`SELECT c.plan_id, c.held_on FROM child_protection_conference c
      JOIN plan pl ON pl.id = c.plan_id AND pl.episode_id IN (SELECT ey.id FROM (${episodes}) ey)
      WHERE c.kind = 'review' AND c.deleted_at IS NULL AND c.held_on BETWEEN ${y.start} AND ${y.end} ORDER BY c.held_on`),
    module5 ? rows(db, preProceedingsInYear(y, episodes)) : Promise.resolve([] as PreProceedingsRow[]),
    module5 ? fgdmDuty(db) : Promise.resolve(null),
  ]);

  const upTo = byYearEnd(y);
  const details = new Map<string, CensusCinDetails>();
  const detailsOfChild = new Map<string, CensusCinDetails[]>();
  for (const e of episodeRows) {
    const d: CensusCinDetails = {
      episodeId: e.id,
      referralDate: e.referral_date,
      referralSource: e.referral_source,
      primaryNeed: e.primary_need,
      closureDate: upTo(e.closed_on),
      closureReason: upTo(e.closed_on) ? e.closure_reason : null,
      dateOfInitialCpc: null,
      referralNfa: e.referral_nfa,
      assessments: [],
      cinPlans: [],
      section47s: [],
      cpPlans: [],
      ...(module5 ? { preProceedings: [] } : {}),
    };
    details.set(e.id, d);
    addTo(detailsOfChild, e.child_id, d);
  }
  for (const a of assessments) {
    const completed = upTo(censusAssessmentEnd(a));
    // Factors are identified at the assessment's completion (rule 8614): none before it.
    details.get(a.episode_id)?.assessments.push({ startDate: a.started_on, authorisationDate: completed, factors: completed ? factorsOf(a.factors) : [] });
  }
  for (const p of cinPlans) details.get(p.episode_id)?.cinPlans.push({ startDate: p.started_on, endDate: upTo(p.ended_on) });
  for (const s of enquiries) {
    const notRequired = censusIcpcNotRequired(s.outcome) && (s.completed_on === null || s.completed_on <= y.end);
    details.get(s.episode_id)?.section47s.push({ startDate: s.started_on, icpcTarget: s.target_on, icpcDate: upTo(s.icpc_on), icpcNotRequired: notRequired });
  }
  const reviewsOf = new Map<string, string[]>();
  for (const r of reviews) addTo(reviewsOf, r.plan_id, r.held_on);
  for (const p of cpPlans) {
    details.get(p.episode_id)?.cpPlans.push({
      startDate: p.started_on,
      endDate: upTo(p.ended_on),
      initialCategory: p.initial_category,
      latestCategory: p.latest_category,
      numberOfPreviousCpp: p.previous,
      reviewDates: reviewsOf.get(p.id) ?? [],
    });
  }

  // Each pre-proceedings goes in the child's episode open when they were decided on, else the latest
  // episode that began before, else the child's first in the return.
  for (const p of preProceedings) {
    const episodes = detailsOfChild.get(p.child_id) ?? [];
    const home =
      episodes.find((d) => d.referralDate <= p.pp_start && (d.closureDate === null || d.closureDate >= p.pp_start)) ??
      episodes.filter((d) => d.referralDate <= p.pp_start).at(-1) ??
      episodes[0];
    home?.preProceedings?.push(preProceedingsBlock(p, upTo, duty!));
  }

  const disabilitiesOf = new Map<string, string[]>();
  for (const d of disabilities) addTo(disabilitiesOf, d.person_id, d.code);

  const referenceDate = y.end;
  const censusChildren: CensusChild[] = children.map((c) => {
    const cinDetails = detailsOfChild.get(c.id) ?? [];
    const unborn = c.kind === 'unborn';
    return {
      childId: c.id,
      laChildId: c.la_child_id,
      upn: c.upn,
      formerUpn: c.former_upn,
      upnUnknown: censusUpnUnknown({ upn: c.upn, birthDate: c.date_of_birth, unborn, allNfa: cinDetails.length > 0 && cinDetails.every((d) => d.referralNfa === true) }, referenceDate),
      birthDate: c.date_of_birth,
      expectedBirthDate: unborn ? c.expected_date_of_birth : null,
      sex: censusSex(c.sex, unborn),
      deathDate: upTo(c.date_of_death),
      ethnicity: censusEthnicity(c.ethnicity),
      disabilities: disabilitiesOf.get(c.id) ?? [],
      cinDetails,
    };
  });
  return { header: { ...header, year: y.year, referenceDate }, children: censusChildren };
}
