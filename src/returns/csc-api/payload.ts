// Each child's DfE CSC API payload (dfe-csc-api-openapi.json, schema CSC, v1.0.1), from the record:
// one statement per kind of fact for every child in the flow, never one per child, then each child's
// facts put together. Codes are the CIN census's and SSDA903's (the API has no enums of its own:
// standards.md §4), through the census's mapping so that the two returns cannot disagree.
// A value the record does not hold is left out (the schema allows no nulls).
import { createHash } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/history.ts';
import { censusAssessmentEnd, censusEthnicity, censusSex, censusUpnUnknown } from '../cin-census/mapping.ts';
import { episodesOf, type LegalStatusFacts, type PeriodFacts, type PlacementFacts } from '../../looked-after/episodes.ts';

export interface CscCareWorker { worker_id: string; start_date?: string; end_date?: string }
export interface CscAssessment { child_and_family_assessment_id: string; start_date?: string; authorisation_date?: string; factors?: string[]; purge?: boolean }
export interface CscCinPlan { child_in_need_plan_id: string; start_date?: string; end_date?: string; purge?: boolean }
export interface CscSection47 { section_47_assessment_id: string; start_date?: string; icpc_required_flag?: boolean; icpc_date?: string; end_date?: string; purge?: boolean }
export interface CscCpPlan { child_protection_plan_id: string; start_date?: string; end_date?: string; purge?: boolean }
export interface CscPlacement {
  child_looked_after_placement_id: string;
  start_date?: string;
  start_reason?: string;
  placement_type?: string;
  postcode?: string;
  end_date?: string;
  end_reason?: string;
  change_reason?: string;
  purge?: boolean;
}
export interface CscAdoption { initial_decision_date?: string; matched_date?: string; placed_date?: string; purge?: boolean }
export interface CscCareLeavers { contact_date?: string; activity?: string; accommodation?: string; purge?: boolean }
export interface CscEpisode {
  social_care_episode_id: string;
  referral_date?: string;
  referral_source?: string;
  referral_no_further_action_flag?: boolean;
  closure_date?: string;
  closure_reason?: string;
  care_worker_details?: CscCareWorker[];
  child_and_family_assessments?: CscAssessment[];
  child_in_need_plans?: CscCinPlan[];
  section_47_assessments?: CscSection47[];
  child_protection_plans?: CscCpPlan[];
  child_looked_after_placements?: CscPlacement[];
  adoption?: CscAdoption;
  care_leavers?: CscCareLeavers;
  purge?: boolean;
}
export interface CscChildDetails {
  unique_pupil_number?: string;
  former_unique_pupil_number?: string;
  unique_pupil_number_unknown_reason?: string;
  first_name?: string;
  surname?: string;
  date_of_birth?: string;
  expected_date_of_birth?: string;
  sex?: string;
  ethnicity?: string;
  disabilities?: string[];
  postcode?: string;
  uasc_flag?: boolean;
  purge?: boolean;
}
/** One item of the CSC array: a child. */
export interface CscChild {
  la_child_id: string;
  mis_child_id?: string;
  purge?: boolean;
  child_details?: CscChildDetails;
  health_and_wellbeing?: { sdq_assessments?: { date: string; score: number }[]; purge?: boolean };
  social_care_episodes?: CscEpisode[];
}

/** A child of the flow as built from the record, with Lantern's id beside the payload. */
export interface BuiltChild {
  childId: string;
  payload: CscChild;
  hash: string;
}

/** A child in the flow whose payload cannot be made, and why (the page names them for the analyst). */
export interface UnsendableChild {
  childId: string;
  reason: string;
}

const LA_CHILD_ID = /^[A-Za-z0-9]{1,20}$/;
const UPN = /^.{13}$/;

/** Lantern's ids are UUIDs: 36 characters of the pattern the API's ids allow. */
const apiId = (uuid: string): string => uuid;

/**
 * worker_id: DfE asks for the Social Work England number, "or an alternative unique ID if this is
 * unavailable" (max 12). Lantern does not hold SWE numbers yet (decision 0034), so it sends the
 * first 12 hex digits of the worker's account id: stable, unique in practice, not their name.
 */
export const workerId = (userId: string): string => userId.replace(/-/g, '').slice(0, 12);

/**
 * A looked-after placement in the API is an SSDA903 episode (a placement or legal status change
 * starts one). Its id is derived from the placement and the day it began, so it is stable between
 * sends and a corrected date shows as one episode purged and another added.
 */
export const episodeIdOf = (placementId: string, startedOn: string): string =>
  createHash('sha256').update(`${placementId}|${startedOn}`).digest('hex').slice(0, 32);

/** The payload's hash: what "changed since DfE last accepted it" compares. Keys are in a fixed order by construction. */
export const hashOf = (payload: CscChild): string => createHash('sha256').update(JSON.stringify(payload)).digest('hex');

/** Leaves out the keys whose value is null or undefined (the schema has no nullable fields). */
function present<T extends object>(value: { [K in keyof T]: T[K] | null | undefined }): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== null && v !== undefined) out[key] = v;
  return out as T;
}

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

async function rows<T>(db: Db, query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute(db)).rows;
}

const factorsOf = (value: string[] | string): string[] => (Array.isArray(value) ? value : (JSON.parse(value) as string[]));

/**
 * The children in the flow: every child (or unborn child) with an episode of need on the record,
 * not deleted and not merged into another record. The API's data is the social care episodes, so a
 * child Lantern only knows as a contact or early help is not sent.
 */
export const childrenInFlow = sql`SELECT p.id FROM person p WHERE p.deleted_at IS NULL AND p.merged_into IS NULL AND p.kind IN ('child', 'unborn')
  AND EXISTS (SELECT 1 FROM cin_episode e WHERE e.child_id = p.id AND e.deleted_at IS NULL)`;

interface PersonRow {
  id: string;
  kind: string;
  la_child_id: string | null;
  first_name: string;
  last_name: string;
  upn: string | null;
  former_upn: string | null;
  date_of_birth: string | null;
  expected_date_of_birth: string | null;
  sex: string | null;
  ethnicity: string | null;
  unaccompanied_asylum_seeker: boolean;
  postcode: string | null;
}
interface EpisodeRow { id: string; child_id: string; referral_date: string; referral_source: string; referral_nfa: boolean; closed_on: string | null; closure_reason: string | null }
interface AllocationRow { child_id: string; worker_id: string; from_date: string; to_date: string | null }
interface AssessmentRow { id: string; episode_id: string; started_on: string; completed_on: string | null; authorised_on: string | null; factors: string[] | string }
interface PlanRow { id: string; episode_id: string; kind: string; started_on: string; ended_on: string | null }
interface EnquiryRow { id: string; episode_id: string; started_on: string; outcome: string | null; completed_on: string | null; icpc_on: string | null }
interface PeriodRow extends PeriodFacts { id: string; child_id: string; episode_id: string | null }
interface PlacementRow extends PlacementFacts { period_id: string }
interface StatusRow extends LegalStatusFacts { period_id: string }
interface AdoptionRow { period_id: string; initial_decision_on: string | null; matched_on: string | null; placed_on: string | null }
interface CareLeaverRow { child_id: string; contact_on: string | null; activity: string | null; accommodation: string | null }

/**
 * Every child's payload as the record stands on `today`, in LA child ID order, with the children
 * whose payload cannot be made (an LA child ID the API does not accept).
 */
export async function buildPayloads(db: Db, today: string): Promise<{ children: BuiltChild[]; unsendable: UnsendableChild[] }> {
  const inFlow = childrenInFlow;
  const [people, disabilities, sdqs, episodes, allocations, assessments, plans, enquiries, periods, placements, statuses, adoptions, careLeavers] = await Promise.all([
    rows(db, sql<PersonRow>`SELECT p.id, p.kind, p.la_child_id, p.first_name, p.last_name, p.upn, p.former_upn, p.date_of_birth, p.expected_date_of_birth,
        p.sex, p.ethnicity, p.unaccompanied_asylum_seeker,
        (SELECT a.postcode FROM address a WHERE a.person_id = p.id AND a.deleted_at IS NULL AND a.from_date <= ${today} AND (a.to_date IS NULL OR a.to_date >= ${today})
          ORDER BY a.from_date DESC LIMIT 1) AS postcode
      FROM person p WHERE p.id IN (${inFlow}) ORDER BY p.la_child_id, p.id`),
    rows(db, sql<{ person_id: string; code: string }>`SELECT DISTINCT d.person_id, d.code FROM person_disability d
      WHERE d.deleted_at IS NULL AND d.person_id IN (${inFlow}) ORDER BY d.code`),
    rows(db, sql<{ child_id: string; checked_on: string; sdq_score: number }>`SELECT h.child_id, h.checked_on, h.sdq_score FROM health_check h
      WHERE h.deleted_at IS NULL AND h.kind = 'sdq' AND h.sdq_score IS NOT NULL AND h.child_id IN (${inFlow}) ORDER BY h.checked_on, h.id`),
    rows(db, sql<EpisodeRow>`SELECT e.id, e.child_id, e.referral_date, e.referral_source, e.referral_nfa, e.closed_on, e.closure_reason
      FROM cin_episode e WHERE e.deleted_at IS NULL AND e.child_id IN (${inFlow}) ORDER BY e.referral_date, e.id`),
    rows(db, sql<AllocationRow>`SELECT a.child_id, a.worker_id, a.from_date, a.to_date FROM allocation a
      WHERE a.deleted_at IS NULL AND a.role IN ('social_worker', 'social worker') AND a.child_id IN (${inFlow}) ORDER BY a.from_date, a.id`),
    rows(db, sql<AssessmentRow>`SELECT a.id, a.episode_id, a.started_on, a.completed_on, a.authorised_on, a.factors FROM assessment a
      WHERE a.deleted_at IS NULL AND a.child_id IN (${inFlow}) ORDER BY a.started_on, a.id`),
    rows(db, sql<PlanRow>`SELECT pl.id, pl.episode_id, pl.kind, pl.started_on, pl.ended_on FROM plan pl
      WHERE pl.deleted_at IS NULL AND pl.kind IN ('cin', 'cp') AND pl.episode_id IS NOT NULL AND pl.child_id IN (${inFlow}) ORDER BY pl.started_on, pl.id`),
    rows(db, sql<EnquiryRow>`SELECT s.id, s.episode_id, s.started_on, s.outcome, s.completed_on, c.held_on AS icpc_on FROM s47_enquiry s
      LEFT JOIN (SELECT DISTINCT ON (ic.enquiry_id) ic.enquiry_id, ic.held_on FROM child_protection_conference ic
        WHERE ic.kind = 'initial' AND ic.deleted_at IS NULL AND ic.enquiry_id IS NOT NULL ORDER BY ic.enquiry_id, ic.held_on) c ON c.enquiry_id = s.id
      WHERE s.deleted_at IS NULL AND s.child_id IN (${inFlow}) ORDER BY s.started_on, s.id`),
    rows(db, sql<PeriodRow>`SELECT cp.id, cp.child_id, cp.episode_id, cp.started_on, cp.ended_on, cp.reason_ceased, cp.category_of_need, cp.home_postcode
      FROM care_period cp WHERE cp.deleted_at IS NULL AND cp.child_id IN (${inFlow}) ORDER BY cp.started_on, cp.id`),
    rows(db, sql<PlacementRow>`SELECT pl.id, pl.period_id, pl.started_on, pl.ended_on, pl.placement_type, pl.provider, pl.postcode, pl.urn, pl.same_carers, pl.change_reason
      FROM placement pl WHERE pl.deleted_at IS NULL AND pl.child_id IN (${inFlow}) ORDER BY pl.started_on, pl.id`),
    rows(db, sql<StatusRow>`SELECT ls.period_id, ls.started_on, ls.ended_on, ls.legal_status
      FROM legal_status ls WHERE ls.deleted_at IS NULL AND ls.child_id IN (${inFlow}) ORDER BY ls.started_on, ls.id`),
    // Adoption in a period of care: the decision that the child should be placed for adoption (the
    // first adoption plan), the match decision and the move, from the latest match not disrupted.
    rows(db, sql<AdoptionRow>`SELECT cp.id AS period_id,
        (SELECT min(pp.decided_on) FROM permanence_plan pp WHERE pp.period_id = cp.id AND pp.plan = 'adoption' AND pp.deleted_at IS NULL) AS initial_decision_on,
        m.decided_on AS matched_on, m.placed_on
      FROM care_period cp
      LEFT JOIN LATERAL (SELECT am.decided_on, am.placed_on FROM adoption_match am JOIN permanence_plan pp ON pp.id = am.plan_id AND pp.period_id = cp.id
        WHERE am.deleted_at IS NULL AND am.disrupted_on IS NULL ORDER BY am.decided_on DESC LIMIT 1) m ON true
      WHERE cp.deleted_at IS NULL AND cp.child_id IN (${inFlow})
        AND (m.decided_on IS NOT NULL OR EXISTS (SELECT 1 FROM permanence_plan pp WHERE pp.period_id = cp.id AND pp.plan = 'adoption' AND pp.deleted_at IS NULL))`),
    // A care leaver's latest contact, and the activity and accommodation at their latest birthday return.
    rows(db, sql<CareLeaverRow>`SELECT c.child_id, c.contact_on, b.activity, b.accommodation FROM
      (SELECT p.id AS child_id,
        (SELECT max(k.contact_on) FROM care_leaver_contact k WHERE k.child_id = p.id AND k.reached AND k.deleted_at IS NULL) AS contact_on
       FROM person p WHERE p.id IN (${inFlow})) c
      LEFT JOIN LATERAL (SELECT cb.activity, cb.accommodation FROM care_leaver_birthday cb WHERE cb.child_id = c.child_id AND cb.deleted_at IS NULL
        ORDER BY cb.recorded_on DESC LIMIT 1) b ON true
      WHERE c.contact_on IS NOT NULL OR b.activity IS NOT NULL`),
  ]);

  const disabilitiesOf = new Map<string, string[]>();
  for (const d of disabilities) addTo(disabilitiesOf, d.person_id, d.code);
  const sdqsOf = new Map<string, { date: string; score: number }[]>();
  for (const s of sdqs) addTo(sdqsOf, s.child_id, { date: s.checked_on, score: Number(s.sdq_score) });
  const allocationsOf = new Map<string, AllocationRow[]>();
  for (const a of allocations) addTo(allocationsOf, a.child_id, a);

  const episodeItems = new Map<string, CscEpisode>();
  const episodesOfChild = new Map<string, CscEpisode[]>();
  const list = <K extends keyof CscEpisode>(episodeId: string | null, key: K): NonNullable<CscEpisode[K]> | undefined => {
    const e = episodeId ? episodeItems.get(episodeId) : undefined;
    if (!e) return undefined;
    if (!e[key]) (e as unknown as Record<string, unknown>)[key] = [];
    return e[key] as NonNullable<CscEpisode[K]>;
  };
  for (const e of episodes) {
    const item: CscEpisode = present<CscEpisode>({
      social_care_episode_id: apiId(e.id),
      referral_date: e.referral_date,
      referral_source: e.referral_source,
      referral_no_further_action_flag: e.referral_nfa,
      closure_date: e.closed_on,
      closure_reason: e.closed_on ? e.closure_reason : null,
    });
    // The social workers who held the case while the episode was open.
    const workers = (allocationsOf.get(e.child_id) ?? []).filter((a) => (e.closed_on === null || a.from_date <= e.closed_on) && (a.to_date === null || a.to_date >= e.referral_date));
    if (workers.length) item.care_worker_details = workers.map((a) => present<CscCareWorker>({ worker_id: workerId(a.worker_id), start_date: a.from_date, end_date: a.to_date }));
    episodeItems.set(e.id, item);
    addTo(episodesOfChild, e.child_id, item);
  }
  for (const a of assessments) {
    const completed = censusAssessmentEnd(a);
    // Factors are identified at the end of the assessment (CIN census rule 8614): none before it.
    const factors = completed ? [...new Set(factorsOf(a.factors))] : [];
    list(a.episode_id, 'child_and_family_assessments')?.push(
      present<CscAssessment>({ child_and_family_assessment_id: apiId(a.id), start_date: a.started_on, authorisation_date: completed, factors: factors.length ? factors : null }),
    );
  }
  for (const p of plans) {
    if (p.kind === 'cin') list(p.episode_id, 'child_in_need_plans')?.push(present<CscCinPlan>({ child_in_need_plan_id: apiId(p.id), start_date: p.started_on, end_date: p.ended_on }));
    else list(p.episode_id, 'child_protection_plans')?.push(present<CscCpPlan>({ child_protection_plan_id: apiId(p.id), start_date: p.started_on, end_date: p.ended_on }));
  }
  for (const s of enquiries) {
    // Required when the enquiry ended in a conference (or one was held); not, when it ended without.
    const required = s.outcome === 'CONFERENCE' || s.icpc_on !== null ? true : s.outcome === 'NO_CONFERENCE' ? false : null;
    list(s.episode_id, 'section_47_assessments')?.push(
      present<CscSection47>({ section_47_assessment_id: apiId(s.id), start_date: s.started_on, icpc_required_flag: required, icpc_date: s.icpc_on, end_date: s.completed_on }),
    );
  }

  // Looked-after placements: the SSDA903 episodes of each period, under the episode of need the child
  // came into care from (or, where the period does not name it, the latest that began by then).
  const placementsOf = new Map<string, PlacementRow[]>();
  for (const p of placements) addTo(placementsOf, p.period_id, p);
  const statusesOf = new Map<string, StatusRow[]>();
  for (const s of statuses) addTo(statusesOf, s.period_id, s);
  const episodeOfPeriod = new Map<string, string>();
  for (const period of periods) {
    const episodeId =
      period.episode_id && episodeItems.has(period.episode_id)
        ? period.episode_id
        : (episodes.filter((e) => e.child_id === period.child_id && e.referral_date <= period.started_on).at(-1)?.id ?? null);
    if (!episodeId) continue;
    episodeOfPeriod.set(period.id, episodeId);
    for (const ep of episodesOf(period, placementsOf.get(period.id) ?? [], statusesOf.get(period.id) ?? [])) {
      list(episodeId, 'child_looked_after_placements')?.push(
        present<CscPlacement>({
          child_looked_after_placement_id: episodeIdOf(ep.placementId, ep.startedOn),
          start_date: ep.startedOn,
          start_reason: ep.reasonNewEpisode,
          placement_type: ep.placementType,
          postcode: ep.placementPostcode,
          end_date: ep.endedOn,
          end_reason: ep.endedOn ? ep.reasonCeased : null,
          change_reason: ep.reasonPlaceChange,
        }),
      );
    }
  }
  for (const a of adoptions) {
    const episode = episodeItems.get(episodeOfPeriod.get(a.period_id) ?? '');
    if (episode) episode.adoption = present<CscAdoption>({ initial_decision_date: a.initial_decision_on, matched_date: a.matched_on, placed_date: a.placed_on });
  }
  // Care leavers: on the child's latest episode (the API keeps them per episode; Lantern per young person).
  for (const c of careLeavers) {
    const latest = episodesOfChild.get(c.child_id)?.at(-1);
    if (latest) latest.care_leavers = present<CscCareLeavers>({ contact_date: c.contact_on, activity: c.activity, accommodation: c.accommodation?.slice(0, 1) ?? null });
  }

  const children: BuiltChild[] = [];
  const unsendable: UnsendableChild[] = [];
  for (const p of people) {
    if (!p.la_child_id || !LA_CHILD_ID.test(p.la_child_id)) {
      unsendable.push({ childId: p.id, reason: 'The LA child ID is missing or is not 1 to 20 letters and digits, which the API requires' });
      continue;
    }
    const unborn = p.kind === 'unborn';
    const upn = p.upn && UPN.test(p.upn) ? p.upn : null;
    const details = present<CscChildDetails>({
      unique_pupil_number: upn,
      former_unique_pupil_number: p.former_upn && UPN.test(p.former_upn) ? p.former_upn : null,
      // As the CIN census derives it (mapping.ts), on today's date.
      unique_pupil_number_unknown_reason: censusUpnUnknown(
        { upn, birthDate: p.date_of_birth, unborn, allNfa: (episodesOfChild.get(p.id) ?? []).every((e) => e.referral_no_further_action_flag === true) },
        today,
      ),
      first_name: p.first_name,
      surname: p.last_name,
      date_of_birth: unborn ? null : p.date_of_birth,
      expected_date_of_birth: unborn ? p.expected_date_of_birth : null,
      sex: censusSex(p.sex, unborn).slice(0, 1),
      ethnicity: censusEthnicity(p.ethnicity),
      disabilities: disabilitiesOf.get(p.id)?.slice(0, 12) ?? null,
      postcode: p.postcode && p.postcode.length <= 8 ? p.postcode : null,
      uasc_flag: p.unaccompanied_asylum_seeker,
    });
    const sdq = sdqsOf.get(p.id);
    const payload: CscChild = present<CscChild>({
      la_child_id: p.la_child_id,
      mis_child_id: apiId(p.id),
      child_details: details,
      health_and_wellbeing: sdq ? { sdq_assessments: sdq } : null,
      social_care_episodes: episodesOfChild.get(p.id) ?? null,
    });
    children.push({ childId: p.id, payload, hash: hashOf(payload) });
  }
  return { children, unsendable };
}
