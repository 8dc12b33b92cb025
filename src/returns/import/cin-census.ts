// Moving to Lantern from another system: a CIN census file becomes children, episodes of need,
// assessments, child in need plans, section 47 enquiries, initial conferences, child protection plans
// and their reviews (issue 10, decision 0039). Each child is written in its own transaction with its
// journal events, so the chronology and the clocks follow as they do for anything recorded by hand.
// Nothing is silently dropped: every child and every fact in the file is counted as created, already in
// Lantern (matched on its natural key, so importing a file twice creates nothing twice) or rejected
// with the reason.
import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Db } from '../../db/history.ts';
import type { Database } from '../../db/schema.ts';
import { eventRow } from '../../chronology/journal.ts';
import type { EventType } from '../../chronology/event-types.ts';
import { refreshClocksOf } from '../../clocks/refresh.ts';
import { readHeld, type HeldChild, type HeldEpisode, type HeldPlan } from './census-held.ts';
import type { CensusChild, CensusCinDetails, CensusCpPlan } from '../cin-census/model.ts';
import { readCensusFile, type FileChild, type FileProblem } from './read-cin-census.ts';
import { readCensusReturn } from '../cin-census/extract.ts';
import { collectionYear } from '../cin-census/year.ts';
import { differences } from './differences.ts';
import { emptyReport, FACT_NAMES, type FactKind, type ImportReport } from './report.ts';

/** The conference chair the census does not name: an account nobody can sign in to. */
const UNKNOWN_CHAIR = { username: 'imported-chair-not-known', displayName: 'Chair not known (imported from the CIN census)' };

/** What the census does not hold, said where Lantern needs a value (decision 0039). */
const NOT_IN_CENSUS = 'Imported from the CIN census, which does not hold this.';

async function unknownChair(db: Db): Promise<string> {
  await db
    .insertInto('app_user')
    .values({ id: randomUUID(), username: UNKNOWN_CHAIR.username, display_name: UNKNOWN_CHAIR.displayName, role: 'iro', password_hash: '!', active: false })
    .onConflict((oc) => oc.column('username').doNothing())
    .execute();
  const row = await db.selectFrom('app_user').select('id').where('username', '=', UNKNOWN_CHAIR.username).executeTakeFirstOrThrow();
  return row.id;
}

/** A fact the file holds that cannot go into the record: reported, never dropped. */
class Rejection extends Error {
  constructor(readonly kind: FactKind, readonly where: string, reason: string, readonly count = 1) {
    super(reason);
  }
}

/** The rows a part of the file adds, written together at the end of its transaction. */
class PendingRows {
  readonly person: Insertable<Database['person']>[] = [];
  readonly disability: Insertable<Database['person_disability']>[] = [];
  readonly episode: Insertable<Database['cin_episode']>[] = [];
  readonly assessment: Insertable<Database['assessment']>[] = [];
  readonly plan: Insertable<Database['plan']>[] = [];
  readonly discussion: Insertable<Database['strategy_discussion']>[] = [];
  readonly enquiry: Insertable<Database['s47_enquiry']>[] = [];
  readonly conference: Insertable<Database['child_protection_conference']>[] = [];
  readonly event: Insertable<Database['child_event']>[] = [];

  /** In the order the foreign keys need (a discussion names its enquiry: that key is checked at commit). */
  async write(tx: Db): Promise<void> {
    await insertAll(tx, 'person', this.person);
    await insertAll(tx, 'person_disability', this.disability);
    await insertAll(tx, 'cin_episode', this.episode);
    await insertAll(tx, 'assessment', this.assessment);
    await insertAll(tx, 'plan', this.plan);
    await insertAll(tx, 'strategy_discussion', this.discussion);
    await insertAll(tx, 's47_enquiry', this.enquiry);
    await insertAll(tx, 'child_protection_conference', this.conference);
    await insertAll(tx, 'child_event', this.event);
  }
}

/** Parameters in one multi-row insert: well under PostgreSQL's limit of 65,535. */
const PARAMETERS_PER_INSERT = 30_000;

async function insertAll<T extends keyof Database & string>(tx: Db, table: T, rows: Insertable<Database[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  // Rows may leave out optional columns (Kysely writes DEFAULT for them): count every column used.
  const columns = new Set(rows.flatMap((row) => Object.keys(row))).size;
  const perInsert = Math.max(1, Math.floor(PARAMETERS_PER_INSERT / columns));
  for (let i = 0; i < rows.length; i += perInsert) {
    // any: Kysely cannot follow a table name chosen by a type parameter to its row type; the rows are typed above.
    await tx.insertInto(table).values(rows.slice(i, i + perInsert) as any).execute();
  }
}

/**
 * Works out one child's facts against what Lantern holds (matched, created or rejected, each counted),
 * adding the rows to write to `pending` and what it creates to `held`, so that a later child in the
 * same part of the file with the same LA child ID finds them, as it would in the database.
 */
class ChildWriter {
  readonly created = new Map<FactKind, number>();
  readonly matched = new Map<FactKind, number>();
  readonly rejected: Rejection[] = [];
  childId = '';

  constructor(
    private readonly held: Map<string, HeldChild>,
    private readonly pending: PendingRows,
    private readonly actor: string,
    private readonly chair: string,
    private readonly today: string,
  ) {}

  private count(map: Map<FactKind, number>, kind: FactKind, n = 1): void {
    map.set(kind, (map.get(kind) ?? 0) + n);
  }

  private reject(kind: FactKind, where: string, reason: string, alsoDropped: Partial<Record<FactKind, number>> = {}): void {
    this.rejected.push(new Rejection(kind, where, reason));
    // What was inside a rejected element is rejected with it, and counted, so the totals add up.
    for (const [k, n] of Object.entries(alsoDropped) as [FactKind, number][]) {
      if (n > 0) this.rejected.push(new Rejection(k, where, `${n} ${FACT_NAMES[k]} inside it, rejected with it`, n));
    }
  }

  private event(type: EventType, occurredOn: string, sourceTable: string, sourceId: string, scopeId: string, title: string): void {
    this.pending.event.push(eventRow({ childId: this.childId, type, occurredOn, sourceTable, sourceId, scopeId, title }, this.actor));
  }

  child(c: CensusChild, laChildId: string): void {
    let held = this.held.get(laChildId);
    if (held) {
      this.childId = held.id;
      this.count(this.matched, 'child');
    } else {
      this.childId = randomUUID();
      held = { id: this.childId, disabilities: new Set(), episodes: [], plans: [] };
      this.held.set(laChildId, held);
      const unborn = c.birthDate === null && c.expectedBirthDate !== null;
      this.pending.person.push({
        id: this.childId,
        kind: unborn ? 'unborn' : 'child',
        // The census carries no names: the record says so, for a worker to put right (decision 0039).
        first_name: 'Name not known',
        last_name: `(LA child ID ${laChildId})`,
        date_of_birth: c.birthDate,
        expected_date_of_birth: unborn ? c.expectedBirthDate : null,
        date_of_death: c.deathDate,
        sex: c.sex,
        ethnicity: c.ethnicity,
        la_child_id: laChildId,
        upn: c.upn,
        former_upn: c.formerUpn,
        recorded_by: this.actor,
      });
      this.event('person.created', this.today, 'person', this.childId, this.childId, `Record created from a CIN census file (LA child ID ${laChildId})`);
      this.count(this.created, 'child');
    }
    const had = new Set(held.disabilities);
    const toAdd = [...new Set(c.disabilities)].filter((d) => !had.has(d));
    this.count(this.matched, 'disability', c.disabilities.length - toAdd.length);
    if (toAdd.length > 0) {
      for (const code of toAdd) {
        this.pending.disability.push({ id: randomUUID(), person_id: this.childId, code, recorded_by: this.actor });
        held.disabilities.add(code);
      }
      this.count(this.created, 'disability', toAdd.length);
    }
    const details = [...c.cinDetails].map((d, i) => ({ d, n: i + 1 })).sort((a, b) => a.d.referralDate.localeCompare(b.d.referralDate));
    for (const { d, n } of details) this.episode(held, d, `CINdetails ${n}`);
  }

  private episode(held: HeldChild, d: CensusCinDetails, where: string): void {
    const inside = {
      assessment: d.assessments.length,
      cinPlan: d.cinPlans.length,
      section47: d.section47s.length,
      cpPlan: d.cpPlans.length,
      review: d.cpPlans.reduce((n, p) => n + p.reviewDates.length, 0),
    };
    if (!d.referralDate) return this.reject('episode', where, 'No CINreferralDate: an episode of need starts with its referral', inside);
    if (!d.referralSource) return this.reject('episode', where, 'No ReferralSource: Lantern records where every referral came from', inside);
    if ((d.closureDate === null) !== (d.closureReason === null)) {
      return this.reject('episode', where, 'A closure needs both its date (CINclosureDate) and its reason (ReasonForClosure)', inside);
    }
    if (d.closureDate !== null && d.closureDate < d.referralDate) return this.reject('episode', where, 'The case closes before its referral', inside);
    let episode = held.episodes.find((e) => e.referralDate === d.referralDate);
    if (episode) {
      this.count(this.matched, 'episode');
    } else {
      if (d.closureDate === null) {
        const open = held.episodes.find((e) => e.closedOn === null);
        if (open) return this.reject('episode', where, `The child already has an open episode from ${open.referralDate}: a child has one open episode at a time (CIN rule 8820)`, inside);
      }
      episode = { id: randomUUID(), referralDate: d.referralDate, closedOn: d.closureDate, assessments: [], enquiries: [] };
      held.episodes.push(episode);
      this.pending.episode.push({
        id: episode.id,
        child_id: this.childId,
        referral_date: d.referralDate,
        referral_source: d.referralSource,
        primary_need: d.primaryNeed,
        referral_nfa: d.referralNfa ?? false,
        closed_on: d.closureDate,
        closure_reason: d.closureReason,
        recorded_by: this.actor,
      });
      this.event('referral.received', d.referralDate, 'cin_episode', episode.id, episode.id, 'Referral to children’s social care (imported)');
      if (d.closureDate) this.event('episode.closed', d.closureDate, 'cin_episode', episode.id, episode.id, 'Case closed (imported)');
      this.count(this.created, 'episode');
    }
    for (const [i, a] of d.assessments.entries()) this.assessment(episode, a, `${where} / Assessments ${i + 1}`);
    for (const [i, p] of d.cinPlans.entries()) this.plan(held, 'cin', episode.id, p, `${where} / CINPlanDates ${i + 1}`, null);
    // Plans before enquiries: an initial conference that made a plan is linked to it.
    const plans = new Map<string, string>();
    for (const [i, p] of d.cpPlans.entries()) {
      const id = this.cpPlan(held, episode.id, p, `${where} / ChildProtectionPlans ${i + 1}`);
      if (id) plans.set(p.startDate, id);
    }
    for (const [i, s] of d.section47s.entries()) this.section47(episode, s, plans, d.cpPlans, `${where} / Section47 ${i + 1}`);
  }

  private assessment(episode: HeldEpisode, a: CensusCinDetails['assessments'][number], where: string): void {
    if (!a.startDate) return this.reject('assessment', where, 'No AssessmentActualStartDate');
    if (a.authorisationDate !== null && a.authorisationDate < a.startDate) return this.reject('assessment', where, 'The assessment is authorised before it starts');
    if (episode.assessments.some((x) => x.startedOn === a.startDate)) return this.count(this.matched, 'assessment');
    if (a.authorisationDate === null) {
      const open = episode.assessments.find((x) => x.completedOn === null);
      if (open) return this.reject('assessment', where, `Another assessment in this episode, from ${open.startedOn}, is still open: one open assessment at a time (CIN rule 8896)`);
    }
    const id = randomUUID();
    episode.assessments.push({ startedOn: a.startDate, completedOn: a.authorisationDate });
    this.pending.assessment.push({ id, child_id: this.childId, episode_id: episode.id, started_on: a.startDate, completed_on: a.authorisationDate, factors: JSON.stringify(a.factors), recorded_by: this.actor });
    this.event('assessment.started', a.startDate, 'assessment', id, episode.id, 'Assessment started (imported)');
    if (a.authorisationDate) this.event('assessment.completed', a.authorisationDate, 'assessment', id, episode.id, 'Assessment completed (imported)');
    this.count(this.created, 'assessment');
  }

  /** A plan of a kind; null when rejected, else the plan held (created or already in Lantern). */
  private plan(held: HeldChild, kind: 'cin' | 'cp', episodeId: string, p: { startDate: string; endDate: string | null }, where: string, category: string | null): HeldPlan | null {
    const factKind: FactKind = kind === 'cin' ? 'cinPlan' : 'cpPlan';
    const name = kind === 'cin' ? 'CINPlanStartDate' : 'CPPstartDate';
    if (!p.startDate) return (this.reject(factKind, where, `No ${name}`), null);
    if (p.endDate !== null && p.endDate < p.startDate) return (this.reject(factKind, where, 'The plan ends before it starts'), null);
    const existing = held.plans.find((x) => x.kind === kind && x.startedOn === p.startDate);
    if (existing) return (this.count(this.matched, factKind), existing);
    if (p.endDate === null) {
      const open = held.plans.find((x) => x.kind === kind && x.endedOn === null);
      if (open) return (this.reject(factKind, where, `The child already has an open ${kind === 'cin' ? 'child in need' : 'child protection'} plan from ${open.startedOn}: one at a time`), null);
    }
    const plan: HeldPlan = { id: randomUUID(), kind, startedOn: p.startDate, endedOn: p.endDate, reviews: new Set() };
    held.plans.push(plan);
    this.pending.plan.push({ id: plan.id, child_id: this.childId, kind, episode_id: episodeId, started_on: p.startDate, ended_on: p.endDate, category_of_abuse: category, recorded_by: this.actor });
    const label = kind === 'cin' ? 'Child in need plan' : 'Child protection plan';
    this.event(kind === 'cin' ? 'cin-plan.started' : 'cp-plan.started', p.startDate, 'plan', plan.id, plan.id, `${label} started (imported)`);
    if (p.endDate) this.event(kind === 'cin' ? 'cin-plan.ended' : 'cp-plan.ended', p.endDate, 'plan', plan.id, plan.id, `${label} ended (imported)`);
    this.count(this.created, factKind);
    return plan;
  }

  private cpPlan(held: HeldChild, episodeId: string, p: CensusCpPlan, where: string): string | null {
    const plan = this.plan(held, 'cp', episodeId, p, where, p.initialCategory ?? p.latestCategory);
    if (!plan) {
      if (p.reviewDates.length > 0) this.rejected.push(new Rejection('review', where, `${p.reviewDates.length} review date(s) of a plan not imported`, p.reviewDates.length));
      return null;
    }
    const known = plan.reviews;
    const reviews = [...p.reviewDates].sort();
    const latest = reviews.at(-1);
    for (const day of reviews) {
      if (known.has(day)) {
        this.count(this.matched, 'review');
        continue;
      }
      if (day < p.startDate || (p.endDate !== null && day > p.endDate)) {
        this.reject('review', `${where} / CPPreviewDate ${day}`, 'The review date is outside the plan');
        continue;
      }
      const id = randomUUID();
      // The latest category of abuse is the one the last review decided (as the export reads it back).
      const category = day === latest && p.latestCategory !== (p.initialCategory ?? p.latestCategory) ? p.latestCategory : null;
      this.pending.conference.push({ id, child_id: this.childId, kind: 'review', plan_id: plan.id, held_on: day, chair_id: this.chair, attendees: JSON.stringify([]), family_attended: JSON.stringify([]), decision: 'CONTINUE', category_of_abuse: category, summary: NOT_IN_CENSUS, recorded_by: this.actor });
      this.event('cp-review.held', day, 'child_protection_conference', id, plan.id, 'Child protection review conference (imported)');
      known.add(day);
      this.count(this.created, 'review');
    }
    return plan.id;
  }

  private section47(episode: HeldEpisode, s: CensusCinDetails['section47s'][number], plans: Map<string, string>, cpPlans: CensusCpPlan[], where: string): void {
    if (!s.startDate) return this.reject('section47', where, 'No S47ActualStartDate');
    if (s.icpcDate !== null && s.icpcDate < s.startDate) return this.reject('section47', where, 'The initial conference is before the enquiry starts');
    if (s.icpcDate !== null && s.icpcNotRequired) return this.reject('section47', where, 'The enquiry says both that a conference was held and that none was needed');
    if (episode.enquiries.some((x) => x.startedOn === s.startDate)) {
      this.count(this.matched, 'section47');
      if (s.icpcDate) this.count(this.matched, 'initialConference');
      return;
    }
    const undecided = !s.icpcNotRequired && s.icpcDate === null;
    if (undecided) {
      const open = episode.enquiries.find((x) => x.outcome === null);
      if (open) return this.reject('section47', where, `Another enquiry in this episode, from ${open.startedOn}, has no outcome yet: one at a time (CIN rule 8839)`);
    }
    // The census holds no strategy discussion: the enquiry's own start stands for the one that began
    // it, and says so, so that the conference clock can run (decision 0039).
    const discussionId = randomUUID();
    const enquiryId = randomUUID();
    const outcome = s.icpcNotRequired ? 'NO_CONFERENCE' : s.icpcDate ? 'CONFERENCE' : null;
    episode.enquiries.push({ startedOn: s.startDate, outcome });
    this.pending.discussion.push({ id: discussionId, child_id: this.childId, episode_id: episode.id, enquiry_id: enquiryId, held_on: s.startDate, attendees: JSON.stringify([]), reason: NOT_IN_CENSUS, decisions: 'Section 47 enquiries (imported from the CIN census).', outcome: 'S47', recorded_by: this.actor });
    this.pending.enquiry.push({
      id: enquiryId,
      child_id: this.childId,
      episode_id: episode.id,
      initiating_discussion_id: discussionId,
      initiated_on: s.startDate,
      started_on: s.startDate,
      outcome,
      // The census has no end date of an enquiry: one that needed no conference ends the day it starts.
      completed_on: s.icpcNotRequired ? s.startDate : null,
      outcome_summary: s.icpcNotRequired ? `No conference needed. ${NOT_IN_CENSUS} (the end date)` : null,
      recorded_by: this.actor,
    });
    this.event('strategy.discussion', s.startDate, 'strategy_discussion', discussionId, enquiryId, 'Strategy discussion (imported: date of the enquiry’s start)');
    this.event('s47.initiated', s.startDate, 's47_enquiry', enquiryId, enquiryId, 'Section 47 enquiry started (imported)');
    if (s.icpcNotRequired) this.event('s47.ended-without-conference', s.startDate, 's47_enquiry', enquiryId, enquiryId, 'Section 47 enquiry ended: no conference (imported)');
    this.count(this.created, 'section47');
    if (s.icpcDate) {
      const planId = plans.get(s.icpcDate) ?? null;
      const plan = cpPlans.find((p) => p.startDate === s.icpcDate);
      const id = randomUUID();
      this.pending.conference.push({ id, child_id: this.childId, kind: 'initial', enquiry_id: enquiryId, plan_id: planId, held_on: s.icpcDate, chair_id: this.chair, attendees: JSON.stringify([]), family_attended: JSON.stringify([]), decision: planId ? 'PLAN' : 'NO_PLAN', category_of_abuse: plan?.initialCategory ?? null, summary: NOT_IN_CENSUS, recorded_by: this.actor });
      this.event('icpc.held', s.icpcDate, 'child_protection_conference', id, enquiryId, 'Initial child protection conference (imported)');
      this.count(this.created, 'initialConference');
    }
  }
}

/** How many of each fact a child's element holds, for the counts when the whole child is rejected. */
function factsIn(c: CensusChild): Partial<Record<FactKind, number>> {
  const sum = (f: (d: CensusCinDetails) => number) => c.cinDetails.reduce((n, d) => n + f(d), 0);
  return {
    disability: c.disabilities.length,
    episode: c.cinDetails.length,
    assessment: sum((d) => d.assessments.length),
    cinPlan: sum((d) => d.cinPlans.length),
    section47: sum((d) => d.section47s.length),
    initialConference: sum((d) => d.section47s.filter((s) => s.icpcDate).length),
    cpPlan: sum((d) => d.cpPlans.length),
    review: sum((d) => d.cpPlans.reduce((n, p) => n + p.reviewDates.length, 0)),
  };
}

export interface ImportOptions {
  actorId: string;
  today: string;
  /** Called after each child, for the progress shown while a large file loads. */
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

/**
 * Children written in one transaction: their facts are matched against what Lantern holds in a few
 * statements and written in a few multi-row inserts, rather than a statement or two per fact.
 */
const CHILDREN_PER_TRANSACTION = 500;

/** Imports the file; the report says what became of every child and every fact in it. */
export async function importCensusFile(db: Db, xml: string, options: ImportOptions): Promise<ImportReport> {
  const file = readCensusFile(xml);
  const report = emptyReport(file.year, file.children.length);
  const chair = await unknownChair(db);
  for (let i = 0; i < file.children.length; i += CHILDREN_PER_TRANSACTION) {
    const part = file.children.slice(i, i + CHILDREN_PER_TRANSACTION);
    await importChildren(db, part, chair, options, report);
    for (const fileChild of part) await options.onProgress?.(fileChild.position, file.children.length);
  }
  if (file.year !== null) {
    // The file beside Lantern's own return for its year: what is now held differently is said.
    const rejectedWhole = new Set(report.rejected.filter((r) => r.kind === 'child').map((r) => r.position));
    const held = await readCensusReturn(db, collectionYear(file.year), { laNumber: '', madeAt: '' });
    report.differences = differences(file.children.filter((c) => !rejectedWhole.has(c.position)).map((c) => c.child), held.children);
  }
  return report;
}

/** Why a child cannot be imported at all, before anything of theirs is written; null if they can. */
function wholeChildProblem(fileChild: FileChild): string | null {
  const c = fileChild.child;
  if (!c.laChildId) return 'No LAchildID: Lantern keeps each child by the council’s ID, so that a second import finds them';
  if (c.birthDate === null && c.expectedBirthDate === null) return 'Neither PersonBirthDate nor ExpectedPersonBirthDate: a child’s record starts from one of them';
  // A value the file could not give (a malformed date) makes the child's facts unsafe to guess at.
  if (fileChild.problems.length > 0) return fileChild.problems.map((p: FileProblem) => `${p.where}: ${p.reason}`).join('; ');
  if (c.deathDate !== null && c.birthDate !== null && c.deathDate < c.birthDate) return 'PersonDeathDate is before PersonBirthDate';
  return null;
}

function rejectWhole(report: ImportReport, { child: c, position }: FileChild, reason: string): void {
  report.add('child', 'rejected', 1);
  report.rejected.push({ position, laChildId: c.laChildId, kind: 'child', where: '', reason });
  for (const [kind, n] of Object.entries(factsIn(c)) as [FactKind, number][]) report.add(kind, 'rejected', n);
}

/**
 * Imports part of the file in one transaction, reported child by child in the file's order. If the
 * database refuses it (a constraint nobody foresaw), each child is imported again in a transaction of
 * their own, so that only the child it refuses is rejected, with the constraint's name.
 */
async function importChildren(db: Db, part: readonly FileChild[], chair: string, options: ImportOptions, report: ImportReport): Promise<void> {
  const problems = part.map(wholeChildProblem);
  const toWrite = part.filter((_, i) => problems[i] === null);
  let writers: ChildWriter[];
  try {
    writers = await db.transaction().execute(async (tx) => {
      const held = await readHeld(tx, toWrite.map((f) => f.child.laChildId!));
      const pending = new PendingRows();
      const ws = toWrite.map((f) => {
        const w = new ChildWriter(held, pending, options.actorId, chair, options.today);
        w.child(f.child, f.child.laChildId!);
        return w;
      });
      await pending.write(tx);
      await refreshClocksOf(tx, [...new Set(ws.map((w) => w.childId))]);
      return ws;
    });
  } catch (error) {
    if (part.length > 1) {
      for (const fileChild of part) await importChildren(db, [fileChild], chair, options, report);
      return;
    }
    const constraint = (error as { constraint?: string }).constraint;
    rejectWhole(report, part[0]!, `The record refused it${constraint ? ` (${constraint})` : ''}: ${(error as Error).message.split('\n')[0]}`);
    return;
  }
  let next = 0;
  part.forEach((fileChild, i) => {
    const problem = problems[i];
    if (problem !== null && problem !== undefined) return rejectWhole(report, fileChild, problem);
    const writer = writers[next++]!;
    for (const [kind, n] of writer.created) report.add(kind, 'created', n);
    for (const [kind, n] of writer.matched) report.add(kind, 'alreadyInLantern', n);
    for (const r of writer.rejected) {
      report.add(r.kind, 'rejected', r.count);
      report.rejected.push({ position: fileChild.position, laChildId: fileChild.child.laChildId, kind: r.kind, where: r.where, reason: r.message });
    }
  });
}
