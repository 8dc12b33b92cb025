// Hand-made children for the Annex A tests: each one's facts put them in a list, and a near miss
// beside each (a contact the day before the range, an assessment finished before it) keeps them out.
// Rows are written straight to the tables: the tests are about reading the record, not recording it.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Agent, TestApp } from '../../../test/support/app.ts';
import type { AnnexARange } from './extract.ts';

/** The range the tests ask for: 1 June 2026 to the test's today (20 November 2026). */
export const RANGE: AnnexARange = { from: '2026-06-01', to: '2026-11-20' };

export interface Fixture {
  child: Record<string, { id: string; laChildId: string }>;
  households: { ashes: string; left: string };
}

let next = 1;

export async function buildFixture(t: TestApp): Promise<Fixture> {
  const db = t.handle.db;
  const by = t.users.admin;
  // Kysely's types would want every table's row type here; the fixture writes plain rows.
  const add = async (table: string, values: Record<string, unknown>): Promise<string> => {
    const id = (values['id'] as string | undefined) ?? randomUUID();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the fixture writes to any table
    await (db as any).insertInto(table).values({ id, recorded_by: by, ...values }).execute();
    return id;
  };
  const person = async (firstName: string, extra: Record<string, unknown> = {}) => {
    const id = randomUUID();
    const laChildId = `AA${String(next++).padStart(4, '0')}`;
    await add('person', { id, kind: 'child', first_name: firstName, last_name: 'Annexa', date_of_birth: '2016-04-12', sex: 'F', la_child_id: laChildId, ...extra });
    return { id, laChildId };
  };
  const contact = (childId: string, on: string, source: string) =>
    add('contact', { child_id: childId, received_on: on, received_time: '09:00', source, worry: 'A worry', consent: 'yes' });
  const episode = (childId: string, referral: string, extra: Record<string, unknown> = {}) =>
    add('cin_episode', { child_id: childId, referral_date: referral, referral_source: '6', ...extra });

  const child: Fixture['child'] = {};

  // List 1: a contact on the first day of the range; a contact the day before it.
  child['contacted'] = await person('Connie', { ethnicity: 'WBRI' });
  await contact(child['contacted'].id, '2026-06-01', '2A');
  child['contactedBefore'] = await person('Nora');
  await contact(child['contactedBefore'].id, '2026-05-31', '2A');

  // List 2: an early help assessment finished in the range; one finished before it.
  child['earlyHelp'] = await person('Ellie');
  const eh = await add('early_help_episode', { child_id: child['earlyHelp'].id, started_on: '2026-05-01', origin: 'DIRECT', lead_agency: 'Oak Primary School' });
  await add('early_help_assessment', { episode_id: eh, child_id: child['earlyHelp'].id, started_on: '2026-05-01', completed_on: '2026-06-10' });
  child['earlyHelpBefore'] = await person('Esme');
  const eh2 = await add('early_help_episode', { child_id: child['earlyHelpBefore'].id, started_on: '2026-04-01', origin: 'DIRECT', lead_agency: 'Oak Primary School' });
  await add('early_help_assessment', { episode_id: eh2, child_id: child['earlyHelpBefore'].id, started_on: '2026-04-01', completed_on: '2026-05-20' });

  // Lists 3 to 7: a referral in the range (the child's second in 12 months), its assessment, the
  // section 47 enquiry, the initial conference and the child protection plan that followed.
  child['protected'] = await person('Priya', { sex: 'M', ethnicity: 'AIND' });
  const pid = child['protected'].id;
  await add('person_disability', { person_id: pid, code: 'NONE' });
  await add('allocation', { child_id: pid, worker_id: t.users.worker, role: 'social_worker', from_date: '2026-07-01' });
  await episode(pid, '2026-01-10', { referral_nfa: true, closed_on: '2026-01-12', closure_reason: 'RC8', primary_need: 'N9' });
  const ep = await episode(pid, '2026-07-01', { primary_need: 'N1' });
  await add('assessment', { child_id: pid, episode_id: ep, started_on: '2026-07-02', child_seen_on: '2026-07-03', completed_on: '2026-08-01', authorised_on: '2026-08-03', outcome: 'CIN_PLAN' });
  const sd = await add('strategy_discussion', { child_id: pid, episode_id: ep, held_on: '2026-07-05', attendees: '[]', reason: 'Injury', decisions: 'Section 47', outcome: 'S47' });
  const enquiry = await add('s47_enquiry', { child_id: pid, episode_id: ep, initiating_discussion_id: sd, initiated_on: '2026-07-05', started_on: '2026-07-05', outcome: 'CONFERENCE', completed_on: '2026-07-20' });
  const cp = await add('plan', { child_id: pid, kind: 'cp', episode_id: ep, started_on: '2026-07-25', category_of_abuse: 'NEG' });
  await add('child_protection_conference', { child_id: pid, kind: 'initial', enquiry_id: enquiry, plan_id: cp, held_on: '2026-07-25', chair_id: t.users.iro, attendees: '[]', decision: 'PLAN', category_of_abuse: 'NEG' });
  await add('child_protection_conference', { child_id: pid, kind: 'review', plan_id: cp, held_on: '2026-10-20', chair_id: t.users.iro, attendees: '[]', decision: 'CONTINUE', category_of_abuse: 'EMO' });
  await add('visit', { child_id: pid, visited_on: '2026-08-10', kind: 'cp', plan_id: cp, worker_id: t.users.worker, child_seen: true, seen_alone: 'yes', observations: 'Seen at home' });

  // Near misses for lists 3 to 7: a referral the day before the range, an assessment authorised
  // before it, an episode closed before it, a plan that ended before it.
  child['referredBefore'] = await person('Rhea');
  const ep2 = await episode(child['referredBefore'].id, '2026-05-31', { primary_need: 'N4', closed_on: '2026-05-31', closure_reason: 'RC7' });
  await add('assessment', { child_id: child['referredBefore'].id, episode_id: ep2, started_on: '2026-05-31', completed_on: '2026-05-31', authorised_on: '2026-05-31', outcome: 'NFA' });
  await add('plan', { child_id: child['referredBefore'].id, kind: 'cp', episode_id: ep2, started_on: '2026-01-01', ended_on: '2026-05-01', category_of_abuse: 'PHY' });

  // List 8: in care since March, a new legal status in September, one placement, a missing
  // episode with a return interview, a review, health and dental checks.
  child['inCare'] = await person('Carys', { unaccompanied_asylum_seeker: false });
  const cid = child['inCare'].id;
  await add('allocation', { child_id: cid, worker_id: t.users.worker, role: 'social_worker', from_date: '2026-03-01' });
  const period = await add('care_period', { child_id: cid, started_on: '2026-03-01', category_of_need: 'N1', decided_by: 'Head of service' });
  await add('legal_status', { period_id: period, child_id: cid, started_on: '2026-03-01', ended_on: '2026-09-01', legal_status: 'C1' });
  await add('legal_status', { period_id: period, child_id: cid, started_on: '2026-09-01', legal_status: 'C2' });
  const placement = await add('placement', { period_id: period, child_id: cid, started_on: '2026-03-01', placement_type: 'U4', provider: 'PR1', carer_name: 'The Birches', postcode: 'AB1 2CD', in_council_area: true });
  const review = await add('looked_after_review', { period_id: period, child_id: cid, held_on: '2026-09-15', chair_id: t.users.iro, participation: 'PN1', decisions: 'Stay' });
  await add('permanence_plan', { child_id: cid, period_id: period, decided_on: '2026-09-15', review_id: review, plan: 'long_term_fostering' });
  await add('health_assessment', { child_id: cid, period_id: period, kind: 'initial', assessed_on: '2026-04-01', assessed_by: 'Dr Who', summary: 'Well' });
  await add('health_check', { child_id: cid, kind: 'dental', checked_on: '2026-05-01' });
  await add('visit', { child_id: cid, visited_on: '2026-10-01', kind: 'looked_after', placement_id: placement, worker_id: t.users.worker, child_seen: true, seen_alone: 'yes', observations: 'Settled' });
  const missing = await add('missing_episode', { child_id: cid, went_missing_at: new Date('2026-09-10T18:00:00Z'), returned_at: new Date('2026-09-11T09:00:00Z'), kind: 'M' });
  await add('return_interview', { episode_id: missing, child_id: cid, outcome: 'declined', offered_at: new Date('2026-09-11T12:00:00Z') });
  child['leftCareBefore'] = await person('Lottie');
  await add('care_period', { child_id: child['leftCareBefore'].id, started_on: '2026-01-01', ended_on: '2026-05-20', reason_ceased: 'E4A', category_of_need: 'N4', decided_by: 'Head of service' });

  // List 9: left care at 17 after four years: a former relevant care leaver at 18, in touch,
  // in independent living, in training. Near miss: left care at 17 but now 25.
  child['careLeaver'] = await person('Lena', { date_of_birth: '2008-01-15' });
  const lid = child['careLeaver'].id;
  await add('allocation', { child_id: lid, worker_id: t.users.adviser, role: 'personal_adviser', from_date: '2025-12-31' });
  const lp = await add('care_period', { child_id: lid, started_on: '2022-01-01', ended_on: '2025-12-31', reason_ceased: 'E5', category_of_need: 'N1', decided_by: 'Head of service' });
  await add('legal_status', { period_id: lp, child_id: lid, started_on: '2022-01-01', ended_on: '2025-12-31', legal_status: 'C2' });
  await add('care_leaver_birthday', { child_id: lid, age: 18, recorded_on: '2026-01-20', in_touch: 'YES', activity: 'F5', accommodation: 'U1' });
  await add('care_leaver_accommodation', { child_id: lid, from_on: '2026-01-01', kind: 'U', suitable: true });
  child['tooOld'] = await person('Tess', { date_of_birth: '2001-01-15' });
  const op = await add('care_period', { child_id: child['tooOld'].id, started_on: '2015-01-01', ended_on: '2018-06-30', reason_ceased: 'E5', category_of_need: 'N1', decided_by: 'Head of service' });
  await add('legal_status', { period_id: op, child_id: child['tooOld'].id, started_on: '2015-01-01', ended_on: '2018-06-30', legal_status: 'C2' });

  // List 10: a plan for adoption, a placement order in the range, matched and placed with the
  // Ashes. Near miss: a plan for adoption that changed before the range.
  child['adopted'] = await person('Alfie', { date_of_birth: '2024-02-02' });
  const aid = child['adopted'].id;
  const ap = await add('care_period', { child_id: aid, started_on: '2025-10-01', category_of_need: 'N1', decided_by: 'Head of service' });
  await add('legal_status', { period_id: ap, child_id: aid, started_on: '2025-10-01', legal_status: 'C2' });
  const adoptionPlan = await add('permanence_plan', { child_id: aid, period_id: ap, decided_on: '2026-02-01', plan: 'adoption' });
  await add('permanence_step', { plan_id: adoptionPlan, child_id: aid, kind: 'authority_to_place', occurred_on: '2026-06-15', authority: 'placement_order', court: 'Family Court' });
  const ashes = await add('adopter_household', {
    name: 'The Ashes', applicants: 2, fostering_for_adoption: false, enquiry_on: '2026-03-01', registered_on: '2026-03-15', stage_one_ended_on: '2026-05-15',
    stage_two_started_on: '2026-05-20', panel_on: '2026-08-01', panel_recommended: true, decided_on: '2026-08-10', approved: true,
  });
  const adoptive = await add('placement', { period_id: ap, child_id: aid, started_on: '2026-09-20', placement_type: 'A4', provider: 'PR1', carer_name: 'The Ashes' });
  await add('adoption_match', { child_id: aid, plan_id: adoptionPlan, household_id: ashes, panel_on: '2026-08-25', decided_on: '2026-09-01', placed_on: '2026-09-20', placement_id: adoptive });
  child['adoptionChanged'] = await person('Ava');
  const vp = await add('care_period', { child_id: child['adoptionChanged'].id, started_on: '2025-01-01', category_of_need: 'N1', decided_by: 'Head of service' });
  await add('permanence_plan', { child_id: child['adoptionChanged'].id, period_id: vp, decided_on: '2025-03-01', plan: 'adoption', ended_on: '2026-05-01', end_reason: 'changed' });

  // List 10: a plan for adoption the court did not support: changed in the range (RD2).
  child['adoptionReversed'] = await person('Rory');
  const rp = await add('care_period', { child_id: child['adoptionReversed'].id, started_on: '2025-06-01', category_of_need: 'N1', decided_by: 'Head of service' });
  await add('permanence_plan', { child_id: child['adoptionReversed'].id, period_id: rp, decided_on: '2025-09-01', plan: 'adoption', ended_on: '2026-07-14', end_reason: 'changed', adoption_reversed_reason: 'RD2' });

  // List 11: the Ashes (two applicants); near miss: a household that withdrew before the range.
  const left = await add('adopter_household', { name: 'The Elms', applicants: 1, enquiry_on: '2026-01-10', left_on: '2026-05-01', left_reason: 'WITHDREW' });

  return { child, households: { ashes, left } };
}

/**
 * A sheet of the workbook as the analyst downloads it, each row as { header: value } with dates as ISO
 * days: for the journeys that record a fact on a page and look for it in the workbook.
 */
export async function workbookSheet(analyst: Agent, sheet: string, range: AnnexARange = RANGE): Promise<Record<string, unknown>[]> {
  const file = await analyst.get(`/returns/annex-a/download?from=${range.from}&to=${range.to}`);
  if (file.statusCode !== 200) throw new Error(`The workbook download answered ${file.statusCode}`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
  const ws = book.getWorksheet(sheet)!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const values = (ws.getRow(r).values as unknown[]).slice(1);
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i] instanceof Date ? (values[i] as Date).toISOString().slice(0, 10) : (values[i] ?? null)])));
  }
  return rows;
}
