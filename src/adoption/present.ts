// What the adopters' list and a household's page show: the stage, what is due (stage one in 2 months,
// stage two in 4, the match within 3 months of approval) and how long each stage took.
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { ADOPTERS_LEGAL_STATUS, ADOPTERS_SEX } from '../codes/ssda903.ts';
import { addMonths, daysBetween } from '../calendar/index.ts';
import { labelFor } from '../codes/code-list.ts';
import { ADOPTER_LEAVING_REASON } from '../codes/annex-a.ts';
import { householdById } from './households.ts';
import { applicantRows, applicantsOf } from './applicants.ts';
import { householdsPage, LIST_PAGE_SIZE, matchesOfHousehold, stageCounts } from './repository.ts';
import { STAGE_FILTERS, type StageFilter } from './schemas.ts';
import { adopterDue, adopterTimescale, stageTaken } from './timescales.ts';

export const STAGE_LABELS: Record<StageFilter, string> = {
  enquiry: 'Enquiry',
  stage_one: 'Stage one',
  between_stages: 'Between stages',
  stage_two: 'Stage two',
  awaiting_decision: 'Panel held, awaiting the decision',
  approved: 'Approved, waiting to be matched',
  matched: 'Matched',
  left: 'Left the process',
};

export async function adoptersList(db: Db, stage: StageFilter | null, requestedPage: number, today: string) {
  const counts = await stageCounts(db);
  const total = stage ? (counts.get(stage) ?? 0) : [...counts.values()].reduce((a, b) => a + b, 0);
  const pageCount = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
  const page = Math.min(requestedPage, pageCount);
  const rows = await householdsPage(db, stage, page);
  return {
    total,
    page,
    pageCount,
    first: (page - 1) * LIST_PAGE_SIZE + 1,
    stages: STAGE_FILTERS.map((s) => ({ code: s, label: STAGE_LABELS[s], count: counts.get(s) ?? 0 })),
    rows: rows.map((h) => ({
      ...h,
      stageLabel: STAGE_LABELS[h.stage],
      leftReasonLabel: h.left_reason ? labelFor(ADOPTER_LEAVING_REASON, h.left_reason) : null,
      due: adopterDue(h, h.first_match_on, today),
    })),
  };
}

/** One household's page: the steps with how long each stage took against its timescale, and the matches. */
export async function householdView(db: Db, user: SignedInUser, id: string, today: string) {
  const [h, matches, applicants] = await Promise.all([householdById(db, id), matchesOfHousehold(db, user, id), applicantsOf(db, id)]);
  const worker = h.worker_id ? await db.selectFrom('app_user').select('display_name').where('id', '=', h.worker_id).executeTakeFirst() : undefined;
  const firstMatchOn = matches[0]?.panel_on ?? null;
  const stage: StageFilter = h.left_on ? 'left' : h.approved ? (matches.some((m) => !m.disrupted_on) ? 'matched' : 'approved') : h.panel_on ? 'awaiting_decision' : h.stage_two_started_on ? 'stage_two' : h.stage_one_ended_on ? 'between_stages' : h.registered_on ? 'stage_one' : 'enquiry';
  return {
    household: h,
    applicants: applicantRows(h.applicants, applicants),
    workerName: worker?.display_name ?? null,
    stage,
    stageLabel: STAGE_LABELS[stage],
    adoptersSexLabel: h.adopters_sex ? labelFor(ADOPTERS_SEX, h.adopters_sex) : null,
    adoptersLegalStatusLabel: h.adopters_legal_status ? labelFor(ADOPTERS_LEGAL_STATUS, h.adopters_legal_status) : null,
    leftReasonLabel: h.left_reason ? labelFor(ADOPTER_LEAVING_REASON, h.left_reason) : null,
    due: adopterDue(h, firstMatchOn, today),
    stageOne: stageTaken(h.registered_on, h.stage_one_ended_on, adopterTimescale('stage-one')),
    stageTwo: stageTaken(h.stage_two_started_on, h.decided_on, adopterTimescale('stage-two')),
    // Registration of interest to approval: within 6 months expected, 9 the measure Newham reported (seed AD-09, T21).
    registrationToApproval: h.registered_on && h.decided_on && h.approved ? { days: daysBetween(h.registered_on, h.decided_on), withinNineMonths: h.decided_on <= addMonths(h.registered_on, 9) } : null,
    waitForMatch: h.approved && h.decided_on ? { days: daysBetween(h.decided_on, firstMatchOn ?? today), matched: firstMatchOn !== null, overThreeMonths: (firstMatchOn ?? today) > addMonths(h.decided_on, 3) } : null,
    matches,
  };
}
