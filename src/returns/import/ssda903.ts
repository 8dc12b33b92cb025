// Moving to Lantern from another system: an SSDA903 return's Header, Episodes and Reviews become
// children, periods of care with their placements and legal statuses, and looked-after reviews (issue
// 10, decision 0040), written as the CIN census import writes (decision 0039): each fact with its journal
// event, each child in one transaction, the clocks derived once per child, natural keys so a second
// import creates nothing, and every row counted as created, already in Lantern or rejected with the
// reason. Lantern stores no episodes: it stores what they are cut from (decision 0010), so a run of
// episodes becomes a period of care, a placement wherever the placement changes and a legal status
// wherever the status changes, and episodesOf() gives the same rows back. The other tables follow,
// once the periods they belong to are in: ssda903-child-items.ts (UASC, PrevPerm, OC3, OC2),
// ssda903-care-items.ts (Missing, DoLo, SWEpisodes) and ssda903-adoption.ts (PlacedAdoption, AD1).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/history.ts';
import { refreshClocks } from '../../clocks/refresh.ts';
import type { Ssda903Child, Ssda903Episode } from '../ssda903/model.ts';
import { readSsda903Return } from '../ssda903/extract.ts';
import { collectionYear, type CollectionYear } from '../ssda903/year.ts';
import { readSsda903Files, type File903Child } from './read-ssda903.ts';
import { MORE_TABLES } from './read-ssda903-tables.ts';
import { periodRuns, type PeriodRun } from './ssda903-episodes.ts';
import { codeIn, NOT_IN_903, Writer903 } from './ssda903-writer.ts';
import { REVIEW_PARTICIPATION } from '../../codes/ssda903.ts';
import { importOc2, importOc3, importPrevPerm, importUasc } from './ssda903-child-items.ts';
import { importDolo, importMissing, importSwEpisodes } from './ssda903-care-items.ts';
import { importAd1, importPlacedAdoption } from './ssda903-adoption.ts';
import { differences903 } from './differences-903.ts';
import { emptyReport, FACT_NAMES, SSDA903_KINDS, SSDA903_TABLE_KIND, type FactKind, type ImportReport } from './report.ts';

const UNKNOWN_IRO = { username: 'imported-iro-not-known', displayName: 'IRO not known (imported from an SSDA903 return)' };

async function unknownIro(db: Db): Promise<string> {
  await db
    .insertInto('app_user')
    .values({ id: randomUUID(), username: UNKNOWN_IRO.username, display_name: UNKNOWN_IRO.displayName, role: 'iro', password_hash: '!', active: false })
    .onConflict((oc) => oc.column('username').doNothing())
    .execute();
  return (await db.selectFrom('app_user').select('id').where('username', '=', UNKNOWN_IRO.username).executeTakeFirstOrThrow()).id;
}

const samePlacement = (a: Ssda903Episode, b: Ssda903Episode) => a.place === b.place && a.placeProvider === b.placeProvider && a.plPost === b.plPost && a.urn === b.urn;

class ChildWriter903 extends Writer903 {
  constructor(tx: Db, actor: string, private readonly iro: string, today: string, year: CollectionYear | null) {
    super(tx, actor, today, year);
  }

  async child(c: Ssda903Child, laChildId: string, f: File903Child): Promise<void> {
    const existing = await this.tx.selectFrom('person').select('id').where('la_child_id', '=', laChildId).where('deleted_at', 'is', null).executeTakeFirst();
    if (existing) {
      this.childId = existing.id;
      this.outcomes.push({ kind: 'child', outcome: 'alreadyInLantern', n: 1 });
    } else {
      this.childId = randomUUID();
      this.createdNow = true;
      await this.tx
        .insertInto('person')
        .values({
          id: this.childId,
          kind: 'child',
          first_name: 'Name not known',
          last_name: `(LA child ID ${laChildId})`,
          date_of_birth: c.dob,
          sex: c.sex,
          ethnicity: c.ethnic,
          la_child_id: laChildId,
          // UN1-UN5 say why there is no UPN; Lantern derives them from the record (decision 0030).
          upn: c.upn && !/^UN\d$/.test(c.upn) ? c.upn : null,
          recorded_by: this.actor,
        })
        .execute();
      await this.event('person.created', this.today, 'person', this.childId, this.childId, `Record created from an SSDA903 return (LA child ID ${laChildId})`);
      this.outcomes.push({ kind: 'child', outcome: 'created', n: 1 });
    }
    for (const run of periodRuns(c.episodes, f.episodeRows)) await this.period(run);
    for (const [i, r] of c.reviews.entries()) await this.review(r, `Reviews row ${f.reviewRows[i] ?? i + 1}`);
    this.dob = c.dob!;
    // The other tables, once the periods of care they belong to are in.
    await importUasc(this, f.more.UASC);
    await importPrevPerm(this, f.more.PrevPerm);
    await importMissing(this, f.more.Missing);
    await importDolo(this, f.more.DoLo);
    await importSwEpisodes(this, f.more.SWEpisodes);
    await importPlacedAdoption(this, f.more.PlacedAdoption);
    await importAd1(this, f.more.AD1);
    await importOc3(this, f.more.OC3);
    importOc2(this, f.more.OC2);
  }

  private async period(run: PeriodRun): Promise<void> {
    const n = run.episodes.length;
    const first = run.episodes[0]!;
    if (run.problem) {
      this.outcomes.push({ kind: 'careEpisode', outcome: 'rejected', n: 1, where: run.problem.where, reason: run.problem.reason });
      if (n > 1) this.outcomes.push({ kind: 'careEpisode', outcome: 'rejected', n: n - 1, where: `Episodes rows ${run.episodes.map((x) => x.row).join(', ')}`, reason: `${n - 1} other episode(s) of the same period of care, rejected with it` });
      return;
    }
    const last = run.episodes.at(-1)!.e;
    const start = first.e.decom;
    const end = last.rec !== 'X1' ? last.dec : null;
    const existing = await this.tx.selectFrom('care_period').select('id').where('child_id', '=', this.childId).where('started_on', '=', start).where('deleted_at', 'is', null).executeTakeFirst();
    if (existing) {
      // What Lantern holds is not changed (a correction made since is kept); an episode it does not hold is said.
      const starts = new Set(
        (
          await sql<{ d: string }>`SELECT started_on::text AS d FROM placement WHERE period_id = ${existing.id} AND deleted_at IS NULL
            UNION SELECT started_on::text FROM legal_status WHERE period_id = ${existing.id} AND deleted_at IS NULL`.execute(this.tx)
        ).rows.map((r) => r.d),
      );
      for (const { e, row } of run.episodes) {
        if (starts.has(e.decom)) this.outcomes.push({ kind: 'careEpisode', outcome: 'alreadyInLantern', n: 1 });
        else this.outcomes.push({ kind: 'careEpisode', outcome: 'rejected', n: 1, where: `Episodes row ${row}`, reason: `The period of care from ${start} is already in Lantern without this episode: a period held is not changed by an import; record the change in Lantern` });
      }
      return;
    }
    const overlap = await this.tx
      .selectFrom('care_period')
      .select(sql<string>`started_on::text`.as('started_on'))
      .where('child_id', '=', this.childId)
      .where('deleted_at', 'is', null)
      .where('started_on', '<=', end ?? '9999-12-31')
      .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', start)]))
      .executeTakeFirst();
    if (overlap) {
      this.outcomes.push({ kind: 'careEpisode', outcome: 'rejected', n, where: `Episodes rows ${run.episodes.map((x) => x.row).join(', ')}`, reason: `The period of care overlaps the one from ${overlap.started_on} already in Lantern: a child has one period of care at a time` });
      return;
    }
    const periodId = randomUUID();
    await this.tx
      .insertInto('care_period')
      .values({ id: periodId, child_id: this.childId, started_on: start, ended_on: end, reason_ceased: end ? last.rec : null, category_of_need: first.e.cin, home_postcode: first.e.homePost, decided_by: NOT_IN_903, alternatives_considered: null, episode_id: null, recorded_by: this.actor })
      .execute();
    await this.event('care.started', start, 'care_period', periodId, periodId, 'Started to be looked after (imported)');
    // A placement wherever the placement changes, a legal status wherever the status changes.
    const placements: { from: number; e: Ssda903Episode }[] = [];
    const statuses: { from: number; e: Ssda903Episode }[] = [];
    run.episodes.forEach(({ e }, i) => {
      const prev = run.episodes[i - 1]?.e;
      if (!prev || ['P', 'T', 'U', 'B'].includes(e.rne) || !samePlacement(prev, e)) placements.push({ from: i, e });
      if (!prev || ['L', 'U', 'B'].includes(e.rne) || prev.ls !== e.ls) statuses.push({ from: i, e });
    });
    for (const [j, s] of statuses.entries()) {
      const next = statuses[j + 1];
      const id = randomUUID();
      await this.tx
        .insertInto('legal_status')
        .values({ id, period_id: periodId, child_id: this.childId, started_on: s.e.decom, ended_on: next ? next.e.decom : end, legal_status: s.e.ls, recorded_by: this.actor })
        .execute();
      if (j > 0) await this.event('legal-status.changed', s.e.decom, 'legal_status', id, periodId, `Legal status changed to ${s.e.ls} (imported)`);
    }
    for (const [j, p] of placements.entries()) {
      const next = placements[j + 1];
      const lastOfIt = run.episodes[(next ? next.from : n) - 1]!.e;
      const id = randomUUID();
      const ended = next ? next.e.decom : end;
      await this.tx
        .insertInto('placement')
        .values({
          id,
          period_id: periodId,
          child_id: this.childId,
          started_on: p.e.decom,
          ended_on: ended,
          placement_type: p.e.place,
          provider: p.e.placeProvider,
          carer_name: 'Not known (imported from an SSDA903 return)',
          urn: p.e.urn,
          postcode: p.e.plPost,
          same_carers: p.from > 0 && (p.e.rne === 'T' || p.e.rne === 'U'),
          change_reason: next ? lastOfIt.reasonPlaceChange : null,
          // Not in the return: the distance and host council follow from the postcode once Lantern holds its centroid.
          distance_miles: null,
          host_council: null,
          in_council_area: null,
          intended_until_18: false,
          plan_agreed_on: null,
          notified_on: null,
          fostering_household_id: null,
          recorded_by: this.actor,
        })
        .execute();
      await this.event('placement.started', p.e.decom, 'placement', id, id, `Placement ${p.e.place} started (imported)`);
      if (ended) await this.event('placement.ended', ended, 'placement', id, id, `Placement ${p.e.place} ended (imported)`);
    }
    if (end) await this.event('care.ended', end, 'care_period', periodId, periodId, `Ceased to be looked after: ${last.rec} (imported)`);
    this.outcomes.push({ kind: 'careEpisode', outcome: 'created', n });
  }

  private async review(r: { review: string; reviewCode: string }, where: string): Promise<void> {
    if (!r.review) return void this.outcomes.push({ kind: 'lookedAfterReview', outcome: 'rejected', n: 1, where, reason: 'No REVIEW date' });
    if (!r.reviewCode) return void this.outcomes.push({ kind: 'lookedAfterReview', outcome: 'rejected', n: 1, where, reason: 'No REVIEW_CODE: how the child took part' });
    if (!codeIn(REVIEW_PARTICIPATION, r.reviewCode)) return void this.outcomes.push({ kind: 'lookedAfterReview', outcome: 'rejected', n: 1, where, reason: `REVIEW_CODE “${r.reviewCode}” is not one of the return’s codes (PN0-PN7)` });
    const existing = await this.tx.selectFrom('looked_after_review').select('id').where('child_id', '=', this.childId).where('held_on', '=', r.review).where('deleted_at', 'is', null).executeTakeFirst();
    if (existing) return void this.outcomes.push({ kind: 'lookedAfterReview', outcome: 'alreadyInLantern', n: 1 });
    const period = await this.tx
      .selectFrom('care_period')
      .select('id')
      .where('child_id', '=', this.childId)
      .where('deleted_at', 'is', null)
      .where('started_on', '<=', r.review)
      .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>=', r.review)]))
      .executeTakeFirst();
    if (!period) return void this.outcomes.push({ kind: 'lookedAfterReview', outcome: 'rejected', n: 1, where, reason: `No period of care in Lantern on ${r.review}: a looked-after review belongs to one` });
    const id = randomUUID();
    await this.tx
      .insertInto('looked_after_review')
      .values({ id, period_id: period.id, child_id: this.childId, held_on: r.review, chair_id: this.iro, participation: r.reviewCode, permanence_plan: null, decisions: NOT_IN_903, recorded_by: this.actor })
      .execute();
    await this.event('looked-after-review.held', r.review, 'looked_after_review', id, period.id, 'Looked-after review (imported)');
    this.outcomes.push({ kind: 'lookedAfterReview', outcome: 'created', n: 1 });
  }
}

export interface Import903Options {
  actorId: string;
  today: string;
  /** The collection year the return is for (ending 31 March of it): the file beside Lantern's own. */
  year: number | null;
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

/** Imports the return's files; the report says what became of every row in them. */
export async function importSsda903Files(db: Db, files: readonly { fileName: string; text: string }[], options: Import903Options): Promise<ImportReport> {
  const file = readSsda903Files(files);
  const report = emptyReport(options.year, file.children.length, SSDA903_KINDS);
  for (const o of file.orphans) {
    const kind = SSDA903_TABLE_KIND[o.table] ?? 'child';
    report.add(kind, 'rejected', 1);
    report.rejected.push({ position: 0, laChildId: o.laChildId || null, kind, where: `${o.table} row ${o.row}`, reason: o.laChildId ? `No Header row for CHILD ${o.laChildId}` : 'No CHILD' });
  }
  const iro = await unknownIro(db);
  for (const f of file.children) {
    await importChild(db, f, iro, options, report);
    await options.onProgress?.(f.position, file.children.length);
  }
  if (options.year !== null) {
    const rejectedWhole = new Set(report.rejected.filter((r) => r.kind === 'child').map((r) => r.position));
    const held = await readSsda903Return(db, collectionYear(options.year), { laNumber: '', madeAt: '' }, options.today);
    report.differences = differences903(file.children.filter((c) => !rejectedWhole.has(c.position)).map((c) => c.child), held.children);
  }
  return report;
}

async function importChild(db: Db, f: File903Child, iro: string, options: Import903Options, report: ImportReport): Promise<void> {
  const { child: c, position } = f;
  const laChildId = c.child;
  const rejectWhole = (reason: string) => {
    report.add('child', 'rejected', 1);
    report.rejected.push({ position, laChildId, kind: 'child', where: `Header row ${position}`, reason });
    report.add('careEpisode', 'rejected', c.episodes.length);
    report.add('lookedAfterReview', 'rejected', c.reviews.length);
    if (c.episodes.length + c.reviews.length > 0) report.rejected.push({ position, laChildId, kind: 'careEpisode', where: 'Episodes and Reviews', reason: `${c.episodes.length} ${FACT_NAMES.careEpisode} and ${c.reviews.length} ${FACT_NAMES.lookedAfterReview} of this child, rejected with them` });
    for (const table of MORE_TABLES) {
      const n = f.more[table].length;
      if (n === 0) continue;
      const kind = SSDA903_TABLE_KIND[table]!;
      report.add(kind, 'rejected', n);
      report.rejected.push({ position, laChildId, kind, where: `${table} (${n} row${n === 1 ? '' : 's'})`, reason: 'Rejected with the child' });
    }
  };
  if (!laChildId) return rejectWhole('No CHILD: Lantern keeps each child by the council’s ID, so that a second import finds them');
  if (!c.dob) return rejectWhole(f.problems.length ? f.problems.map((p) => `${p.where}: ${p.reason}`).join('; ') : 'No DOB: a child’s record starts from their date of birth');
  if (f.problems.length > 0) return rejectWhole(f.problems.map((p) => `${p.where}: ${p.reason}`).join('; '));
  const early = c.episodes.find((e) => e.decom && e.decom < c.dob!);
  if (early) return rejectWhole(`An episode starts (${early.decom}) before the child’s DOB`);
  try {
    const writer = await db.transaction().execute(async (tx) => {
      const w = new ChildWriter903(tx, options.actorId, iro, options.today, options.year === null ? null : collectionYear(options.year));
      await w.child(c, laChildId, f);
      await refreshClocks(tx, w.childId);
      return w;
    });
    for (const o of writer.outcomes) {
      report.add(o.kind, o.outcome, o.n);
      if (o.outcome === 'rejected') report.rejected.push({ position, laChildId, kind: o.kind, where: o.where ?? '', reason: o.reason ?? '' });
    }
  } catch (error) {
    const constraint = (error as { constraint?: string }).constraint;
    rejectWhole(`The record refused it${constraint ? ` (${constraint})` : ''}: ${(error as Error).message.split('\n')[0]}`);
  }
}
