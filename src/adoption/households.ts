// Prospective adopter households: an enquiry, the registration of interest, stage one (2 months),
// the prospective adopter's decision to go on (within 6 months), stage two (4 months), the adoption
// panel and the agency decision (Adoption Agencies Regulations 2005 as amended by SI 2013/985;
// statutory guidance ch.3). The dates are the household's own; one rule checks their order, whether
// a step is recorded or the record is corrected, so neither can leave them out of order.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { softDelete, updateRecord } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { addMonths } from '../calendar/index.ts';
import { labelFor } from '../codes/code-list.ts';
import { ADOPTER_LEAVING_REASON } from '../codes/annex-a.ts';
import { ADOPTERS_LEGAL_STATUS, ADOPTERS_SEX, SEXES_OF_LEGAL_STATUS, SINGLE_ADOPTER_SEXES, type AdoptersLegalStatusCode, type AdoptersSexCode } from '../codes/ssda903.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate, midSentence } from '../server/format.ts';
import type { AdopterHouseholdTable } from './tables.ts';
import type { DecisionInput, EnquiryInput, HouseholdCorrection, LeaveInput, PanelInput, RegistrationInput, StageOneInput, StageTwoInput } from './schemas.ts';

type Timeline = Pick<AdopterHouseholdTable, 'enquiry_on' | 'registered_on' | 'stage_one_ended_on' | 'stage_two_started_on' | 'panel_on' | 'decided_on' | 'left_on'>;

/** The steps in order: each needs the one before it, on or after its date. */
const ORDER: readonly { column: keyof Timeline; field: string; what: string }[] = [
  { column: 'enquiry_on', field: 'enquiryOn', what: 'the enquiry' },
  { column: 'registered_on', field: 'registeredOn', what: 'the registration of interest' },
  { column: 'stage_one_ended_on', field: 'stageOneEndedOn', what: 'the end of stage one' },
  { column: 'stage_two_started_on', field: 'stageTwoStartedOn', what: 'the start of stage two' },
  { column: 'panel_on', field: 'panelOn', what: 'the adoption panel' },
  { column: 'decided_on', field: 'decidedOn', what: 'the agency decision' },
];

/**
 * The household's dates in order, none in the future; stage two begun within 6 months of the end of
 * stage one (after that, stage one starts again: AAR 2005 as amended 2013, timescales.md AD5); and
 * nothing after they left the process. `fields` names the form's fields for the message.
 */
export function checkTimeline(t: Timeline, today: string, fields: Partial<Record<keyof Timeline, string>> = {}): void {
  const fieldOf = (c: keyof Timeline, fallback: string) => fields[c] ?? fallback;
  let previous: (typeof ORDER)[number] | null = null;
  for (const step of ORDER) {
    const date = t[step.column];
    if (date === null) {
      const later = ORDER.slice(ORDER.indexOf(step) + 1).find((s) => t[s.column] !== null);
      if (later) throw new RuleBroken(`Record ${step.what} before ${later.what}`, fieldOf(later.column, later.field));
      continue;
    }
    if (date > today) throw new RuleBroken(`The date of ${step.what} cannot be in the future`, fieldOf(step.column, step.field));
    if (previous && date < t[previous.column]!) {
      throw new RuleBroken(`The date of ${step.what} cannot be before ${previous.what} (${formatDate(t[previous.column]!)})`, fieldOf(step.column, step.field));
    }
    previous = step;
  }
  if (t.stage_one_ended_on && t.stage_two_started_on && t.stage_two_started_on > addMonths(t.stage_one_ended_on, 6)) {
    throw new RuleBroken(
      `Stage one ended on ${formatDate(t.stage_one_ended_on)}: they had until ${formatDate(addMonths(t.stage_one_ended_on, 6))} to say they wish to go on. After 6 months stage one starts again (Adoption Agencies Regulations 2005 as amended 2013)`,
      fieldOf('stage_two_started_on', 'stageTwoStartedOn'),
    );
  }
  if (t.left_on) {
    const last = [...ORDER].reverse().find((s) => t[s.column] !== null)!;
    if (t.left_on < t[last.column]!) throw new RuleBroken(`They cannot have left the process before ${last.what} (${formatDate(t[last.column]!)})`, fieldOf('left_on', 'leftOn'));
    if (t.left_on > today) throw new RuleBroken('The date they left cannot be in the future', fieldOf('left_on', 'leftOn'));
  }
}

/**
 * The applicants' sexes and legal status agree with how many they are and with each other, as the
 * SSDA903 return's rules ask (511: two applicants are MM, FF or MF; 514: L0 is one applicant; 519: L2
 * is a couple; 520, 524, 517, 518: married and unmarried couples of different or the same sex). Either
 * may be left blank until the household says.
 */
export function checkAdopters(a: { applicants: number; adoptersSex: AdoptersSexCode | null; adoptersLegalStatus: AdoptersLegalStatusCode | null }): void {
  const single = a.applicants === 1;
  if (a.adoptersSex && single !== SINGLE_ADOPTER_SEXES.includes(a.adoptersSex)) {
    throw new RuleBroken(single ? 'One person is applying: choose “One adopter, male” or “One adopter, female”' : 'Two people are applying: choose one of the couples (SSDA903 rule 511)', 'adoptersSex');
  }
  if (a.adoptersLegalStatus && single !== (a.adoptersLegalStatus === 'L0')) {
    throw new RuleBroken(single ? 'One person is applying: their legal status is “A single adopter”' : 'Two people are applying: a single adopter’s legal status does not fit a couple (SSDA903 rule 514)', 'adoptersLegalStatus');
  }
  const fits = a.adoptersLegalStatus ? SEXES_OF_LEGAL_STATUS[a.adoptersLegalStatus] : undefined;
  if (fits && a.adoptersSex && !fits.sexes.includes(a.adoptersSex)) {
    const sexes = fits.sexes.map((s) => `“${labelFor(ADOPTERS_SEX, s)}”`).join(' or ');
    throw new RuleBroken(`${labelFor(ADOPTERS_LEGAL_STATUS, a.adoptersLegalStatus!)} is ${sexes} (SSDA903 rule ${fits.rule})`, 'adoptersSex');
  }
}

export async function householdById(db: Db, id: string, options: { lock?: boolean } = {}) {
  const q = db.selectFrom('adopter_household').selectAll().where('id', '=', id).where('deleted_at', 'is', null);
  const row = await (options.lock ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw new NotFound('No prospective adopters with that id');
  return row;
}

async function checkWorker(db: Db, workerId: string | null) {
  if (!workerId) return;
  const worker = await db.selectFrom('app_user').select('active').where('id', '=', workerId).executeTakeFirst();
  if (!worker?.active) throw new RuleBroken('Choose a worker who uses Lantern now', 'workerId');
}

/** The first enquiry: the household is on the record from here. */
export async function recordEnquiry(db: Kysely<Database>, user: SignedInUser, input: EnquiryInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    if (input.enquiryOn > today) throw new RuleBroken('The date of the enquiry cannot be in the future', 'enquiryOn');
    checkAdopters(input);
    await checkWorker(tx, input.workerId);
    const id = randomUUID();
    await tx
      .insertInto('adopter_household')
      .values({ id, name: input.name, applicants: input.applicants, adopters_sex: input.adoptersSex, adopters_legal_status: input.adoptersLegalStatus, postcode: input.postcode, worker_id: input.workerId, fostering_for_adoption: input.fosteringForAdoption, enquiry_on: input.enquiryOn, recorded_by: user.id })
      .execute();
    return id;
  });
}

/** One step: the new dates must keep the timeline in order, and a household that left takes no more steps. */
async function step(db: Kysely<Database>, user: SignedInUser, id: string, today: string, change: (h: Selectable<AdopterHouseholdTable>) => Partial<Selectable<AdopterHouseholdTable>>, field: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const h = await householdById(tx, id, { lock: true });
    if (h.left_on) throw new RuleBroken(`They left the process on ${formatDate(h.left_on)} (${midSentence(labelFor(ADOPTER_LEAVING_REASON, h.left_reason ?? '') ?? '')}): record a new enquiry if they come back`, field);
    const changes = change(h);
    checkTimeline({ ...h, ...changes } as Timeline, today, Object.fromEntries(Object.keys(changes).map((c) => [c, field])));
    await updateRecord(tx, 'adopter_household', id, changes, user.id);
  });
}

const once = (value: string | null, what: string, field: string) => {
  if (value) throw new RuleBroken(`${what} is already recorded (${formatDate(value)})`, field);
};

export const acceptRegistration = (db: Kysely<Database>, user: SignedInUser, id: string, input: RegistrationInput, today: string) =>
  step(db, user, id, today, (h) => (once(h.registered_on, 'The registration of interest', 'registeredOn'), { registered_on: input.registeredOn }), 'registeredOn');

/** The end of stage one: they may go on, or the agency decides they are not suitable and they leave the process. */
export const endStageOne = (db: Kysely<Database>, user: SignedInUser, id: string, input: StageOneInput, today: string) =>
  step(
    db,
    user,
    id,
    today,
    (h) => {
      once(h.stage_one_ended_on, 'The end of stage one', 'endedOn');
      if (!h.registered_on) throw new RuleBroken('Record the registration of interest first: stage one begins when it is accepted', 'endedOn');
      return { stage_one_ended_on: input.endedOn, ...(input.mayProceed ? {} : { left_on: input.endedOn, left_reason: 'REFUSED' as const, left_note: input.note ?? 'Not suitable to go on to stage two' }) };
    },
    'endedOn',
  );

export const startStageTwo = (db: Kysely<Database>, user: SignedInUser, id: string, input: StageTwoInput, today: string) =>
  step(db, user, id, today, (h) => (once(h.stage_two_started_on, 'The start of stage two', 'startedOn'), { stage_two_started_on: input.startedOn }), 'startedOn');

export const recordPanel = (db: Kysely<Database>, user: SignedInUser, id: string, input: PanelInput, today: string) =>
  step(db, user, id, today, (h) => (once(h.panel_on, 'The adoption panel', 'panelOn'), { panel_on: input.panelOn, panel_recommended: input.recommended }), 'panelOn');

/** The agency decision maker's decision: approved, or not (then they leave the process, application refused). */
export const recordDecision = (db: Kysely<Database>, user: SignedInUser, id: string, input: DecisionInput, today: string) =>
  step(
    db,
    user,
    id,
    today,
    (h) => {
      once(h.decided_on, 'The agency decision', 'decidedOn');
      return { decided_on: input.decidedOn, approved: input.approved, ...(input.approved ? {} : { left_on: input.decidedOn, left_reason: 'REFUSED' as const, left_note: input.note ?? 'Not approved as suitable to adopt' }) };
    },
    'decidedOn',
  );

/** Withdrew, put on hold, or refused. Approved adopters may leave too, unless a child lives with them. */
export async function leaveProcess(db: Kysely<Database>, user: SignedInUser, id: string, input: LeaveInput, today: string): Promise<void> {
  const placed = await db
    .selectFrom('adoption_match as m')
    .select('m.placed_on')
    .where('m.household_id', '=', id)
    .where('m.placed_on', 'is not', null)
    .where('m.disrupted_on', 'is', null)
    .where('m.deleted_at', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('permanence_step as s').select('s.id').whereRef('s.plan_id', '=', 'm.plan_id').where('s.kind', '=', 'order').where('s.deleted_at', 'is', null))))
    .executeTakeFirst();
  if (placed) throw new RuleBroken(`A child has lived with them since ${formatDate(placed.placed_on!)}: record the disruption or the adoption order first`, 'leftOn');
  await step(db, user, id, today, () => ({ left_on: input.leftOn, left_reason: input.reason as AdopterHouseholdTable['left_reason'], left_note: input.note }), 'leftOn');
}

/**
 * Corrects the household's details and dates with the reason: the timeline is checked again, and an
 * approval a match rests on cannot move after the match panel.
 */
export async function correctHousehold(db: Kysely<Database>, user: SignedInUser, id: string, input: HouseholdCorrection, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const h = await householdById(tx, id, { lock: true });
    checkAdopters(input);
    await checkWorker(tx, input.workerId);
    const changes = {
      name: input.name,
      applicants: input.applicants,
      adopters_sex: input.adoptersSex,
      adopters_legal_status: input.adoptersLegalStatus,
      postcode: input.postcode,
      worker_id: input.workerId,
      fostering_for_adoption: input.fosteringForAdoption,
      enquiry_on: input.enquiryOn,
      registered_on: input.registeredOn,
      stage_one_ended_on: input.stageOneEndedOn,
      stage_two_started_on: input.stageTwoStartedOn,
      panel_on: input.panelOn,
      decided_on: input.decidedOn,
    };
    if ((changes.panel_on === null) !== (h.panel_on === null) || (changes.decided_on === null) !== (h.decided_on === null)) {
      throw new RuleBroken('The panel and the decision are recorded as steps, with what was decided: correct their dates here, not whether they happened', changes.panel_on === null ? 'panelOn' : 'decidedOn');
    }
    checkTimeline({ ...h, ...changes }, today);
    if (changes.applicants < h.applicants) {
      const second = await tx.selectFrom('adopter_applicant').select('name').where('household_id', '=', id).where('position', '>', changes.applicants).where('deleted_at', 'is', null).executeTakeFirst();
      if (second) throw new RuleBroken(`${second.name} is recorded as the second applicant: one person applying has no second applicant`, 'applicants');
    }
    const firstMatch = await tx.selectFrom('adoption_match').select('panel_on').where('household_id', '=', id).where('deleted_at', 'is', null).orderBy('panel_on').executeTakeFirst();
    if (firstMatch && changes.decided_on && changes.decided_on > firstMatch.panel_on) {
      throw new RuleBroken(`They were matched at panel on ${formatDate(firstMatch.panel_on)}: their approval cannot be after it`, 'decidedOn');
    }
    await updateRecord(tx, 'adopter_household', id, changes, user.id, input.version, input.reason);
  });
}

/** Deletes a household recorded in error, with the reason; not one a child was matched with. */
export async function deleteHousehold(db: Kysely<Database>, user: SignedInUser, id: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await householdById(tx, id, { lock: true });
    const match = await tx.selectFrom('adoption_match').select('id').where('household_id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    if (match) throw new RuleBroken('A child was matched with them: the record stays. Record that they left the process instead');
    await softDelete(tx, 'adopter_household', id, user.id, reason);
  });
}
