// Pre-proceedings and care proceedings under the Public Law Outline: the legal planning meeting and
// its decision, the letter before proceedings, pre-proceedings meetings and reviews, the decision to
// end them, issue (which starts the 26-week clock of Children Act 1989 s.32), hearings, orders and
// conclusion. Each step must follow the one before it. Seed requirements §1.7 PL-01, PL-04, PL-09.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import { mayChangeChild, requireChangeChild, requireSeeChild, type SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { addClosureCheck } from '../episodes/service.ts';
import { daysBetween } from '../calendar/index.ts';
import { labelFor } from '../codes/index.ts';
import { formatDate } from '../server/format.ts';
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

export const PROCEEDINGS_RULE_ID = 'proceedings-26-weeks';

const SHORT_DECISION: Record<string, string> = {
  pre_proceedings: 'enter pre-proceedings',
  issue_proceedings: 'issue care proceedings',
  neither: 'neither pre-proceedings nor proceedings',
};

async function childForRecord(db: Db, childId: string) {
  const child = await db.selectFrom('person').select(['id', 'kind']).where('id', '=', childId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!child || child.kind === 'adult') throw new NotFound('No child with that id');
  return child;
}

const notInFuture = (date: string, today: string, field: string, what: string) => {
  if (date > today) throw new RuleBroken(`${what} cannot be in the future: record it once it has happened`, field);
};

// ---------------------------------------------------------------------------------------------
// Legal planning meetings
// ---------------------------------------------------------------------------------------------

export async function recordLegalPlanningMeeting(db: Kysely<Database>, user: SignedInUser, childId: string, input: LegalPlanningMeetingInput, today: string): Promise<string> {
  await requireChangeChild(db, user, childId);
  notInFuture(input.heldOn, today, 'heldOn', 'The date of the meeting');
  return db.transaction().execute(async (tx) => {
    await childForRecord(tx, childId);
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
  await requireChangeChild(db, user, childId);
  notInFuture(input.sentOn, today, 'sentOn', 'The date the letter was sent');
  return db.transaction().execute(async (tx) => {
    await childForRecord(tx, childId);
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
  await requireChangeChild(db, user, childId);
  notInFuture(input.heldOn, today, 'heldOn', 'The date of the meeting');
  return db.transaction().execute(async (tx) => {
    const pre = await preProceedingsOfChild(tx, childId, preProceedingsId);
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
  await requireChangeChild(db, user, childId);
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
  await requireChangeChild(db, user, childId);
  notInFuture(input.issuedOn, today, 'issuedOn', 'The issue date');
  return db.transaction().execute(async (tx) => {
    await childForRecord(tx, childId);
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
      await closePreProceedings(tx, user.id, openPre, input.issuedOn, 'issue_proceedings', 'Care proceedings issued');
      preProceedingsId = openPre.id;
    } else if (decidedPre) {
      if (input.issuedOn < decidedPre.ended_on!) {
        throw new RuleBroken(`Proceedings cannot be issued before pre-proceedings ended with the decision to issue them (${formatDate(decidedPre.ended_on!)})`, 'issuedOn');
      }
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
        recorded_by: user.id,
      })
      .execute();
    // Starts the 26-week clock in this proceedings' scope (src/clocks/rules.ts proceedings-26-weeks).
    await recordEvent(
      tx,
      {
        childId,
        type: 'proceedings.issued',
        occurredOn: input.issuedOn,
        sourceTable: 'care_proceedings',
        sourceId: id,
        scopeId: id,
        title: `Care proceedings issued: ${labelFor(APPLICATION_TYPE, input.applicationType)}`,
        detail: `${input.court}, case ${input.caseNumber}.${input.firstHearingOn ? ` First hearing on ${formatDate(input.firstHearingOn)}.` : ''}`,
      },
      user.id,
    );
    return id;
  });
}

async function proceedingsOfChildOrNotFound(db: Db, childId: string, id: string, options: { lock?: boolean } = {}) {
  const proceedings = await repo.findProceedings(db, id, options);
  if (!proceedings || proceedings.child_id !== childId) throw new NotFound('No care proceedings with that id for this child');
  return proceedings;
}

function withinProceedings(proceedings: repo.ProceedingsRow, date: string, field: string, what: string) {
  if (date < proceedings.issued_on) throw new RuleBroken(`${what} cannot be before the application was issued (${formatDate(proceedings.issued_on)})`, field);
  if (proceedings.concluded_on && date > proceedings.concluded_on) {
    throw new RuleBroken(`The proceedings concluded on ${formatDate(proceedings.concluded_on)}: ${what.toLowerCase()} after that is not part of them`, field);
  }
}

export async function recordHearing(db: Kysely<Database>, user: SignedInUser, childId: string, proceedingsId: string, input: HearingInput, today: string): Promise<string> {
  await requireChangeChild(db, user, childId);
  notInFuture(input.heardOn, today, 'heardOn', 'The date of the hearing');
  return db.transaction().execute(async (tx) => {
    const proceedings = await proceedingsOfChildOrNotFound(tx, childId, proceedingsId);
    withinProceedings(proceedings, input.heardOn, 'heardOn', 'A hearing');
    const id = randomUUID();
    await tx
      .insertInto('court_hearing')
      .values({ id, proceedings_id: proceedingsId, child_id: childId, heard_on: input.heardOn, hearing_type: input.hearingType, outcome: input.outcome, next_hearing_on: input.nextHearingOn, recorded_by: user.id })
      .execute();
    await recordEvent(
      tx,
      {
        childId,
        type: 'proceedings.hearing',
        occurredOn: input.heardOn,
        sourceTable: 'court_hearing',
        sourceId: id,
        scopeId: proceedingsId,
        title: labelFor(HEARING_TYPE, input.hearingType),
        detail: `${input.outcome}${input.nextHearingOn ? `\nNext hearing on ${formatDate(input.nextHearingOn)}.` : ''}`,
      },
      user.id,
    );
    return id;
  });
}

export async function recordOrder(db: Kysely<Database>, user: SignedInUser, childId: string, proceedingsId: string, input: OrderInput, today: string): Promise<string> {
  await requireChangeChild(db, user, childId);
  notInFuture(input.madeOn, today, 'madeOn', 'The date of the order');
  return db.transaction().execute(async (tx) => {
    const proceedings = await proceedingsOfChildOrNotFound(tx, childId, proceedingsId);
    withinProceedings(proceedings, input.madeOn, 'madeOn', 'An order');
    const id = randomUUID();
    await tx
      .insertInto('court_order')
      .values({ id, proceedings_id: proceedingsId, child_id: childId, made_on: input.madeOn, order_type: input.orderType, note: input.note, recorded_by: user.id })
      .execute();
    await recordEvent(
      tx,
      { childId, type: 'proceedings.order', occurredOn: input.madeOn, sourceTable: 'court_order', sourceId: id, scopeId: proceedingsId, title: labelFor(ORDER_TYPE, input.orderType), detail: input.note },
      user.id,
    );
    return id;
  });
}

export async function concludeProceedings(db: Kysely<Database>, user: SignedInUser, childId: string, proceedingsId: string, input: ConclusionInput, today: string): Promise<void> {
  await requireChangeChild(db, user, childId);
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

/** The child's legal planning, pre-proceedings and proceedings, newest first, with the 26-week date. */
export async function proceedingsOfChild(db: Db, user: SignedInUser, childId: string, today: string) {
  await requireSeeChild(db, user, childId);
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
    mayChange: await mayChangeChild(db, user, childId),
  };
}

export interface TrackerRow {
  childId: string;
  childName: string;
  laChildId: string | null;
  stage: 'proceedings' | 'pre-proceedings' | 'letter-to-send' | 'proceedings-to-issue';
  stageLabel: string;
  startedOn: string;
  ageWeeks: number;
  legalPlanningMeeting: { heldOn: string; decision: string } | null;
  lastStep: { what: string; on: string } | null;
  nextStep: { what: string; on: string | null; overdue: boolean };
  /** Proceedings: the last day of the 26 weeks, and whole weeks left (negative once past). */
  dueOn: string | null;
  weeksToDue: number | null;
  caseNumber: string | null;
  allocatedTo: string[];
  overdueActions: number;
}

const STAGE_LABELS: Record<TrackerRow['stage'], string> = {
  proceedings: 'Care proceedings',
  'pre-proceedings': 'Pre-proceedings',
  'letter-to-send': 'Decided: letter before proceedings not yet sent',
  'proceedings-to-issue': 'Decided: proceedings not yet issued',
};

/**
 * Every child the user may see who is in pre-proceedings or proceedings, or whose latest legal
 * planning meeting decided on either and nothing has happened yet: what stage, since when, what
 * happened last and what is next (Newham 2020 F9: the tracker missed key information; Southend
 * 2016 ¶52: drift in issuing).
 */
export async function tracker(db: Db, user: SignedInUser, today: string): Promise<TrackerRow[]> {
  const [proceedings, pres, pending] = await Promise.all([repo.openProceedingsVisible(db, user), repo.openPreProceedingsVisible(db, user), repo.pendingDecisionsVisible(db, user)]);
  const rows = new Map<string, TrackerRow>();
  const base = (c: { child_id: string; first_name: string; last_name: string; la_child_id: string | null }) => ({
    childId: c.child_id,
    childName: `${c.first_name} ${c.last_name}`,
    laChildId: c.la_child_id,
    allocatedTo: [] as string[],
    overdueActions: 0,
  });
  const hearings = await repo.hearingsOf(db, proceedings.map((p) => p.id));
  const clocks = await repo.proceedingsClocks(db, proceedings.map((p) => p.id));
  const lpms = await repo.latestLegalPlanningMeetings(db, [...new Set([...proceedings, ...pres, ...pending].map((r) => r.child_id))]);
  const lpmOf = (childId: string) => {
    const m = lpms.find((l) => l.child_id === childId);
    return m ? { heldOn: m.held_on, decision: labelFor(LEGAL_PLANNING_DECISION, m.decision) ?? m.decision } : null;
  };
  for (const p of proceedings) {
    const own = hearings.filter((h) => h.proceedings_id === p.id);
    const last = own[own.length - 1];
    const nextOn = last ? last.next_hearing_on : p.first_hearing_on;
    const dueOn = clocks.find((c) => c.scope_id === p.id)?.due_on ?? null;
    rows.set(p.child_id, {
      ...base(p),
      stage: 'proceedings',
      stageLabel: STAGE_LABELS.proceedings,
      startedOn: p.issued_on,
      ageWeeks: weeksSince(p.issued_on, today),
      legalPlanningMeeting: lpmOf(p.child_id),
      lastStep: last ? { what: labelFor(HEARING_TYPE, last.hearing_type) ?? last.hearing_type, on: last.heard_on } : { what: 'Application issued', on: p.issued_on },
      nextStep: nextOn ? { what: 'Next hearing', on: nextOn, overdue: nextOn < today } : { what: 'Record the date of the next hearing', on: null, overdue: false },
      dueOn,
      weeksToDue: dueOn ? Math.floor(daysBetween(today, dueOn) / 7) : null,
      caseNumber: p.case_number,
    });
  }
  const preMeetings = await repo.preProceedingsMeetingsOf(db, pres.map((p) => p.id));
  for (const p of pres) {
    if (rows.has(p.child_id)) continue;
    const own = preMeetings.filter((m) => m.pre_proceedings_id === p.id);
    const last = own[own.length - 1];
    const nextStep = !last
      ? { what: 'Hold the pre-proceedings meeting', on: null, overdue: false }
      : last.next_review_on
        ? { what: 'Pre-proceedings review', on: last.next_review_on, overdue: last.next_review_on < today }
        : { what: 'Set the date of the next review', on: null, overdue: false };
    rows.set(p.child_id, {
      ...base(p),
      stage: 'pre-proceedings',
      stageLabel: STAGE_LABELS['pre-proceedings'],
      startedOn: p.letter_sent_on,
      ageWeeks: weeksSince(p.letter_sent_on, today),
      legalPlanningMeeting: lpmOf(p.child_id),
      lastStep: last ? { what: labelFor(PRE_PROCEEDINGS_MEETING_KIND, last.kind), on: last.held_on } : { what: 'Letter before proceedings sent', on: p.letter_sent_on },
      nextStep,
      dueOn: null,
      weeksToDue: null,
      caseNumber: null,
    });
  }
  for (const m of pending) {
    if (rows.has(m.child_id)) continue;
    const stage = m.decision === 'pre_proceedings' ? 'letter-to-send' : 'proceedings-to-issue';
    rows.set(m.child_id, {
      ...base(m),
      stage,
      stageLabel: STAGE_LABELS[stage],
      startedOn: m.held_on,
      ageWeeks: weeksSince(m.held_on, today),
      legalPlanningMeeting: { heldOn: m.held_on, decision: labelFor(LEGAL_PLANNING_DECISION, m.decision) ?? m.decision },
      lastStep: { what: 'Legal planning meeting', on: m.held_on },
      nextStep: { what: stage === 'letter-to-send' ? 'Send the letter before proceedings' : 'Issue the application', on: null, overdue: false },
      dueOn: null,
      weeksToDue: null,
      caseNumber: null,
    });
  }
  const childIds = [...rows.keys()];
  const [workers, overdue] = await Promise.all([repo.allocatedWorkers(db, childIds), repo.overdueActionCounts(db, childIds, today)]);
  for (const row of rows.values()) {
    row.allocatedTo = workers.filter((w) => w.child_id === row.childId).map((w) => w.display_name);
    row.overdueActions = overdue.find((o) => o.child_id === row.childId)?.n ?? 0;
  }
  const order: TrackerRow['stage'][] = ['proceedings', 'pre-proceedings', 'proceedings-to-issue', 'letter-to-send'];
  return [...rows.values()].sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage) || a.startedOn.localeCompare(b.startedOn) || a.childName.localeCompare(b.childName));
}

// An episode cannot close while the child is in pre-proceedings or proceedings.
addClosureCheck(async (db, episodeId) => {
  const episode = await db.selectFrom('cin_episode').select('child_id').where('id', '=', episodeId).executeTakeFirst();
  if (!episode) return;
  const pre = await repo.openPreProceedings(db, episode.child_id);
  if (pre) throw new RuleBroken(`End pre-proceedings (started ${formatDate(pre.letter_sent_on)}) before closing the episode`, 'closedOn');
  const proceedings = await repo.openProceedings(db, episode.child_id);
  if (proceedings) throw new RuleBroken(`Record the conclusion of the care proceedings (issued ${formatDate(proceedings.issued_on)}) before closing the episode`, 'closedOn');
});
