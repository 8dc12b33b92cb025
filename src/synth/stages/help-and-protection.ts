// The help-and-protection journey, following each child's service periods (families.ts) so that
// the record, the allocations and the figures agree: contacts and threshold decisions, early help
// episodes (with step-ups and step-downs), child-in-need episodes from referral to closure,
// assessments, strategy discussions, section 47 enquiries, conferences, CP and CIN plans with their
// meetings and visits, and a few pre-proceedings and care proceedings.
//
// Practice is not perfect, on purpose: about 10% of contact decisions take longer than a working
// day, about 15% of assessments run past 45 working days (with a delay reason), about a quarter of
// ICPCs miss 15 working days, some reviews, core groups and visits are late, and some records are
// written days after the event. Later performance measures have something true to find.
import type { Insertable } from 'kysely';
import { addWorkingDays, isWorkingDay } from '../../calendar/index.ts';
import type { Database } from '../../db/schema.ts';
import type { ChildEventTable } from '../../db/schema.ts';
import type { CaseService, ServicePeriod, SynthChild, SynthContext, SynthWorker, TeamService } from '../context.ts';
import { dayOf, isoOf } from '../dates.ts';
import type { Stage } from '../stages.ts';

type Row<T extends keyof Database> = Insertable<Database[T]>;

const SOURCES: readonly (readonly [string, number])[] = [
  ['6', 28], ['2A', 18], ['3B', 5], ['3A', 4], ['3E', 4], ['3F', 3], ['1A', 7], ['1B', 3], ['1C', 2], ['5A', 3], ['5B', 3], ['5D', 4], ['4', 3], ['8', 5], ['9', 2], ['7', 3], ['10', 2],
];
const RISKS = ['DOMESTIC_ABUSE', 'NEGLECT', 'PHYSICAL_HARM', 'SEXUAL_HARM', 'EXPLOITATION', 'PARENT_MENTAL_HEALTH', 'SUBSTANCE_MISUSE', 'MISSING', 'SELF_HARM'] as const;
const WORRIES = [
  'School report the child arrived hungry and unkempt several days running.',
  'Police attended a domestic incident at the home; the child was present.',
  'Health visitor concerned about the home conditions and the baby’s weight.',
  'Neighbour heard shouting and a child crying late at night.',
  'The child told a teacher they are frightened to go home.',
  'Parent asked for help: struggling with the child’s behaviour.',
  'A&E attendance with an injury the explanation did not fit.',
  'The young person has been missing overnight twice this month.',
];
const CATEGORIES: readonly (readonly [string, number])[] = [['NEG', 50], ['EMO', 34], ['PHY', 7], ['SAB', 4], ['MUL', 5]];
const FACTORS = ['1B', '2B', '3A', '3B', '4B', '4A', '5B', '6B', '10A', '11A', '14A', '15A', '16A', '17A', '18C', '24A'];
const DELAY_REASONS = [
  'Waiting for information from health.',
  'The family cancelled two planned visits.',
  'Worker changed during the assessment.',
  'Waiting for the police to share information.',
  'Staff shortage in the team; the assessment was reallocated.',
];
const CIN_ASSESSMENT_NFA = ['RC8', 'RC8', 'RC8', 'RC7', 'RC5'];

/** Who took part, as the protection tables store it. */
const agencies = (codes: readonly string[]): string => JSON.stringify(codes.map((agency) => ({ agency, names: null })));

/** Day number `n` working days after `day` (n may be negative: before it). */
function wd(day: number, n: number): number {
  if (n >= 0) return dayOf(addWorkingDays(isoOf(day), n));
  let d = day;
  let left = -n;
  while (left > 0) {
    d--;
    if (isWorkingDay(isoOf(d))) left--;
  }
  return d;
}

/** Working days from `a` to `b` (b after a). */
function wdBetween(a: number, b: number): number {
  let n = 0;
  for (let d = a + 1; d <= b; d++) if (isWorkingDay(isoOf(d))) n++;
  return n;
}

interface Run {
  periods: ServicePeriod[];
  from: number;
  to: number | null;
}

/** Consecutive social care periods (assessment, safeguarding, care) make one episode of need. */
function runsOf(periods: readonly ServicePeriod[]): { runs: Run[]; earlyHelp: ServicePeriod[] } {
  const runs: Run[] = [];
  const earlyHelp: ServicePeriod[] = [];
  for (const p of [...periods].sort((a, b) => a.from - b.from)) {
    if (p.service === 'early-help') {
      earlyHelp.push(p);
      continue;
    }
    if (p.service === 'leaving-care') continue;
    const last = runs.at(-1);
    if (last && last.to !== null && p.from <= last.to + 1) {
      last.periods.push(p);
      last.to = p.to;
    } else runs.push({ periods: [p], from: p.from, to: p.to });
  }
  return { runs, earlyHelp };
}

class Journey {
  readonly rows = {
    contact: [] as Row<'contact'>[],
    contact_decision: [] as Row<'contact_decision'>[],
    referrer_feedback: [] as Row<'referrer_feedback'>[],
    contact_second_look: [] as Row<'contact_second_look'>[],
    cin_episode: [] as Row<'cin_episode'>[],
    early_help_episode: [] as Row<'early_help_episode'>[],
    early_help_assessment: [] as Row<'early_help_assessment'>[],
    early_help_meeting: [] as Row<'early_help_meeting'>[],
    early_help_handover: [] as Row<'early_help_handover'>[],
    assessment: [] as Row<'assessment'>[],
    plan: [] as Row<'plan'>[],
    strategy_discussion: [] as Row<'strategy_discussion'>[],
    s47_enquiry: [] as Row<'s47_enquiry'>[],
    child_protection_conference: [] as Row<'child_protection_conference'>[],
    core_group_meeting: [] as Row<'core_group_meeting'>[],
    cin_meeting: [] as Row<'cin_meeting'>[],
    visit: [] as Row<'visit'>[],
    legal_planning_meeting: [] as Row<'legal_planning_meeting'>[],
    pre_proceedings: [] as Row<'pre_proceedings'>[],
    care_proceedings: [] as Row<'care_proceedings'>[],
    court_hearing: [] as Row<'court_hearing'>[],
    court_order: [] as Row<'court_order'>[],
  };
  readonly events: Insertable<ChildEventTable>[] = [];
  readonly #ctx: SynthContext;
  readonly #T: number;
  readonly #socialWorker = new Map<string, { workerId: string; from: number; to: number | null }[]>();

  constructor(ctx: SynthContext) {
    this.#ctx = ctx;
    this.#T = ctx.todayDay;
    for (const a of ctx.council.allocations) {
      if (a.role !== 'social_worker') continue;
      let list = this.#socialWorker.get(a.childId);
      if (!list) this.#socialWorker.set(a.childId, (list = []));
      list.push({ workerId: a.workerId, from: a.from, to: a.to });
    }
  }

  get rng() {
    return this.#ctx.rng;
  }

  /** The child's allocated worker on the day, or someone from the service. */
  worker(child: SynthChild, service: TeamService, day: number): SynthWorker {
    const held = this.#socialWorker.get(child.id)?.find((a) => a.from <= day && (a.to === null || a.to >= day));
    if (held) return this.#ctx.council.worker(held.workerId);
    return this.#ctx.council.workerOn(this.rng, service, day);
  }

  /** When the row was written: mostly the same day, sometimes days later (late recording). */
  stamp(day: number): Date {
    const r = this.rng.next();
    return this.#ctx.stamp(day, r < 0.75 ? 0 : r < 0.92 ? 3 : 20);
  }

  event(child: SynthChild, type: Parameters<SynthContext['eventRow']>[0]['type'], day: number, sourceTable: string, sourceId: string, scopeId: string | null, title: string, recordedBy: string, recordedAt: Date): void {
    this.events.push(this.#ctx.eventRow({ childId: child.id, type, occurredOn: day, sourceTable, sourceId, scopeId, title, recordedBy, recordedAt }));
  }

  // ---- front door --------------------------------------------------------------------------

  /** A contact decided on `decidedOn` (received earlier, usually within a working day). */
  contact(child: SynthChild, decidedOn: number, outcome: 'NFA' | 'ADVICE' | 'EARLY_HELP' | 'REFERRAL' | 'STRATEGY', links: { cin?: string; eh?: string } = {}): string {
    const rng = this.rng;
    const late = rng.chance(0.1);
    let received = late ? wd(decidedOn, -rng.int(2, 5)) : rng.chance(0.55) ? decidedOn : wd(decidedOn, -1);
    received = Math.max(received, child.dateOfBirth, this.#ctx.goLiveDay - 30);
    if (received > decidedOn) received = decidedOn;
    const id = rng.uuid();
    const handler = this.#ctx.council.workerOn(rng, 'front-door', received);
    const manager = this.#ctx.council.managerOf(handler);
    const noService = outcome === 'NFA' || outcome === 'ADVICE';
    const risks = noService
      ? rng.chance(0.18) ? [rng.pick(RISKS)] : []
      : rng.chance(0.8) ? [...new Set([rng.pick(RISKS), rng.pick(RISKS)])].slice(0, rng.int(1, 2)) : [];
    const receivedAt = this.stamp(received);
    const source = rng.weighted(SOURCES);
    this.rows.contact.push({
      id,
      child_id: child.id,
      received_on: isoOf(received),
      received_time: `${String(rng.int(8, 18)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`,
      source,
      referrer_name: source === '9' ? null : 'A. Referrer',
      referrer_role: null,
      referrer_agency: null,
      referrer_phone: null,
      worry: rng.pick(WORRIES),
      risk_indicators: JSON.stringify(risks),
      submitted_online: false,
      consent: rng.weighted([['GIVEN', 60], ['NOT_GIVEN', 10], ['NOT_SOUGHT', 15], ['UNKNOWN', 15]] as const),
      recorded_by: handler.id,
      recorded_at: receivedAt,
    });
    this.event(child, 'contact.received', received, 'contact', id, id, 'Contact received', handler.id, receivedAt);
    const decisionId = rng.uuid();
    const decidedAt = this.stamp(decidedOn);
    this.rows.contact_decision.push({
      id: decisionId,
      contact_id: id,
      decided_on: isoOf(decidedOn),
      decided_time: `${String(rng.int(9, 17)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`,
      outcome,
      rationale: noService ? 'Worries are being met by universal services; no further action needed.' : 'Threshold met for the service decided.',
      cin_episode_id: links.cin ?? null,
      early_help_episode_id: links.eh ?? null,
      recorded_by: manager,
      recorded_at: decidedAt,
    });
    this.event(child, 'contact.decided', decidedOn, 'contact_decision', decisionId, id, `Contact decision: ${outcome}`, manager, decidedAt);
    if (rng.chance(0.8)) {
      const informed = Math.min(this.#T, decidedOn + rng.skewed(0, 10, 2.5));
      const fid = rng.uuid();
      const at = this.stamp(informed);
      this.rows.referrer_feedback.push({ id: fid, contact_id: id, informed_on: isoOf(informed), method: rng.pick(['PHONE', 'EMAIL', 'LETTER']), note: null, recorded_by: handler.id, recorded_at: at });
      this.event(child, 'contact.referrer-informed', informed, 'referrer_feedback', fid, id, 'Referrer told the outcome', handler.id, at);
    }
    // Some no-service decisions with risk recorded get a second look; others are still waiting.
    if (noService && risks.length > 0 && rng.chance(0.6)) {
      const reviewed = Math.min(this.#T, wd(decidedOn, rng.int(1, 10)));
      const sid = rng.uuid();
      const change = rng.chance(0.15);
      const reviewer = this.#ctx.council.workerOn(rng, 'front-door', reviewed);
      const at = this.stamp(reviewed);
      this.rows.contact_second_look.push({
        id: sid,
        contact_id: id,
        reviewed_on: isoOf(reviewed),
        reviewer_id: reviewer.id,
        conclusion: change ? 'CHANGE' : 'AGREE',
        new_outcome: change ? 'ADVICE' : null,
        notes: change ? 'Advice should have been given to the family.' : 'Agree: the risk recorded is being managed by universal services.',
        recorded_by: reviewer.id,
        recorded_at: at,
      });
      this.event(child, 'contact.second-look', reviewed, 'contact_second_look', sid, id, 'Second look at a contact decision', reviewer.id, at);
    }
    return id;
  }

  // ---- early help --------------------------------------------------------------------------

  earlyHelp(child: SynthChild, p: ServicePeriod, steppedDownFrom: string | null, stepsUpTo: { cinId: string; day: number } | null): string {
    const rng = this.rng;
    const id = rng.uuid();
    const lead = this.worker(child, 'early-help', p.from);
    let contactId: string | null = null;
    if (!steppedDownFrom) contactId = this.contact(child, p.from, 'EARLY_HELP', { eh: id });
    const end = p.to;
    const at = this.stamp(p.from);
    const endReason = end === null ? null : stepsUpTo ? 'STEPPED_UP' : rng.weighted([['NEEDS_MET', 60], ['DECLINED', 15], ['MOVED', 8], ['UNIVERSAL', 12], ['OTHER', 5]] as const);
    this.rows.early_help_episode.push({
      id,
      child_id: child.id,
      started_on: isoOf(p.from),
      origin: steppedDownFrom ? 'STEP_DOWN' : 'CONTACT',
      contact_id: contactId,
      stepped_down_from: steppedDownFrom,
      lead_user_id: lead.id,
      lead_name: lead.displayName,
      lead_agency: 'EARLY_HELP',
      ended_on: end === null ? null : isoOf(end),
      end_reason: endReason,
      recorded_by: lead.id,
      recorded_at: at,
    });
    this.event(child, steppedDownFrom ? 'early-help.stepped-down' : 'early-help.started', p.from, 'early_help_episode', id, id, steppedDownFrom ? 'Stepped down to early help' : 'Early help started', lead.id, at);
    if (steppedDownFrom) {
      const hid = rng.uuid();
      this.rows.early_help_handover.push({ id: hid, child_id: child.id, direction: 'STEP_DOWN', early_help_episode_id: id, cin_episode_id: steppedDownFrom, handed_over_on: isoOf(p.from), work_done: 'Assessment completed; support needed at early help level.', recorded_by: lead.id, recorded_at: at });
    }
    const last = end ?? this.#T;
    const aStart = Math.min(last, p.from + rng.int(0, 10));
    const aDone = aStart + rng.int(10, 40);
    const aid = rng.uuid();
    this.rows.early_help_assessment.push({ id: aid, episode_id: id, child_id: child.id, started_on: isoOf(aStart), completed_on: aDone <= last ? isoOf(aDone) : null, needs: 'Routines, school attendance and parenting support.', recorded_by: lead.id, recorded_at: this.stamp(aStart) });
    for (let d = aStart + rng.int(20, 45); d <= last; d += rng.int(35, 70)) {
      const mid = rng.uuid();
      const mat = this.stamp(d);
      this.rows.early_help_meeting.push({ id: mid, episode_id: id, child_id: child.id, held_on: isoOf(d), agencies: JSON.stringify(['FAMILY', 'EARLY_HELP', 'SCHOOL']), summary: 'Team around the family reviewed the plan.', recorded_by: lead.id, recorded_at: mat });
      this.event(child, 'early-help.meeting-held', d, 'early_help_meeting', mid, id, 'Team around the family meeting', lead.id, mat);
    }
    if (end !== null) {
      const eat = this.stamp(end);
      if (stepsUpTo) {
        const hid = rng.uuid();
        this.rows.early_help_handover.push({ id: hid, child_id: child.id, direction: 'STEP_UP', early_help_episode_id: id, cin_episode_id: stepsUpTo.cinId, handed_over_on: isoOf(stepsUpTo.day), current_risks: 'Worries increased despite support.', recorded_by: lead.id, recorded_at: eat });
        this.event(child, 'early-help.stepped-up', end, 'early_help_episode', id, id, 'Stepped up to social care', lead.id, eat);
      } else this.event(child, 'early-help.closed', end, 'early_help_episode', id, id, 'Early help closed', lead.id, eat);
    }
    return id;
  }

  // ---- an episode of need --------------------------------------------------------------------

  episode(child: SynthChild, run: Run, next: { service: CaseService; from: number } | null, steppedUpFromEh: boolean): string {
    const rng = this.rng;
    const T = this.#T;
    const id = rng.uuid();
    const referral = run.from;
    const cp = run.periods.filter((p) => p.level === 'child-protection');
    const cin = run.periods.filter((p) => p.level === 'child-in-need');
    const care = run.periods.find((p) => p.service === 'looked-after');
    const firstCp = cp[0];
    // Strategy discussions: every child who went on to a CP plan, and some others.
    let strategyDay: number | null = null;
    if (firstCp) {
      // About a quarter of ICPCs miss 15 working days from the strategy discussion.
      strategyDay = Math.max(referral, wd(firstCp.from, -(rng.chance(0.35) ? rng.int(16, 30) : rng.int(6, 15))));
    } else if (rng.chance(0.2)) {
      strategyDay = Math.min(T, wd(referral, rng.int(0, 8)));
      if (run.to !== null && strategyDay > run.to) strategyDay = null;
    }
    const outcome = strategyDay !== null && wdBetween(referral, strategyDay) <= 1 && rng.chance(0.7) ? 'STRATEGY' : 'REFERRAL';
    const contactId = steppedUpFromEh ? null : this.contact(child, referral, outcome, { cin: id });
    const fd = this.#ctx.council.workerOn(rng, 'front-door', referral);
    const refAt = this.stamp(referral);
    // Closure: the run's end, unless the child stays in care (the episode stays open).
    const closed = run.to;
    let closureReason: string | null = null;
    if (closed !== null) {
      const last = run.periods.at(-1) as ServicePeriod;
      if (last.service === 'assessment') closureReason = next?.service === 'early-help' && next.from - closed <= 14 ? 'RC9' : rng.pick(CIN_ASSESSMENT_NFA);
      else if (last.service === 'looked-after') closureReason = rng.weighted([['RC7', 50], ['RC4', 20], ['RC3', 10], ['RC1', 10], ['RC5', 10]] as const);
      else closureReason = next?.service === 'early-help' && next.from - closed <= 14 ? 'RC9' : rng.weighted([['RC7', 85], ['RC5', 10], ['RC6', 5]] as const);
    }
    this.rows.cin_episode.push({
      id,
      child_id: child.id,
      referral_date: isoOf(referral),
      referral_nfa: false,
      referral_source: steppedUpFromEh ? '5D' : rng.weighted(SOURCES),
      primary_need: firstCp ? 'N1' : rng.weighted([['N1', 50], ['N2', 5], ['N3', 5], ['N4', 15], ['N5', 15], ['N6', 5], ['N7', 2], ['N8', 3]] as const),
      contact_id: contactId,
      closed_on: closed === null ? null : isoOf(closed),
      closure_reason: closureReason,
      recorded_by: fd.id,
      recorded_at: refAt,
    });
    this.event(child, 'referral.received', referral, 'cin_episode', id, id, 'Referral to children’s social care', fd.id, refAt);

    // The assessment: mostly within 45 working days; about 15% late, with a reason.
    const assessor = this.worker(child, 'assessment', referral);
    const started = Math.min(T, referral + rng.int(0, 2));
    const assessmentPeriod = run.periods[0]?.service === 'assessment' ? run.periods[0] : null;
    let completed: number | null;
    const late = rng.chance(0.25);
    if (late) completed = wd(referral, rng.int(46, 70));
    else if (assessmentPeriod && assessmentPeriod.to !== null && wdBetween(referral, assessmentPeriod.to) <= 45) completed = assessmentPeriod.to;
    else completed = wd(referral, rng.int(15, 44));
    if (completed > T) completed = null;
    if (completed !== null && closed !== null && completed > closed) completed = closed;
    if (completed !== null && completed < started) completed = started;
    const aid = rng.uuid();
    const aAt = this.stamp(started);
    const seen = rng.chance(0.92);
    const seenOn = seen ? Math.min(completed ?? T, started + rng.int(0, 10)) : null;
    const authorisedOn = completed !== null && rng.chance(0.9) ? completed + rng.skewed(0, 12, 2) : null;
    const manager = this.#ctx.council.managerOf(assessor);
    const isLate = completed !== null && wdBetween(referral, completed) > 45;
    this.rows.assessment.push({
      id: aid,
      child_id: child.id,
      episode_id: id,
      started_on: isoOf(started),
      completed_on: completed === null ? null : isoOf(completed),
      factors: JSON.stringify(firstCp ? [rng.pick(FACTORS), '16A'].filter((v, i, a) => a.indexOf(v) === i) : [rng.pick(FACTORS)]),
      outcome: completed === null ? null : firstCp || cin.length ? 'Child in need: plan and support needed.' : 'No further action needed.',
      delay_reason: isLate ? rng.pick(DELAY_REASONS) : null,
      child_seen_on: seenOn === null ? null : isoOf(seenOn),
      child_seen_alone: seen ? (rng.chance(0.75) ? 'yes' : 'no') : null,
      child_not_seen_reason: seen ? null : 'The family did not make the child available.',
      father_involved: rng.weighted([['yes', 55], ['no', 30], ['not-known', 15]] as const),
      authorised_on: authorisedOn !== null && authorisedOn <= T ? isoOf(authorisedOn) : null,
      authorised_by: authorisedOn !== null && authorisedOn <= T ? manager : null,
      recorded_by: assessor.id,
      recorded_at: aAt,
    });
    this.event(child, 'assessment.started', started, 'assessment', aid, id, 'Assessment started', assessor.id, aAt);
    if (completed !== null) {
      const cAt = this.stamp(completed);
      this.event(child, 'assessment.completed', completed, 'assessment', aid, id, 'Assessment completed', assessor.id, cAt);
    }

    if (strategyDay !== null) this.protection(child, id, strategyDay, firstCp ?? null, closed);
    for (const p of cp) this.cpPlan(child, id, p);
    for (const p of cin) this.cinPlan(child, id, p);
    if (care && rng.chance(firstCp ? 0.6 : 0.3)) this.proceedings(child, care.from);
    else if (firstCp && firstCp.to === null && rng.chance(0.12)) this.preProceedingsOnly(child, firstCp.from);

    if (closed !== null) {
      const by = this.worker(child, 'safeguarding', closed);
      const at = this.stamp(closed);
      this.event(child, 'episode.closed', closed, 'cin_episode', id, id, 'Case closed', by.id, at);
    }
    return id;
  }

  /** A strategy discussion; a section 47 enquiry; an ICPC when a CP plan follows. */
  protection(child: SynthChild, episodeId: string, day: number, cp: ServicePeriod | null, closed: number | null): void {
    const rng = this.rng;
    const T = this.#T;
    const sid = rng.uuid();
    const sw = this.worker(child, 'assessment', day);
    const policeOnly = rng.chance(0.1);
    const attendees = policeOnly ? ['POLICE', 'SOCIAL_CARE'] : ['POLICE', 'SOCIAL_CARE', 'HEALTH', ...(rng.chance(0.7) ? ['EDUCATION'] : [])];
    const s47 = cp !== null || rng.chance(0.8);
    const eid = s47 ? rng.uuid() : null;
    const at = this.stamp(day);
    this.rows.strategy_discussion.push({
      id: sid,
      child_id: child.id,
      episode_id: episodeId,
      enquiry_id: eid,
      held_on: isoOf(day),
      held_at: `${String(rng.int(9, 16)).padStart(2, '0')}:00`,
      attendees: agencies(attendees),
      reason: 'Reasonable cause to suspect significant harm.',
      decisions: s47 ? 'Section 47 enquiries to start.' : 'No section 47: continue the assessment.',
      outcome: s47 ? 'S47' : 'NO_S47',
      recorded_by: sw.id,
      recorded_at: at,
    });
    this.event(child, 'strategy.discussion', day, 'strategy_discussion', sid, episodeId, 'Strategy discussion', sw.id, at);
    if (!eid) return;
    const started = Math.min(T, day + rng.int(0, 1));
    let outcome: 'CONFERENCE' | 'NO_CONFERENCE' | null;
    let completed: number | null;
    let icpcDay: number | null = null;
    let icpcDecision: 'PLAN' | 'NO_PLAN' = 'PLAN';
    if (cp) {
      outcome = 'CONFERENCE';
      icpcDay = cp.from;
      completed = Math.max(started, icpcDay - rng.int(1, 5));
    } else if (rng.chance(0.12)) {
      outcome = 'CONFERENCE';
      icpcDay = wd(day, rng.chance(0.7) ? rng.int(8, 15) : rng.int(16, 25));
      icpcDecision = 'NO_PLAN';
      completed = Math.max(started, icpcDay - rng.int(1, 5));
    } else {
      outcome = 'NO_CONFERENCE';
      completed = started + rng.int(5, 25);
    }
    const limit = closed ?? T;
    if (completed > limit || (icpcDay !== null && icpcDay > limit)) {
      if (closed === null) {
        outcome = null;
        completed = null;
        icpcDay = null;
      } else {
        outcome = 'NO_CONFERENCE';
        completed = Math.max(started, closed);
        icpcDay = null;
      }
    }
    const eAt = this.stamp(day);
    this.rows.s47_enquiry.push({
      id: eid,
      child_id: child.id,
      episode_id: episodeId,
      initiating_discussion_id: sid,
      initiated_on: isoOf(day),
      started_on: isoOf(started),
      outcome,
      completed_on: completed === null ? null : isoOf(completed),
      recorded_by: sw.id,
      recorded_at: eAt,
    });
    this.event(child, 's47.initiated', day, 's47_enquiry', eid, eid, 'Section 47 enquiry started', sw.id, eAt);
    if (completed !== null) {
      const cAt = this.stamp(completed);
      if (outcome === 'NO_CONFERENCE') this.event(child, 's47.ended-without-conference', completed, 's47_enquiry', eid, eid, 'Section 47 enquiry ended: no conference', sw.id, cAt);
      else this.event(child, 's47.completed', completed, 's47_enquiry', eid, eid, 'Section 47 enquiry completed', sw.id, cAt);
    }
    if (icpcDay !== null) {
      const chair = this.#ctx.council.workerOn(rng, 'iro', icpcDay);
      const cid = rng.uuid();
      const cAt = this.stamp(icpcDay);
      this.rows.child_protection_conference.push({
        id: cid,
        child_id: child.id,
        kind: 'initial',
        enquiry_id: eid,
        plan_id: null,
        held_on: isoOf(icpcDay),
        chair_id: chair.id,
        attendees: agencies(attendees),
        family_attended: JSON.stringify(rng.chance(0.8) ? ['MOTHER'] : []),
        decision: icpcDecision,
        category_of_abuse: null,
        recorded_by: chair.id,
        recorded_at: cAt,
      });
      this.event(child, 'icpc.held', icpcDay, 'child_protection_conference', cid, eid, 'Initial child protection conference', chair.id, cAt);
    }
  }

  cpPlan(child: SynthChild, episodeId: string, p: ServicePeriod): void {
    const rng = this.rng;
    const T = this.#T;
    const id = rng.uuid();
    const end = p.to;
    const last = end ?? T;
    const chair = this.#ctx.council.workerOn(rng, 'iro', p.from);
    const category = rng.weighted(CATEGORIES);
    const at = this.stamp(p.from);
    this.rows.plan.push({
      id,
      child_id: child.id,
      kind: 'cp',
      episode_id: episodeId,
      started_on: isoOf(p.from),
      ended_on: end === null ? null : isoOf(end),
      end_reason: end === null ? null : 'Risk reduced: the plan is no longer needed.',
      category_of_abuse: category,
      recorded_by: chair.id,
      recorded_at: at,
    });
    this.event(child, 'cp-plan.started', p.from, 'plan', id, id, 'Child protection plan started', chair.id, at);
    // Reviews: first at 3 months, then every 6; mostly on time.
    const reviewAt = (due: number) => (rng.chance(0.88) ? due - rng.int(0, 14) : due + rng.int(3, 35));
    let due = dayOf(addMonthsIso(p.from, 3));
    let previous = p.from;
    for (let day = reviewAt(due); day < last; day = reviewAt(due)) {
      this.review(child, id, day, 'CONTINUE');
      previous = day;
      due = dayOf(addMonthsIso(day, 6));
    }
    if (end !== null && end > previous) this.review(child, id, end, 'END');
    // Core groups: first within 10 working days (mostly), then about every 6 weeks.
    for (let day = wd(p.from, rng.chance(0.85) ? rng.int(3, 10) : rng.int(11, 20)); day <= last; day += rng.chance(0.85) ? rng.int(28, 42) : rng.int(43, 70)) {
      const gid = rng.uuid();
      const sw = this.worker(child, 'safeguarding', day);
      const gAt = this.stamp(day);
      this.rows.core_group_meeting.push({ id: gid, child_id: child.id, plan_id: id, held_on: isoOf(day), attendees: agencies(['SOCIAL_CARE', 'HEALTH', 'EDUCATION']), family_attended: JSON.stringify(rng.chance(0.7) ? ['MOTHER'] : []), risk_reducing: rng.weighted([['yes', 45], ['no', 20], ['unclear', 35]] as const), summary: 'Core group reviewed progress against the plan.', recorded_by: sw.id, recorded_at: gAt });
      this.event(child, 'core-group.held', day, 'core_group_meeting', gid, id, 'Core group meeting', sw.id, gAt);
    }
    // Visits: mostly every 10 working days or sooner, with some gaps; some open plans have lapsed.
    const stopEarly = end === null && rng.chance(0.25) ? wd(T, -rng.int(12, 25)) : last;
    this.visits(child, id, 'cp', p.from, Math.min(last, stopEarly), () => (rng.chance(0.88) ? rng.int(4, 10) : rng.int(11, 22)));
    if (end !== null) {
      const eAt = this.stamp(end);
      this.event(child, 'cp-plan.ended', end, 'plan', id, id, 'Child protection plan ended', chair.id, eAt);
    }
  }

  review(child: SynthChild, planId: string, day: number, decision: 'CONTINUE' | 'END'): void {
    const rng = this.rng;
    const chair = this.#ctx.council.workerOn(rng, 'iro', day);
    const cid = rng.uuid();
    const at = this.stamp(day);
    this.rows.child_protection_conference.push({
      id: cid,
      child_id: child.id,
      kind: 'review',
      enquiry_id: null,
      plan_id: planId,
      held_on: isoOf(day),
      chair_id: chair.id,
      attendees: agencies(['SOCIAL_CARE', 'HEALTH', 'EDUCATION']),
      family_attended: JSON.stringify(rng.chance(0.75) ? ['MOTHER'] : []),
      decision,
      end_reason: decision === 'END' ? 'Risk reduced: the plan is no longer needed.' : null,
      recorded_by: chair.id,
      recorded_at: at,
    });
    this.event(child, 'cp-review.held', day, 'child_protection_conference', cid, planId, 'Child protection review conference', chair.id, at);
  }

  visits(child: SynthChild, planId: string, kind: 'cp' | 'cin', from: number, until: number, gap: () => number): void {
    const rng = this.rng;
    for (let day = wd(from, Math.min(gap(), 5)); day <= until; day = wd(day, gap())) {
      const vid = rng.uuid();
      const sw = this.worker(child, 'safeguarding', day);
      const seen = rng.chance(0.93);
      const at = this.stamp(day);
      this.rows.visit.push({ id: vid, child_id: child.id, visited_on: isoOf(day), kind, plan_id: planId, worker_id: sw.id, child_seen: seen, seen_alone: seen ? (rng.chance(0.7) ? 'yes' : 'no') : 'not_applicable', observations: seen ? 'Saw the child at home; spoke about school and friends.' : 'No answer at the door.', recorded_by: sw.id, recorded_at: at });
      this.event(child, kind === 'cp' ? 'visit.cp' : 'visit.cin', day, 'visit', vid, planId, kind === 'cp' ? 'Visit (child protection)' : 'Visit (child in need)', sw.id, at);
    }
  }

  cinPlan(child: SynthChild, episodeId: string, p: ServicePeriod): void {
    const rng = this.rng;
    const T = this.#T;
    const id = rng.uuid();
    const end = p.to;
    const last = end ?? T;
    const sw = this.worker(child, 'safeguarding', p.from);
    const at = this.stamp(p.from);
    this.rows.plan.push({
      id,
      child_id: child.id,
      kind: 'cin',
      episode_id: episodeId,
      started_on: isoOf(p.from),
      ended_on: end === null ? null : isoOf(end),
      end_reason: end === null ? null : rng.weighted([['needs_met', 60], ['step_down', 20], ['moved_away', 8], ['consent_withdrawn', 7], ['other', 5]] as const),
      recorded_by: sw.id,
      recorded_at: at,
    });
    this.event(child, 'cin-plan.started', p.from, 'plan', id, id, 'Child in need plan started', sw.id, at);
    for (let day = p.from + rng.int(21, 42); day <= last; day += rng.chance(0.75) ? rng.int(28, 42) : rng.int(43, 90)) {
      const mid = rng.uuid();
      const by = this.worker(child, 'safeguarding', day);
      const mAt = this.stamp(day);
      this.rows.cin_meeting.push({ id: mid, child_id: child.id, plan_id: id, held_on: isoOf(day), attendees: 'Social worker, parent, school', plan_reviewed: rng.chance(0.8), summary: 'Reviewed the child in need plan.', recorded_by: by.id, recorded_at: mAt });
      this.event(child, 'cin-meeting.held', day, 'cin_meeting', mid, id, 'Child in need meeting', by.id, mAt);
    }
    const stopEarly = end === null && rng.chance(0.25) ? wd(T, -rng.int(22, 40)) : last;
    this.visits(child, id, 'cin', p.from, Math.min(last, stopEarly), () => (rng.chance(0.85) ? rng.int(8, 20) : rng.int(21, 35)));
    if (end !== null) {
      const eAt = this.stamp(end);
      this.event(child, 'cin-plan.ended', end, 'plan', id, id, 'Child in need plan ended', sw.id, eAt);
    }
  }

  // ---- court ---------------------------------------------------------------------------------

  legalPlanning(child: SynthChild, day: number, decision: 'pre_proceedings' | 'issue_proceedings'): string {
    const rng = this.rng;
    const id = rng.uuid();
    const sw = this.worker(child, 'safeguarding', day);
    const at = this.stamp(day);
    this.rows.legal_planning_meeting.push({ id, child_id: child.id, held_on: isoOf(day), decision, reasons: 'Threshold met; the plan has not reduced the risk.', recorded_by: sw.id, recorded_at: at });
    this.event(child, 'legal-planning.held', day, 'legal_planning_meeting', id, id, 'Legal planning meeting', sw.id, at);
    return id;
  }

  preProceedings(child: SynthChild, lpm: string, letter: number, ended: number | null, outcome: 'step_down' | 'issue_proceedings' | null): string {
    const rng = this.rng;
    const id = rng.uuid();
    const sw = this.worker(child, 'safeguarding', letter);
    const at = this.stamp(letter);
    this.rows.pre_proceedings.push({ id, child_id: child.id, legal_planning_meeting_id: lpm, letter_sent_on: isoOf(letter), ended_on: ended === null ? null : isoOf(ended), outcome, end_reason: outcome === null ? null : outcome === 'step_down' ? 'Enough has changed.' : 'Care proceedings issued.', recorded_by: sw.id, recorded_at: at });
    this.event(child, 'pre-proceedings.started', letter, 'pre_proceedings', id, id, 'Letter before proceedings', sw.id, at);
    if (ended !== null) this.event(child, 'pre-proceedings.ended', ended, 'pre_proceedings', id, id, 'Pre-proceedings ended', sw.id, this.stamp(ended));
    return id;
  }

  preProceedingsOnly(child: SynthChild, from: number): void {
    const T = this.#T;
    const lpmDay = Math.min(T, from + this.rng.int(60, 200));
    if (lpmDay >= T - 7) return;
    const lpm = this.legalPlanning(child, lpmDay, 'pre_proceedings');
    const letter = Math.min(T, lpmDay + this.rng.int(3, 14));
    this.preProceedings(child, lpm, letter, null, null);
  }

  proceedings(child: SynthChild, issued: number): void {
    const rng = this.rng;
    const T = this.#T;
    const lpmDay = issued - rng.int(10, 60);
    const viaPre = rng.chance(0.5);
    const lpm = this.legalPlanning(child, lpmDay, viaPre ? 'pre_proceedings' : 'issue_proceedings');
    const pre = viaPre ? this.preProceedings(child, lpm, lpmDay + rng.int(1, 7), issued, 'issue_proceedings') : null;
    const id = rng.uuid();
    const sw = this.worker(child, 'safeguarding', issued);
    // Most conclude in 26 weeks or a little more; some run much longer.
    const length = rng.chance(0.55) ? rng.int(120, 181) : rng.int(182, 330);
    const concluded = issued + length <= T ? issued + length : null;
    const firstHearing = issued + rng.int(7, 18);
    const at = this.stamp(issued);
    this.rows.care_proceedings.push({
      id,
      child_id: child.id,
      legal_planning_meeting_id: lpm,
      pre_proceedings_id: pre,
      issued_on: isoOf(issued),
      court: 'Brightwater Family Court',
      case_number: `BW${String(rng.int(10, 99))}C${String(rng.int(10000, 99999))}`,
      application_type: rng.weighted([['care_order', 80], ['supervision_order', 10], ['care_and_placement', 10]] as const),
      first_hearing_on: firstHearing <= T ? isoOf(firstHearing) : null,
      concluded_on: concluded === null ? null : isoOf(concluded),
      conclusion: concluded === null ? null : 'Final order made.',
      recorded_by: sw.id,
      recorded_at: at,
    });
    this.event(child, 'proceedings.issued', issued, 'care_proceedings', id, id, 'Care proceedings issued', sw.id, at);
    const oid = rng.uuid();
    this.rows.court_order.push({ id: oid, proceedings_id: id, child_id: child.id, made_on: isoOf(issued), order_type: 'interim_care', recorded_by: sw.id, recorded_at: at });
    this.event(child, 'proceedings.order', issued, 'court_order', oid, id, 'Interim care order', sw.id, at);
    if (firstHearing <= T) {
      const hid = rng.uuid();
      const hAt = this.stamp(firstHearing);
      this.rows.court_hearing.push({ id: hid, proceedings_id: id, child_id: child.id, heard_on: isoOf(firstHearing), hearing_type: 'cmh', outcome: 'Directions given.', recorded_by: sw.id, recorded_at: hAt });
      this.event(child, 'proceedings.hearing', firstHearing, 'court_hearing', hid, id, 'Case management hearing', sw.id, hAt);
    }
    if (concluded !== null) {
      const cAt = this.stamp(concluded);
      const fid = rng.uuid();
      this.rows.court_order.push({ id: fid, proceedings_id: id, child_id: child.id, made_on: isoOf(concluded), order_type: rng.weighted([['care', 70], ['sgo', 15], ['supervision', 10], ['placement', 5]] as const), recorded_by: sw.id, recorded_at: cAt });
      this.event(child, 'proceedings.concluded', concluded, 'care_proceedings', id, id, 'Care proceedings concluded', sw.id, cAt);
    }
  }
}

function addMonthsIso(day: number, months: number): string {
  const iso = isoOf(day);
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export const helpAndProtection: Stage = {
  name: 'help-and-protection',
  async run(ctx) {
    const j = new Journey(ctx);
    const rng = ctx.rng;
    let referrals = 0;
    // Early help that stepped up is written once the episode it stepped up to exists.
    const deferred: { period: ServicePeriod; stepDown: string | null; marker: { from: number } }[] = [];
    const pendingStepUpIds = new Map<{ from: number }, string>();
    for (const child of ctx.council.children) {
      // The long-history child's journal is sized for the benchmark; leave it as it is.
      if (child.longHistory) continue;
      const { runs, earlyHelp } = runsOf(child.periods);
      const items = [
        ...runs.map((r) => ({ kind: 'run' as const, from: r.from, to: r.to, run: r })),
        ...earlyHelp.map((p) => ({ kind: 'eh' as const, from: p.from, to: p.to, period: p })),
      ].sort((a, b) => a.from - b.from);
      // Ids are chosen as we go; a step-up needs the episode that follows, so look one ahead.
      let previousCin: { id: string; to: number | null } | null = null;
      let pendingStepUp: { from: number } | null = null;
      for (let i = 0; i < items.length; i++) {
        const item = items[i]!;
        const next = items[i + 1];
        if (item.kind === 'run') {
          const nextService = next ? (next.kind === 'eh' ? 'early-help' : (next.run.periods[0]!.service)) : null;
          const steppedUp = pendingStepUp !== null;
          const id = j.episode(child, item.run, next && nextService ? { service: nextService, from: next.from } : null, steppedUp);
          referrals++;
          if (pendingStepUp) pendingStepUpIds.set(pendingStepUp, id);
          pendingStepUp = null;
          previousCin = { id, to: item.to };
        } else {
          const stepDown = previousCin && previousCin.to !== null && item.from - previousCin.to <= 14 && item.from > previousCin.to ? previousCin.id : null;
          const stepsUp = item.to !== null && next?.kind === 'run' && next.from - item.to <= 14 && next.from > item.to && rng.chance(0.8);
          if (stepsUp && next) {
            // The episode id is not known yet: write the step-up after the episode is made.
            const marker = { from: next.from };
            pendingStepUp = marker;
            deferred.push({ period: item.period, stepDown, marker });
          } else j.earlyHelp(child, item.period, stepDown, null);
          previousCin = null;
        }
      }
      for (const d of deferred.splice(0)) {
        const cinId = pendingStepUpIds.get(d.marker);
        j.earlyHelp(child, d.period, d.stepDown, cinId ? { cinId, day: d.marker.from } : null);
      }
      pendingStepUpIds.clear();
    }
    // Children who came to notice but had no service: a contact closed with no further action.
    const served = new Set(ctx.council.children.filter((c) => c.periods.length > 0).map((c) => c.id));
    for (const child of ctx.council.children) {
      if (child.longHistory) continue;
      const contacts = served.has(child.id) ? (rng.chance(0.75) ? 1 : 0) + (rng.chance(0.2) ? 1 : 0) : 1 + (rng.chance(0.4) ? 1 : 0);
      for (let k = 0; k < contacts; k++) {
        const day = Math.max(child.cameToNotice, child.dateOfBirth, k === 0 && !served.has(child.id) ? child.cameToNotice : rng.int(child.cameToNotice, ctx.todayDay));
        const decided = Math.min(ctx.todayDay, isWorkingDay(isoOf(day)) ? day : wd(day, 1));
        if (decided < ctx.goLiveDay) continue;
        j.contact(child, decided, rng.chance(0.6) ? 'NFA' : 'ADVICE');
      }
    }
    // Parents write before children: contacts before episodes, episodes before what hangs off them.
    const order = ['contact', 'cin_episode', 'early_help_episode', 'contact_decision', 'referrer_feedback', 'contact_second_look', 'early_help_assessment', 'early_help_meeting', 'early_help_handover', 'assessment', 'plan', 'strategy_discussion', 's47_enquiry', 'child_protection_conference', 'core_group_meeting', 'cin_meeting', 'visit', 'legal_planning_meeting', 'pre_proceedings', 'care_proceedings', 'court_hearing', 'court_order'] as const;
    for (const table of order) await ctx.insert(table, j.rows[table] as never[]);
    await ctx.insert('child_event', j.events);
    ctx.log(`${referrals} referrals, ${j.rows.contact.length} contacts, ${j.rows.assessment.length} assessments, ${j.rows.plan.filter((p) => p.kind === 'cp').length} CP plans, ${j.rows.visit.length} visits`);
  },
};
