// Moving to Lantern from another system: a CIN census file becomes children, episodes of need,
// assessments, child in need plans, section 47 enquiries, initial conferences, child protection plans
// and their reviews (issue 10, decision 0039). Each child is written in its own transaction with its
// journal events, so the chronology and the clocks follow as they do for anything recorded by hand.
// Nothing is silently dropped: every child and every fact in the file is counted as created, already in
// Lantern (matched on its natural key, so importing a file twice creates nothing twice) or rejected
// with the reason.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/history.ts';
import { recordEvent } from '../../chronology/journal.ts';
import { refreshClocks } from '../../clocks/refresh.ts';
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

/** Writes one child's facts in one transaction, counting each. */
class ChildWriter {
  readonly created = new Map<FactKind, number>();
  readonly matched = new Map<FactKind, number>();
  readonly rejected: Rejection[] = [];
  childId = '';

  constructor(private readonly tx: Db, private readonly actor: string, private readonly chair: string, private readonly today: string) {}

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

  private event(type: Parameters<typeof recordEvent>[1]['type'], occurredOn: string, sourceTable: string, sourceId: string, scopeId: string, title: string) {
    return recordEvent(this.tx, { childId: this.childId, type, occurredOn, sourceTable, sourceId, scopeId, title }, this.actor, { refresh: false });
  }

  async child(c: CensusChild, laChildId: string): Promise<void> {
    const existing = await this.tx.selectFrom('person').select(['id']).where('la_child_id', '=', laChildId).where('deleted_at', 'is', null).executeTakeFirst();
    if (existing) {
      this.childId = existing.id;
      this.count(this.matched, 'child');
    } else {
      this.childId = randomUUID();
      const unborn = c.birthDate === null && c.expectedBirthDate !== null;
      await this.tx
        .insertInto('person')
        .values({
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
        })
        .execute();
      await this.event('person.created', this.today, 'person', this.childId, this.childId, `Record created from a CIN census file (LA child ID ${laChildId})`);
      this.count(this.created, 'child');
    }
    const had = new Set((await this.tx.selectFrom('person_disability').select('code').where('person_id', '=', this.childId).where('deleted_at', 'is', null).execute()).map((d) => d.code));
    const toAdd = [...new Set(c.disabilities)].filter((d) => !had.has(d));
    this.count(this.matched, 'disability', c.disabilities.length - toAdd.length);
    if (toAdd.length > 0) {
      await this.tx.insertInto('person_disability').values(toAdd.map((code) => ({ id: randomUUID(), person_id: this.childId, code, recorded_by: this.actor }))).execute();
      this.count(this.created, 'disability', toAdd.length);
    }
    const details = [...c.cinDetails].map((d, i) => ({ d, n: i + 1 })).sort((a, b) => a.d.referralDate.localeCompare(b.d.referralDate));
    for (const { d, n } of details) await this.episode(d, `CINdetails ${n}`);
  }

  private async episode(d: CensusCinDetails, where: string): Promise<void> {
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
    let episodeId: string;
    const existing = await this.tx
      .selectFrom('cin_episode')
      .select(['id'])
      .where('child_id', '=', this.childId)
      .where('referral_date', '=', d.referralDate)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (existing) {
      episodeId = existing.id;
      this.count(this.matched, 'episode');
    } else {
      if (d.closureDate === null) {
        const open = await this.tx.selectFrom('cin_episode').select('referral_date').where('child_id', '=', this.childId).where('closed_on', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
        if (open) return this.reject('episode', where, `The child already has an open episode from ${open.referral_date}: a child has one open episode at a time (CIN rule 8820)`, inside);
      }
      episodeId = randomUUID();
      await this.tx
        .insertInto('cin_episode')
        .values({
          id: episodeId,
          child_id: this.childId,
          referral_date: d.referralDate,
          referral_source: d.referralSource,
          primary_need: d.primaryNeed,
          referral_nfa: d.referralNfa ?? false,
          closed_on: d.closureDate,
          closure_reason: d.closureReason,
          recorded_by: this.actor,
        })
        .execute();
      await this.event('referral.received', d.referralDate, 'cin_episode', episodeId, episodeId, 'Referral to children’s social care (imported)');
      if (d.closureDate) await this.event('episode.closed', d.closureDate, 'cin_episode', episodeId, episodeId, 'Case closed (imported)');
      this.count(this.created, 'episode');
    }
    for (const [i, a] of d.assessments.entries()) await this.assessment(episodeId, a, `${where} / Assessments ${i + 1}`);
    for (const [i, p] of d.cinPlans.entries()) await this.cinPlan(episodeId, p, `${where} / CINPlanDates ${i + 1}`);
    // Plans before enquiries: an initial conference that made a plan is linked to it.
    const plans = new Map<string, string>();
    for (const [i, p] of d.cpPlans.entries()) {
      const id = await this.cpPlan(episodeId, p, `${where} / ChildProtectionPlans ${i + 1}`);
      if (id) plans.set(p.startDate, id);
    }
    for (const [i, s] of d.section47s.entries()) await this.section47(episodeId, s, plans, d.cpPlans, `${where} / Section47 ${i + 1}`);
  }

  private async assessment(episodeId: string, a: CensusCinDetails['assessments'][number], where: string): Promise<void> {
    if (!a.startDate) return this.reject('assessment', where, 'No AssessmentActualStartDate');
    if (a.authorisationDate !== null && a.authorisationDate < a.startDate) return this.reject('assessment', where, 'The assessment is authorised before it starts');
    const existing = await this.tx.selectFrom('assessment').select('id').where('episode_id', '=', episodeId).where('started_on', '=', a.startDate).where('deleted_at', 'is', null).executeTakeFirst();
    if (existing) return this.count(this.matched, 'assessment');
    if (a.authorisationDate === null) {
      const open = await this.tx.selectFrom('assessment').select('started_on').where('episode_id', '=', episodeId).where('completed_on', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
      if (open) return this.reject('assessment', where, `Another assessment in this episode, from ${open.started_on}, is still open: one open assessment at a time (CIN rule 8896)`);
    }
    const id = randomUUID();
    await this.tx
      .insertInto('assessment')
      .values({ id, child_id: this.childId, episode_id: episodeId, started_on: a.startDate, completed_on: a.authorisationDate, factors: JSON.stringify(a.factors), recorded_by: this.actor })
      .execute();
    await this.event('assessment.started', a.startDate, 'assessment', id, episodeId, 'Assessment started (imported)');
    if (a.authorisationDate) await this.event('assessment.completed', a.authorisationDate, 'assessment', id, episodeId, 'Assessment completed (imported)');
    this.count(this.created, 'assessment');
  }

  /** A plan of a kind; null when rejected or already in Lantern (then its id). */
  private async plan(kind: 'cin' | 'cp', episodeId: string, p: { startDate: string; endDate: string | null }, where: string, category: string | null): Promise<{ id: string; created: boolean } | null> {
    const factKind: FactKind = kind === 'cin' ? 'cinPlan' : 'cpPlan';
    const name = kind === 'cin' ? 'CINPlanStartDate' : 'CPPstartDate';
    if (!p.startDate) return (this.reject(factKind, where, `No ${name}`), null);
    if (p.endDate !== null && p.endDate < p.startDate) return (this.reject(factKind, where, 'The plan ends before it starts'), null);
    const existing = await this.tx.selectFrom('plan').select('id').where('child_id', '=', this.childId).where('kind', '=', kind).where('started_on', '=', p.startDate).where('deleted_at', 'is', null).executeTakeFirst();
    if (existing) return (this.count(this.matched, factKind), { id: existing.id, created: false });
    if (p.endDate === null) {
      const open = await this.tx.selectFrom('plan').select('started_on').where('child_id', '=', this.childId).where('kind', '=', kind).where('ended_on', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
      if (open) return (this.reject(factKind, where, `The child already has an open ${kind === 'cin' ? 'child in need' : 'child protection'} plan from ${open.started_on}: one at a time`), null);
    }
    const id = randomUUID();
    await this.tx
      .insertInto('plan')
      .values({ id, child_id: this.childId, kind, episode_id: episodeId, started_on: p.startDate, ended_on: p.endDate, category_of_abuse: category, recorded_by: this.actor })
      .execute();
    const label = kind === 'cin' ? 'Child in need plan' : 'Child protection plan';
    await this.event(kind === 'cin' ? 'cin-plan.started' : 'cp-plan.started', p.startDate, 'plan', id, id, `${label} started (imported)`);
    if (p.endDate) await this.event(kind === 'cin' ? 'cin-plan.ended' : 'cp-plan.ended', p.endDate, 'plan', id, id, `${label} ended (imported)`);
    this.count(this.created, factKind);
    return { id, created: true };
  }

  private async cinPlan(episodeId: string, p: CensusCinDetails['cinPlans'][number], where: string): Promise<void> {
    await this.plan('cin', episodeId, p, where, null);
  }

  private async cpPlan(episodeId: string, p: CensusCpPlan, where: string): Promise<string | null> {
    const plan = await this.plan('cp', episodeId, p, where, p.initialCategory ?? p.latestCategory);
    if (!plan) {
      if (p.reviewDates.length > 0) this.rejected.push(new Rejection('review', where, `${p.reviewDates.length} review date(s) of a plan not imported`, p.reviewDates.length));
      return null;
    }
    const known = new Set(
      (await this.tx.selectFrom('child_protection_conference').select(sql<string>`held_on::text`.as('held_on')).where('plan_id', '=', plan.id).where('kind', '=', 'review').where('deleted_at', 'is', null).execute()).map((r) => r.held_on),
    );
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
      await this.tx
        .insertInto('child_protection_conference')
        .values({ id, child_id: this.childId, kind: 'review', plan_id: plan.id, held_on: day, chair_id: this.chair, attendees: JSON.stringify([]), family_attended: JSON.stringify([]), decision: 'CONTINUE', category_of_abuse: category, summary: NOT_IN_CENSUS, recorded_by: this.actor })
        .execute();
      await this.event('cp-review.held', day, 'child_protection_conference', id, plan.id, 'Child protection review conference (imported)');
      known.add(day);
      this.count(this.created, 'review');
    }
    return plan.id;
  }

  private async section47(episodeId: string, s: CensusCinDetails['section47s'][number], plans: Map<string, string>, cpPlans: CensusCpPlan[], where: string): Promise<void> {
    if (!s.startDate) return this.reject('section47', where, 'No S47ActualStartDate');
    if (s.icpcDate !== null && s.icpcDate < s.startDate) return this.reject('section47', where, 'The initial conference is before the enquiry starts');
    if (s.icpcDate !== null && s.icpcNotRequired) return this.reject('section47', where, 'The enquiry says both that a conference was held and that none was needed');
    const existing = await this.tx.selectFrom('s47_enquiry').select('id').where('episode_id', '=', episodeId).where('started_on', '=', s.startDate).where('deleted_at', 'is', null).executeTakeFirst();
    if (existing) {
      this.count(this.matched, 'section47');
      if (s.icpcDate) this.count(this.matched, 'initialConference');
      return;
    }
    const undecided = !s.icpcNotRequired && s.icpcDate === null;
    if (undecided) {
      const open = await this.tx.selectFrom('s47_enquiry').select('started_on').where('episode_id', '=', episodeId).where('outcome', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
      if (open) return this.reject('section47', where, `Another enquiry in this episode, from ${open.started_on}, has no outcome yet: one at a time (CIN rule 8839)`);
    }
    // The census holds no strategy discussion: the enquiry's own start stands for the one that began
    // it, and says so, so that the conference clock can run (decision 0039).
    const discussionId = randomUUID();
    const enquiryId = randomUUID();
    await this.tx
      .insertInto('strategy_discussion')
      .values({ id: discussionId, child_id: this.childId, episode_id: episodeId, enquiry_id: enquiryId, held_on: s.startDate, attendees: JSON.stringify([]), reason: NOT_IN_CENSUS, decisions: 'Section 47 enquiries (imported from the CIN census).', outcome: 'S47', recorded_by: this.actor })
      .execute();
    await this.tx
      .insertInto('s47_enquiry')
      .values({
        id: enquiryId,
        child_id: this.childId,
        episode_id: episodeId,
        initiating_discussion_id: discussionId,
        initiated_on: s.startDate,
        started_on: s.startDate,
        outcome: s.icpcNotRequired ? 'NO_CONFERENCE' : s.icpcDate ? 'CONFERENCE' : null,
        // The census has no end date of an enquiry: one that needed no conference ends the day it starts.
        completed_on: s.icpcNotRequired ? s.startDate : null,
        outcome_summary: s.icpcNotRequired ? `No conference needed. ${NOT_IN_CENSUS} (the end date)` : null,
        recorded_by: this.actor,
      })
      .execute();
    await this.event('strategy.discussion', s.startDate, 'strategy_discussion', discussionId, enquiryId, 'Strategy discussion (imported: date of the enquiry’s start)');
    await this.event('s47.initiated', s.startDate, 's47_enquiry', enquiryId, enquiryId, 'Section 47 enquiry started (imported)');
    if (s.icpcNotRequired) await this.event('s47.ended-without-conference', s.startDate, 's47_enquiry', enquiryId, enquiryId, 'Section 47 enquiry ended: no conference (imported)');
    this.count(this.created, 'section47');
    if (s.icpcDate) {
      const planId = plans.get(s.icpcDate) ?? null;
      const plan = cpPlans.find((p) => p.startDate === s.icpcDate);
      const id = randomUUID();
      await this.tx
        .insertInto('child_protection_conference')
        .values({ id, child_id: this.childId, kind: 'initial', enquiry_id: enquiryId, plan_id: planId, held_on: s.icpcDate, chair_id: this.chair, attendees: JSON.stringify([]), family_attended: JSON.stringify([]), decision: planId ? 'PLAN' : 'NO_PLAN', category_of_abuse: plan?.initialCategory ?? null, summary: NOT_IN_CENSUS, recorded_by: this.actor })
        .execute();
      await this.event('icpc.held', s.icpcDate, 'child_protection_conference', id, enquiryId, 'Initial child protection conference (imported)');
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

/** Imports the file; the report says what became of every child and every fact in it. */
export async function importCensusFile(db: Db, xml: string, options: ImportOptions): Promise<ImportReport> {
  const file = readCensusFile(xml);
  const report = emptyReport(file.year, file.children.length);
  const chair = await unknownChair(db);
  for (const fileChild of file.children) {
    await importChild(db, fileChild, chair, options, report);
    await options.onProgress?.(fileChild.position, file.children.length);
  }
  if (file.year !== null) {
    // The file beside Lantern's own return for its year: what is now held differently is said.
    const rejectedWhole = new Set(report.rejected.filter((r) => r.kind === 'child').map((r) => r.position));
    const held = await readCensusReturn(db, collectionYear(file.year), { laNumber: '', madeAt: '' });
    report.differences = differences(file.children.filter((c) => !rejectedWhole.has(c.position)).map((c) => c.child), held.children);
  }
  return report;
}

async function importChild(db: Db, fileChild: FileChild, chair: string, options: ImportOptions, report: ImportReport): Promise<void> {
  const { child: c, position } = fileChild;
  const laChildId = c.laChildId;
  const rejectWhole = (reason: string, where = '') => {
    report.add('child', 'rejected', 1);
    report.rejected.push({ position, laChildId, kind: 'child', where, reason });
    for (const [kind, n] of Object.entries(factsIn(c)) as [FactKind, number][]) report.add(kind, 'rejected', n);
  };
  if (!laChildId) return rejectWhole('No LAchildID: Lantern keeps each child by the council’s ID, so that a second import finds them');
  if (c.birthDate === null && c.expectedBirthDate === null) return rejectWhole('Neither PersonBirthDate nor ExpectedPersonBirthDate: a child’s record starts from one of them');
  // A value the file could not give (a malformed date) makes the child's facts unsafe to guess at.
  if (fileChild.problems.length > 0) return rejectWhole(fileChild.problems.map((p: FileProblem) => `${p.where}: ${p.reason}`).join('; '));
  if (c.deathDate !== null && c.birthDate !== null && c.deathDate < c.birthDate) return rejectWhole('PersonDeathDate is before PersonBirthDate');
  try {
    const writer = await db.transaction().execute(async (tx) => {
      const w = new ChildWriter(tx, options.actorId, chair, options.today);
      await w.child(c, laChildId);
      await refreshClocks(tx, w.childId);
      return w;
    });
    for (const [kind, n] of writer.created) report.add(kind, 'created', n);
    for (const [kind, n] of writer.matched) report.add(kind, 'alreadyInLantern', n);
    for (const r of writer.rejected) {
      report.add(r.kind, 'rejected', r.count);
      report.rejected.push({ position, laChildId, kind: r.kind, where: r.where, reason: r.message });
    }
  } catch (error) {
    // A constraint the checks above did not foresee: the child is rejected whole, with the reason.
    const constraint = (error as { constraint?: string }).constraint;
    rejectWhole(`The record refused it${constraint ? ` (${constraint})` : ''}: ${(error as Error).message.split('\n')[0]}`);
  }
}
