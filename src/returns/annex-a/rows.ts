// Each list's facts and the children's details as the workbook's rows: one cell per column, in the
// yml's order, every value an Annex A value (values.ts). A date is an ISO day until the workbook
// writes it as an Excel date. The lists are the record as it stood on the last day of the range:
// a date after it (an assessment completed later) is not shown.
import { ANNEX_A_LISTS, type ListNumber } from './columns.ts';
import type { AnnexARange, ChildDetails, ListFacts } from './extract.ts';
import * as v from './values.ts';

export type Cell = string | number | null;
export interface AnnexARow {
  /** The child the row is about; null in list 11 (adopters). */
  childId: string | null;
  /** The adopter household of a list 11 row. */
  householdId?: string;
  cells: Cell[];
}

/** Whole years between a date of birth and a day. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** Requiring children's social care support, from what the assessment decided (assessment/codes.ts). */
function requiringSupport(outcome: string | null): string | null {
  if (outcome === 'NFA' || outcome === 'EARLY_HELP') return v.NO;
  if (outcome === 'CIN_PLAN' || outcome === 'STRATEGY' || outcome === 'CONTINUE_CP' || outcome === 'LOOKED_AFTER') return v.YES;
  return null; // OTHER: the analysis says what; Annex A cannot be told which
}

const seenAlone = (value: string | null) => (value === 'yes' ? v.YES : value === 'no' ? v.NO : null);

export function buildRows<N extends ListNumber>(n: N, facts: ListFacts[N], children: Map<string, ChildDetails>, r: AnnexARange, councilName: string): AnnexARow[] {
  const upTo = (d: string | null | undefined): string | null => (d !== null && d !== undefined && d <= r.to ? d : null);
  const common = (childId: string) => {
    const c = children.get(childId);
    return [c?.la_child_id ?? childId, v.gender(c?.sex ?? null), v.ethnicity(c?.ethnicity ?? null), c?.date_of_birth ?? null, c?.date_of_birth ? ageOn(c.date_of_birth, r.to) : null];
  };
  const disability = (childId: string) => v.yesNo(children.get(childId)?.disabled ?? null) ?? v.UNKNOWN;
  const allocated = (childId: string) => [children.get(childId)?.team ?? null, children.get(childId)?.worker ?? null];
  const row = (childId: string, cells: Cell[]): AnnexARow => ({ childId, cells });

  switch (n) {
    case 1:
      return (facts as ListFacts[1]).map((f) => row(f.child_id, [...common(f.child_id), f.received_on, v.source(f.source)]));
    case 2:
      return (facts as ListFacts[2]).map((f) => row(f.child_id, [...common(f.child_id), f.started_on, upTo(f.completed_on), f.lead_agency ?? (f.council_led ? councilName : null)]));
    case 3:
      return (facts as ListFacts[3]).map((f) => row(f.child_id, [...common(f.child_id), f.referral_date, v.source(f.referral_source), v.yesNo(f.referral_nfa), f.referrals, ...allocated(f.child_id)]));
    case 4:
      return (facts as ListFacts[4]).map((f) => {
        const authorised = upTo(f.authorised_on ?? f.completed_on);
        return row(f.child_id, [
          ...common(f.child_id), disability(f.child_id), f.started_on, v.yesNo(upTo(f.child_seen_on) !== null), authorised, authorised ? requiringSupport(f.outcome) : null, ...allocated(f.child_id),
        ]);
      });
    case 5:
      return (facts as ListFacts[5]).map((f) => {
        const icpc = upTo(f.icpc_on);
        const unnecessary = f.outcome === 'NO_CONFERENCE' && upTo(f.completed_on) ? v.YES : f.outcome === 'CONFERENCE' || icpc ? v.NO : null;
        const plan = icpc ? (f.icpc_decision === 'PLAN' ? v.YES : f.icpc_decision === 'NO_PLAN' ? v.NO : null) : null;
        return row(f.child_id, [...common(f.child_id), disability(f.child_id), f.initiated_on, unnecessary, icpc, plan, f.enquiries, f.icpcs, ...allocated(f.child_id)]);
      });
    case 6:
      return (facts as ListFacts[6]).map((f) => {
        const closed = upTo(f.closed_on);
        // What the case is on the last day of the range, the most intensive first; an open episode
        // with no plan and no assessment going on has no Annex A status, so it is left blank.
        const status = closed ? 'CLOSED' : f.looked_after ? 'LOOKED_AFTER' : f.cp_plan ? 'CP_PLAN' : f.cin_plan ? 'CIN_PLAN' : f.assessing ? 'OPEN_ASSESSMENT' : null;
        return row(f.child_id, [
          ...common(f.child_id), disability(f.child_id), f.referral_date, v.need(f.primary_need), f.last_seen, closed, closed ? v.closureReason(f.closure_reason) : null, v.caseStatus(status), ...allocated(f.child_id),
        ]);
      });
    case 7:
      return (facts as ListFacts[7]).map((f) => row(f.child_id, [
        ...common(f.child_id), disability(f.child_id), f.started_on, v.abuse(f.initial_category), v.abuse(f.latest_category), f.last_visit, f.last_visit ? seenAlone(f.seen_alone) : null,
        f.last_review, upTo(f.ended_on), v.yesNo(f.protected), f.previous, ...allocated(f.child_id),
      ]));
    case 8:
      return (facts as ListFacts[8]).map((f) => {
        const ceased = upTo(f.ended_on);
        const offered = f.interview_offered === null ? null : v.yesNo(f.interview_offered);
        const accepted = f.interview_offered ? (f.interview_outcome === 'done' ? v.YES : f.interview_outcome === 'declined' ? v.NO : v.UNKNOWN) : null;
        const la = f.in_council_area === true ? councilName : f.host_council;
        return row(f.child_id, [
          ...common(f.child_id), v.yesNo(f.uasc ?? false), disability(f.child_id), f.started_on, v.need(f.category_of_need), v.yesNo(f.subsequent), f.legal_status_on, v.legalStatus(f.legal_status),
          f.last_review, f.last_visit, v.permanencePlan(f.permanence), f.last_iro_contact, f.last_health, f.last_dental, f.placements, ceased, ceased ? v.reasonCeased(f.reason_ceased) : null,
          f.placement_on, v.placementType(f.placement_type), v.provider(f.provider), f.postcode, f.urn, v.location(f.in_council_area), la, f.missing, f.absent, offered, accepted,
          ...allocated(f.child_id),
        ]);
      });
    case 9:
      return (facts as ListFacts[9]).map((f) => {
        const c = children.get(f.child_id);
        // A care leaver's allocated worker is their personal adviser when they have no social worker.
        const [team, worker] = c?.worker ? [c.team, c.worker] : [c?.adviser_team ?? null, c?.adviser ?? null];
        return row(f.child_id, [
          ...common(f.child_id), disability(f.child_id), team, worker, v.eligibility(f.status), v.inTouch(f.in_touch), v.accommodation(f.accommodation), v.suitability(f.suitable), v.activity(f.activity),
        ]);
      });
    case 10:
      return (facts as ListFacts[10]).map((f) => {
        const [id, gender, ethnicity, dob, age] = common(f.child_id);
        const noLonger = f.end_reason === 'changed' ? upTo(f.ended_on) : null;
        return row(f.child_id, [
          id as Cell, f.family_id, gender as Cell, ethnicity as Cell, dob as Cell, age as Cell, disability(f.child_id), f.entered_care, f.decided_on, upTo(f.placement_order_on), upTo(f.matched_on),
          upTo(f.placed_on), upTo(f.adoption_order_on), noLonger, noLonger ? v.noLongerAdoption(f.reversed_reason) : null, upTo(f.ffa_on),
        ]);
      });
    case 11:
      // One row for each applicant in the household; the family is the sibling group placed together
      // they are matched with, else the household (decision 0055). An applicant
      // not yet recorded reads as a child with nothing recorded does (not stated, NOBT, unknown).
      return (facts as ListFacts[11]).flatMap((f) => {
        const approved = upTo(f.decided_on) && f.approved ? f.decided_on : null;
        const left = upTo(f.left_on);
        const cells = (applicant: number): Cell[] => {
          const a = f.applicant_details?.find((d) => d.position === applicant);
          return [
            `${f.id}-${applicant}`, f.family_id, v.gender(a?.sex ?? null), v.ethnicity(a?.ethnicity ?? null), v.yesNo(a?.disabled ?? null) ?? v.UNKNOWN, v.yesNo(f.fostering_for_adoption),
            f.enquiry_on, upTo(f.registered_on), upTo(f.stage_one_ended_on), upTo(f.stage_two_started_on), upTo(f.panel_on), upTo(f.stage_two_started_on), approved, f.matched_on,
            f.placed_on, f.placed, f.adoption_order_on, left, left ? v.leavingReason(f.left_reason) : null,
          ];
        };
        return Array.from({ length: f.applicants }, (_, i) => ({ childId: null, householdId: f.id, cells: cells(i + 1) }));
      });
    default:
      throw new Error(`No Annex A list ${String(n)}`);
  }
}

/** The children a list's facts are about, to read their details once. */
export function childIdsOf(facts: ListFacts): string[] {
  const ids = new Set<string>();
  for (const list of ANNEX_A_LISTS) {
    if (list.n === 11) continue;
    for (const f of facts[list.n] as { child_id: string }[]) ids.add(f.child_id);
  }
  return [...ids];
}
