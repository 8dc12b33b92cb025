// Pre-proceedings and care proceedings under the Public Law Outline: the legal planning meeting and
// its decision, the letter before proceedings, pre-proceedings meetings and reviews, the decision to
// end them, issue (which starts the 26-week clock of Children Act 1989 s.32), hearings, orders and
// conclusion. Each step must follow the one before it. Seed requirements §1.7 PL-01, PL-04, PL-09.
// Corrections are in corrections.ts and the court tracker in tracker.ts.
// Who may see or record what is checked once, by the route guard, before any of this runs.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { registerClosureCheck } from '../episodes/closure-checks.ts';
import { daysBetween } from '../calendar/index.ts';
import { labelFor } from '../codes/index.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { APPLICATION_TYPE, HEARING_TYPE, LEGAL_PLANNING_DECISION, ORDER_TYPE, PRE_PROCEEDINGS_MEETING_KIND, PRE_PROCEEDINGS_OUTCOME } from './codes.ts';
import type {
  ConclusionInput,
  HearingInput,
  IssueProceedingsInput,
  LegalPlanningMeetingInput,
  LetterBeforeProceedingsInput,
  OrderInput,
  PreProceedingsEndInput,
  PreProceedingsMeetingInput,
} from './schemas.ts';
import * as repo from './repository.ts';
import { assertFgdmAllowsApplication } from './family-group.ts';

export const PROCEEDINGS_RULE_ID = 'proceedings-26-weeks';

const SHORT_DECISION: Record<string, string> = {
  pre_proceedings: 'enter pre-proceedings',
  issue_proceedings: 'issue care proceedings',
  neither: 'neither pre-proceedings nor proceedings',
};

/** Nothing in court or before it can be dated before the child was born (an unborn child: long before). */
export async function notBeforeBirth(db: Db, childId: string, date: string, field: string, what: string) {
  assertNotBeforeBirth(await childDates(db, childId), date, field, what);
}

export const notInFuture = (date: string, today: string, field: string, what: string) => {
  if (date > today) throw new RuleBroken(`${what} cannot be in the future: record it once it has happened`, field);
};

// ---------------------------------------------------------------------------------------------
// Legal planning meetings
// ---------------------------------------------------------------------------------------------

export async function recordLegalPlanningMeeting(db: Kysely<Database>, user: SignedInUser, childId: string, input: LegalPlanningMeetingInput, today: string): Promise<string> {
  notInFuture(input.heldOn, today, 'heldOn', 'The date of the meeting');
  return db.transaction().execute(async (tx) => {
    await notBeforeBirth(tx, childId, input.heldOn, 'heldOn', 'The date of the meeting');
    const id = randomUUID();
    await tx
      .insertInto('legal_planning_meeting')
      .values({ id, child_id: childId, held_on: input.heldOn, decision: input.decision, reasons: input.reasons, recorded_by: user.id })
      .execute();
    await recordEvent(
      tx,
      { childId, type: 'legal-planning.held', occurredOn: input.heldOn, sourceTable: 'legal_planning_meeting', sourceId: id, scopeId: id, title: `Legal planning meeting: decided to ${SHORT_DECISION[input.decision]}`, detail: input.reasons },
      user.id,
    );
    return id;
  });
}

// ---------------------------------------------------------------------------------------------
// Pre-proceedings
// ---------------------------------------------------------------------------------------------

/** The decision of the child's latest legal planning meeting, which must be the one needed. */
async function decisionInForce(db: Db, childId: string, needed: 'pre_proceedings' | 'issue_proceedings', field: string) {
  const latest = await repo.latestLegalPlanningMeeting(db, childId);
  if (!latest) throw new RuleBroken(`Record the legal planning meeting that decided to ${SHORT_DECISION[needed]} first`, field);
  if (latest.decision !== needed) {
    throw new RuleBroken(
      `The latest legal planning meeting (${formatDate(latest.held_on)}) decided to ${SHORT_DECISION[latest.decision]}: record the legal planning meeting that decided to ${SHORT_DECISION[needed]} first`,
      field,
    );
  }
  return latest;
}

export async function sendLetterBeforeProceedings(db: Kysely<Database>, user: SignedInUser, childId: string, input: LetterBeforeProceedingsInput, today: string): Promise<string> {
  notInFuture(input.sentOn, today, 'sentOn', 'The date the letter was sent');
  return db.transaction().execute(async (tx) => {
    await notBeforeBirth(tx, childId, input.sentOn, 'sentOn', 'The date the letter was sent');
    const open = await repo.openPreProceedings(tx, childId);
    if (open) throw new RuleBroken(`Pre-proceedings are already under way: the letter before proceedings was sent on ${formatDate(open.letter_sent_on)}`, 'sentOn');
    const inProceedings = await repo.openProceedings(tx, childId);
    if (inProceedings) throw new RuleBroken(`Care proceedings are under way (issued ${formatDate(inProceedings.issued_on)}): a letter before proceedings comes before them`, 'sentOn');
    const decision = await decisionInForce(tx, childId, 'pre_proceedings', 'sentOn');
    const started = await repo.preProceedingsFrom(tx, decision.id);
    if (started) {
      throw new RuleBroken(
        `The legal planning meeting on ${formatDate(decision.held_on)} already led to pre-proceedings (letter sent ${formatDate(started.letter_sent_on)}): record a new legal planning meeting first`,
        'sentOn',
      );
    }
    if (input.sentOn < decision.held_on) {
      throw new RuleBroken(`The letter cannot be sent before the legal planning meeting that decided it (${formatDate(decision.held_on)})`, 'sentOn');
    }
    const id = randomUUID();
    await tx
      .insertInto('pre_proceedings')
      .values({ id, child_id: childId, legal_planning_meeting_id: decision.id, letter_sent_on: input.sentOn, recorded_by: user.id })
      .execute();
    await recordEvent(
      tx,
      {
        childId,
        type: 'pre-proceedings.started',
        occurredOn: input.sentOn,
        sourceTable: 'pre_proceedings',
        sourceId: id,
        scopeId: id,
        title: 'Letter before proceedings sent: pre-proceedings started',
        detail: `Decided at the legal planning meeting on ${formatDate(decision.held_on)}.`,
      },
      user.id,
    );
    return id;
  });
}

async function preProceedingsOfChild(db: Db, childId: string, id: string, options: { lock?: boolean } = {}) {
  const pre = await repo.findPreProceedings(db, id, options);
  if (!pre || pre.child_id !== childId) throw new NotFound('No pre-proceedings with that id for this child');
  return pre;
}

export async function recordPreProceedingsMeeting(
  db: Kysely<Database>,
  user: SignedInUser,
  childId: string,
  preProceedingsId: string,
  input: PreProceedingsMeetingInput,
  today: string,
): Promise<string> {
  notInFuture(input.heldOn, today, 'heldOn', 'The date of the meeting');
  return db.transaction().execute(async (tx) => {
    const pre = await preProceedingsOfChild(tx, childId, preProceedingsId);
    await notBeforeBirth(tx, childId, input.heldOn, 'heldOn', 'The date of the meeting');
    if (input.heldOn < pre.letter_sent_on) {
      throw new RuleBroken(`The meeting cannot be before the letter before proceedings was sent (${formatDate(pre.letter_sent_on)})`, 'heldOn');
    }
    if (pre.ended_on && input.heldOn > pre.ended_on) throw new RuleBroken(`Pre-proceedings ended on ${formatDate(pre.ended_on)}: a meeting after that is not part of them`, 'heldOn');
    const id = randomUUID();
    await tx
      .insertInto('pre_proceedings_meeting')
      .values({ id, pre_proceedings_id: pre.id, child_id: childId, held_on: input.heldOn, kind: input.kind, outcome: input.outcome, next_review_on: input.nextReviewOn, recorded_by: user.id })
      .execute();
    await recordEvent(
      tx,
      {
        childId,
        type: 'pre-proceedings.meeting',
        occurredOn: input.heldOn,
        sourceTable: 'pre_proceedings_meeting',
        sourceId: id,
        scopeId: pre.id,
        title: labelFor(PRE_PROCEEDINGS_MEETING_KIND, input.kind),
        detail: `${input.outcome}${input.nextReviewOn ? `\nNext review on ${formatDate(input.nextReviewOn)}.` : ''}`,
      },
      user.id,
    );
    return id;
  });
}

/** Ends pre-proceedings (inside the caller's transaction). */
async function closePreProceedings(tx: Db, actorId: string, pre: repo.PreProceedingsRow, endedOn: string, outcome: 'step_down' | 'issue_proceedings', reason: string) {
  const lastMeeting = await repo.lastPreProceedingsMeeting(tx, pre.id);
  if (endedOn < pre.letter_sent_on) throw new RuleBroken(`Pre-proceedings cannot end before the letter before proceedings was sent (${formatDate(pre.letter_sent_on)})`, 'endedOn');
  if (lastMeeting && endedOn < lastMeeting.held_on) {
    throw new RuleBroken(`Pre-proceedings cannot end before the meeting on ${formatDate(lastMeeting.held_on)} that is recorded in them`, 'endedOn');
  }
  await updateRecord(tx, 'pre_proceedings', pre.id, { ended_on: endedOn, outcome, end_reason: reason }, actorId);
  await recordEvent(
    tx,
    {
      childId: pre.child_id,
      type: 'pre-proceedings.ended',
      occurredOn: endedOn,
      sourceTable: 'pre_proceedings',
      sourceId: pre.id,
      scopeId: pre.id,
      title: `Pre-proceedings ended: ${outcome === 'step_down' ? 'stepped down' : 'care proceedings to be issued'}`,
      detail: reason,
    },
    actorId,
  );
}

export async function endPreProceedings(db: Kysely<Database>, user: SignedInUser, childId: string, preProceedingsId: string, input: PreProceedingsEndInput, today: string): Promise<void> {
  notInFuture(input.endedOn, today, 'endedOn', 'The date pre-proceedings ended');
  await db.transaction().execute(async (tx) => {
    const pre = await preProceedingsOfChild(tx, childId, preProceedingsId, { lock: true });
    if (pre.ended_on) throw new RuleBroken(`These pre-proceedings already ended on ${formatDate(pre.ended_on)}`);
    await closePreProceedings(tx, user.id, pre, input.endedOn, input.outcome, input.reason);
  });
}

// ---------------------------------------------------------------------------------------------
// Care proceedings
// ---------------------------------------------------------------------------------------------

/**
 * Issues care proceedings. They must follow a decision to issue: open pre-proceedings (which end
 * now), pre-proceedings that ended with that decision, or a legal planning meeting that made it.
 */
export async function issueProceedings(db: Kysely<Database>, user: SignedInUser, childId: string, input: IssueProceedingsInput, today: string): Promise<string> {
  notInFuture(input.issuedOn, today, 'issuedOn', 'The issue date');
  return db.transaction().execute(async (tx) => {
    await notBeforeBirth(tx, childId, input.issuedOn, 'issuedOn', 'The issue date');
    const open = await repo.openProceedings(tx, childId);
    if (open) throw new RuleBroken(`Care proceedings are already under way (issued ${formatDate(open.issued_on)}, case ${open.case_number})`, 'issuedOn');
    const id = randomUUID();
    let preProceedingsId: string | null = null;
    let legalPlanningMeetingId: string | null = null;
    const openPre = await repo.openPreProceedings(tx, childId, { lock: true });
    const decidedPre = openPre ? null : await repo.preProceedingsEndedForIssue(tx, childId);
    if (openPre) {
      if (input.issuedOn < openPre.letter_sent_on) {
        throw new RuleBroken(`Proceedings cannot be issued before the letter before proceedings was sent (${formatDate(openPre.letter_sent_on)})`, 'issuedOn');
      }
      // s.31ZA: an accepted family group meeting is held before the application (family-group.ts).
      await assertFgdmAllowsApplication(tx, openPre.id, input.issuedOn);
      await closePreProceedings(tx, user.id, openPre, input.issuedOn, 'issue_proceedings', 'Care proceedings issued');
      preProceedingsId = openPre.id;
    } else if (decidedPre) {
      if (input.issuedOn < decidedPre.ended_on!) {
        throw new RuleBroken(`Proceedings cannot be issued before pre-proceedings ended with the decision to issue them (${formatDate(decidedPre.ended_on!)})`, 'issuedOn');
      }
      await assertFgdmAllowsApplication(tx, decidedPre.id, input.issuedOn);
      preProceedingsId = decidedPre.id;
    } else {
      const decision = await decisionInForce(tx, childId, 'issue_proceedings', 'issuedOn');
      const issued = await repo.proceedingsFrom(tx, decision.id);
      if (issued) {
        throw new RuleBroken(
          `The legal planning meeting on ${formatDate(decision.held_on)} already led to proceedings (issued ${formatDate(issued.issued_on)}): record a new legal planning meeting first`,
          'issuedOn',
        );
      }
      if (input.issuedOn < decision.held_on) {
        throw new RuleBroken(`Proceedings cannot be issued before the legal planning meeting that decided to issue them (${formatDate(decision.held_on)})`, 'issuedOn');
      }
      legalPlanningMeetingId = decision.id;
    }
    await tx
      .insertInto('care_proceedings')
      .values({
        id,
        child_id: childId,
        legal_planning_meeting_id: legalPlanningMeetingId,
        pre_proceedings_id: preProceedingsId,
        issued_on: input.issuedOn,
        court: input.court,
        case_number: input.caseNumber,
        application_type: input.applicationType,
        first_hearing_on: input.firstHearingOn,
        letter_initiating_sent_on: input.letterInitiatingSentOn ?? null,
        recorded_by: user.id,
      })
      .execute();
    // Starts the 26-week clock in this proceedings' scope (src/clocks/rules.ts proceedings-26-weeks).
    await recordEvent(tx, { childId, type: 'proceedings.issued', sourceTable: 'care_proceedings', sourceId: id, scopeId: id, ...issueEvent(input) }, user.id);
    return id;
  });
}

export const issueEvent = (input: IssueProceedingsInput) => ({
  occurredOn: input.issuedOn,
  title: `Care proceedings issued: ${labelFor(APPLICATION_TYPE, input.applicationType)}`,
  detail: `${input.court}, case ${input.caseNumber}.${input.firstHearingOn ? ` First hearing on ${formatDate(input.firstHearingOn)}.` : ''}${input.letterInitiatingSentOn ? ` Letter initiating proceedings sent on ${formatDate(input.letterInitiatingSentOn)}.` : ''}`,
});

export async function proceedingsOfChildOrNotFound(db: Db, childId: string, id: string, options: { lock?: boolean } = {}) {
  const proceedings = await repo.findProceedings(db, id, options);
  if (!proceedings || proceedings.child_id !== childId) throw new NotFound('No care proceedings with that id for this child');
  return proceedings;
}

export function withinProceedings(proceedings: repo.ProceedingsRow, date: string, field: string, what: string) {
  if (date < proceedings.issued_on) throw new RuleBroken(`${what} cannot be before the application was issued (${formatDate(proceedings.issued_on)})`, field);
  if (proceedings.concluded_on && date > proceedings.concluded_on) {
    throw new RuleBroken(`The proceedings concluded on ${formatDate(proceedings.concluded_on)}: ${midSentence(what)} after that is not part of them`, field);
  }
}

export const hearingEvent = (input: HearingInput) => ({
  occurredOn: input.heardOn,
  title: labelFor(HEARING_TYPE, input.hearingType),
  detail: `${input.outcome}${input.nextHearingOn ? `\nNext hearing on ${formatDate(input.nextHearingOn)}.` : ''}`,
});

export const orderEvent = (input: OrderInput) => ({ occurredOn: input.madeOn, title: labelFor(ORDER_TYPE, input.orderType), detail: input.note });

export async function recordHearing(db: Kysely<Database>, user: SignedInUser, childId: string, proceedingsId: string, input: HearingInput, today: string): Promise<string> {
  notInFuture(input.heardOn, today, 'heardOn', 'The date of the hearing');
  return db.transaction().execute(async (tx) => {
    const proceedings = await proceedingsOfChildOrNotFound(tx, childId, proceedingsId);
    await notBeforeBirth(tx, childId, input.heardOn, 'heardOn', 'The date of the hearing');
    withinProceedings(proceedings, input.heardOn, 'heardOn', 'A hearing');
    const id = randomUUID();
    await tx
      .insertInto('court_hearing')
      .values({ id, proceedings_id: proceedingsId, child_id: childId, heard_on: input.heardOn, hearing_type: input.hearingType, outcome: input.outcome, next_hearing_on: input.nextHearingOn, recorded_by: user.id })
      .execute();
    await recordEvent(tx, { childId, type: 'proceedings.hearing', sourceTable: 'court_hearing', sourceId: id, scopeId: proceedingsId, ...hearingEvent(input) }, user.id);
    return id;
  });
}

export async function recordOrder(db: Kysely<Database>, user: SignedInUser, childId: string, proceedingsId: string, input: OrderInput, today: string): Promise<string> {
  notInFuture(input.madeOn, today, 'madeOn', 'The date of the order');
  return db.transaction().execute(async (tx) => {
    const proceedings = await proceedingsOfChildOrNotFound(tx, childId, proceedingsId);
    await notBeforeBirth(tx, childId, input.madeOn, 'madeOn', 'The date of the order');
    withinProceedings(proceedings, input.madeOn, 'madeOn', 'An order');
    const id = randomUUID();
    await tx
      .insertInto('court_order')
      .values({ id, proceedings_id: proceedingsId, child_id: childId, made_on: input.madeOn, order_type: input.orderType, note: input.note, recorded_by: user.id })
      .execute();
    await recordEvent(tx, { childId, type: 'proceedings.order', sourceTable: 'court_order', sourceId: id, scopeId: proceedingsId, ...orderEvent(input) }, user.id);
    return id;
  });
}

export async function concludeProceedings(db: Kysely<Database>, user: SignedInUser, childId: string, proceedingsId: string, input: ConclusionInput, today: string): Promise<void> {
  notInFuture(input.concludedOn, today, 'concludedOn', 'The date the proceedings concluded');
  await db.transaction().execute(async (tx) => {
    const proceedings = await proceedingsOfChildOrNotFound(tx, childId, proceedingsId, { lock: true });
    if (proceedings.concluded_on) throw new RuleBroken(`These proceedings already concluded on ${formatDate(proceedings.concluded_on)}`);
    if (input.concludedOn < proceedings.issued_on) {
      throw new RuleBroken(`Proceedings cannot conclude before they were issued (${formatDate(proceedings.issued_on)})`, 'concludedOn');
    }
    const last = await repo.lastCourtDate(tx, proceedingsId);
    if (last && input.concludedOn < last.date) {
      throw new RuleBroken(`Proceedings cannot conclude before the ${last.what} on ${formatDate(last.date)} that is recorded in them`, 'concludedOn');
    }
    await updateRecord(tx, 'care_proceedings', proceedingsId, { concluded_on: input.concludedOn, conclusion: input.conclusion }, user.id);
    const weeks = Math.floor(daysBetween(proceedings.issued_on, input.concludedOn) / 7) + 1;
    await recordEvent(
      tx,
      {
        childId,
        type: 'proceedings.concluded',
        occurredOn: input.concludedOn,
        sourceTable: 'care_proceedings',
        sourceId: proceedingsId,
        scopeId: proceedingsId,
        title: `Care proceedings concluded in week ${weeks}`,
        detail: input.conclusion,
      },
      user.id,
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/** Weeks since a date, counting the first week as week 0 (age) and today as day 0. */
export const weeksSince = (from: string, today: string) => Math.floor(daysBetween(from, today) / 7);

/**
 * What comes next, from what the record holds: a hearing while proceedings are open, a meeting while
 * pre-proceedings are, or the step a legal planning meeting decided on that has not followed yet.
 */
export type NextStep = 'hearing' | 'pre-proceedings-meeting' | 'letter' | 'issue' | null;

function nextStepOf(
  meetings: readonly { id: string; decision: string }[],
  pres: readonly { id: string; ended_on: string | null; outcome: string | null; legal_planning_meeting_id: string }[],
  proceedings: readonly { concluded_on: string | null; pre_proceedings_id: string | null; legal_planning_meeting_id: string | null }[],
): NextStep {
  if (proceedings.some((p) => !p.concluded_on)) return 'hearing';
  if (pres.some((p) => !p.ended_on)) return 'pre-proceedings-meeting';
  if (pres.some((p) => p.outcome === 'issue_proceedings' && !proceedings.some((c) => c.pre_proceedings_id === p.id))) return 'issue';
  const latest = meetings[0];
  if (latest?.decision === 'pre_proceedings' && !pres.some((p) => p.legal_planning_meeting_id === latest.id)) return 'letter';
  if (latest?.decision === 'issue_proceedings' && !proceedings.some((c) => c.legal_planning_meeting_id === latest.id)) return 'issue';
  return null;
}

/** The child's legal planning, pre-proceedings and proceedings, newest first, with the 26-week date. */
export async function proceedingsOfChild(db: Db, childId: string, today: string) {
  const [meetings, pres, proceedings] = await Promise.all([repo.legalPlanningMeetingsOf(db, childId), repo.preProceedingsOf(db, childId), repo.proceedingsOf(db, childId)]);
  const [preMeetings, hearings, orders, clocks] = await Promise.all([
    repo.preProceedingsMeetingsOf(db, pres.map((p) => p.id)),
    repo.hearingsOf(db, proceedings.map((p) => p.id)),
    repo.ordersOf(db, proceedings.map((p) => p.id)),
    repo.proceedingsClocks(db, proceedings.map((p) => p.id)),
  ]);
  return {
    legalPlanningMeetings: meetings.map((m) => ({ ...m, decisionLabel: labelFor(LEGAL_PLANNING_DECISION, m.decision) })),
    preProceedings: pres.map((p) => ({
      ...p,
      outcomeLabel: p.outcome ? labelFor(PRE_PROCEEDINGS_OUTCOME, p.outcome) : null,
      weeks: weeksSince(p.letter_sent_on, p.ended_on ?? today),
      meetings: preMeetings.filter((m) => m.pre_proceedings_id === p.id).map((m) => ({ ...m, kindLabel: labelFor(PRE_PROCEEDINGS_MEETING_KIND, m.kind) })),
    })),
    proceedings: proceedings.map((p) => {
      const clock = clocks.find((c) => c.scope_id === p.id);
      const end = p.concluded_on ?? today;
      return {
        ...p,
        applicationLabel: labelFor(APPLICATION_TYPE, p.application_type) ?? p.application_type,
        dueOn: clock?.due_on ?? null,
        week: Math.floor(daysBetween(p.issued_on, end) / 7) + 1,
        late: clock ? (p.concluded_on ? p.concluded_on > clock.due_on : today > clock.due_on) : false,
        hearings: hearings.filter((h) => h.proceedings_id === p.id).map((h) => ({ ...h, typeLabel: labelFor(HEARING_TYPE, h.hearing_type) ?? h.hearing_type })),
        orders: orders.filter((o) => o.proceedings_id === p.id).map((o) => ({ ...o, typeLabel: labelFor(ORDER_TYPE, o.order_type) ?? o.order_type })),
      };
    }),
    nextStep: nextStepOf(meetings, pres, proceedings),
  };
}


// An episode cannot close while the child is in pre-proceedings or proceedings.
registerClosureCheck(async (db, episodeId) => {
  const episode = await db.selectFrom('cin_episode').select('child_id').where('id', '=', episodeId).executeTakeFirst();
  if (!episode) return;
  const pre = await repo.openPreProceedings(db, episode.child_id);
  if (pre) throw new RuleBroken(`End pre-proceedings (started ${formatDate(pre.letter_sent_on)}) before closing the episode`, 'closedOn');
  const proceedings = await repo.openProceedings(db, episode.child_id);
  if (proceedings) throw new RuleBroken(`Record the conclusion of the care proceedings (issued ${formatDate(proceedings.issued_on)}) before closing the episode`, 'closedOn');
});
