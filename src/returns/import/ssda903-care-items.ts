// The SSDA903 tables of dated events while looked after: Missing (missing_episode), DoLo (liberty_order)
// and SWEpisodes (allocation of a social worker). Matched on the child and the day each began, so a
// second import creates nothing (decision 0040).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { londonInstant } from '../../missing/london-time.ts';
import { MISSING_EPISODE_TYPE, SW_CHANGE_REASON } from '../../codes/ssda903.ts';
import { swIdOf } from '../ssda903/mapping.ts';
import type { Ssda903Dolo, Ssda903Missing, Ssda903SwEpisode } from '../ssda903/model.ts';
import type { Row903 } from './read-ssda903-tables.ts';
import { codeIn, heldDifferently, NOT_IN_903, type Writer903 } from './ssda903-writer.ts';

/**
 * Missing: the return has days, not times. The episode is held from the first minute of the day the
 * child went missing to the last minute of the day they came back, so it covers the days the file says
 * and the return writes the same days back; the chronology says the times are not known.
 */
export async function importMissing(w: Writer903, rows: Row903<Ssda903Missing>[]): Promise<void> {
  for (const { row, value: m, problem } of rows) {
    const where = `Missing row ${row}`;
    if (problem) { w.rejected('missing', where, problem); continue; }
    if (!codeIn(MISSING_EPISODE_TYPE, m.missing)) { w.rejected('missing', where, `MISSING “${m.missing}” is not M (missing) or A (away without authorisation)`); continue; }
    if (m.misEnd && m.misEnd < m.misStart) { w.rejected('missing', where, 'MIS_END is before MIS_START'); continue; }
    if (m.misStart < w.dob || m.misStart > w.today || (m.misEnd && m.misEnd > w.today)) { w.rejected('missing', where, 'MIS_START or MIS_END is before the child’s DOB or in the future'); continue; }
    const held = await sql<{ returned: string | null }>`SELECT (returned_at AT TIME ZONE 'Europe/London')::date::text AS returned FROM missing_episode
      WHERE child_id = ${w.childId} AND deleted_at IS NULL AND kind = ${m.missing} AND (went_missing_at AT TIME ZONE 'Europe/London')::date = ${m.misStart}::date`.execute(w.tx);
    const h = held.rows[0];
    if (h) {
      if (h.returned === m.misEnd) w.already('missing');
      else w.rejected('missing', where, heldDifferently(`the episode from ${m.misStart}`, `returned ${h.returned ?? 'not yet'}`, `returned ${m.misEnd ?? 'not yet'}`));
      continue;
    }
    const went = londonInstant(m.misStart, '00:00')!;
    const returned = m.misEnd ? londonInstant(m.misEnd, '23:59') : null;
    const id = randomUUID();
    await w.tx
      .insertInto('missing_episode')
      .values({ id, child_id: w.childId, went_missing_at: went, returned_at: returned, kind: m.missing as 'M' | 'A', reported_to_police_at: null, where_found: null, placement_id: await w.placementOn(m.misStart), recorded_by: w.actor })
      .execute();
    const what = m.missing === 'M' ? 'Went missing' : 'Away from placement without authorisation';
    await w.event('missing.started', m.misStart, 'missing_episode', id, id, `${what} (imported: the time is not known)`);
    if (m.misEnd) await w.event('missing.returned', m.misEnd, 'missing_episode', id, id, 'Returned (imported: the time is not known)');
    w.created('missing');
  }
}

/**
 * DoLo: an order depriving a child of liberty, in a period of care. The return gives its start and
 * end only: the court and the kind of order (s.25 relevant accommodation or the High Court) are not
 * in it, and an order still in force needs the last day it authorises, which the return does not
 * hold, so only an ended order is imported; it is held as ending on the day it ended.
 */
export async function importDolo(w: Writer903, rows: Row903<Ssda903Dolo>[]): Promise<void> {
  for (const { row, value: d, problem } of rows) {
    const where = `DoLo row ${row}`;
    if (problem) { w.rejected('dolo', where, problem); continue; }
    if (d.doloEnd && d.doloEnd < d.doloStart) { w.rejected('dolo', where, 'DOLO_END is before DOLO_START'); continue; }
    const held = await w.tx.selectFrom('liberty_order').select(['ended_on', 'expires_on']).where('child_id', '=', w.childId).where('made_on', '=', d.doloStart).where('kind', '<>', 'secure_accommodation').where('deleted_at', 'is', null).executeTakeFirst();
    if (held) {
      const end = held.ended_on ?? (held.expires_on < w.today ? held.expires_on : null);
      if (end === d.doloEnd) w.already('dolo');
      else w.rejected('dolo', where, heldDifferently(`the order from ${d.doloStart}`, `ending ${end ?? 'not yet'}`, `ending ${d.doloEnd ?? 'not yet'}`));
      continue;
    }
    if (!d.doloEnd) { w.rejected('dolo', where, 'An order still in force needs the last day it authorises and the court that made it, which the return does not hold: record the order in Lantern'); continue; }
    const period = await w.periodOn(d.doloStart);
    if (!period) { w.rejected('dolo', where, `No period of care in Lantern on ${d.doloStart}: an order depriving a child of liberty belongs to one`); continue; }
    const id = randomUUID();
    await w.tx
      .insertInto('liberty_order')
      .values({ id, child_id: w.childId, period_id: period.id, placement_id: await w.placementOn(d.doloStart), kind: 'relevant_accommodation', court: NOT_IN_903, case_number: null, made_on: d.doloStart, expires_on: d.doloEnd, ended_on: d.doloEnd, end_reason: NOT_IN_903, recorded_by: w.actor })
      .execute();
    await w.event('liberty.authorised', d.doloStart, 'liberty_order', id, id, `Deprivation of liberty authorised, until ${d.doloEnd} (imported: the court and kind of order are not known)`);
    await w.event('liberty.ended', d.doloEnd, 'liberty_order', id, id, 'Deprivation of liberty ended (imported)');
    w.created('dolo');
  }
}

const IMPORTED_SW = (swId: string) => `imported-sw-${swId.toLowerCase()}`;

/**
 * The worker an SW_ID names: a Lantern account whose return ID it is (swIdOf), else an inactive
 * account made for it, named by it. Lantern writes "XX" and the first eight characters of the
 * account's id until it holds Social Work England numbers (mapping.ts), so an account made for an
 * XX ID begins with the same eight characters: the return writes the same ID back.
 */
async function workerFor(w: Writer903, swId: string): Promise<string> {
  const own = /^XX([0-9A-F]{8})$/.exec(swId);
  if (own) {
    const held = await w.tx.selectFrom('app_user').select('id').where(sql<boolean>`id::text LIKE ${`${own[1]!.toLowerCase()}%`}`).executeTakeFirst();
    if (held && swIdOf(held.id) === swId) return held.id;
  }
  const made = await w.tx.selectFrom('app_user').select('id').where('username', '=', IMPORTED_SW(swId)).executeTakeFirst();
  if (made) return made.id;
  const id = own ? `${own[1]!.toLowerCase()}${randomUUID().slice(8)}` : randomUUID();
  await w.tx
    .insertInto('app_user')
    .values({ id, username: IMPORTED_SW(swId), display_name: `Social worker ${swId} (imported from an SSDA903 return)`, role: 'social_worker', password_hash: '!', active: false })
    .execute();
  return id;
}

/**
 * SWEpisodes: each an allocation of a social worker. SW_REASON says why the episode ended; Lantern
 * keeps it on the allocation that starts with the change, so it goes on the next episode's.
 */
export async function importSwEpisodes(w: Writer903, rows: Row903<Ssda903SwEpisode>[]): Promise<void> {
  const sorted = [...rows].sort((a, b) => a.value.swDecom.localeCompare(b.value.swDecom));
  for (const [i, { row, value: s, problem }] of sorted.entries()) {
    const where = `SWEpisodes row ${row}`;
    if (problem) { w.rejected('swEpisode', where, problem); continue; }
    if (s.swDec && s.swDec < s.swDecom) { w.rejected('swEpisode', where, 'SW_DEC is before SW_DECOM'); continue; }
    if (s.swReason && !codeIn(SW_CHANGE_REASON, s.swReason)) { w.rejected('swEpisode', where, `SW_REASON “${s.swReason}” is not a code`); continue; }
    if (s.swDecom < w.dob || s.swDecom > w.today) { w.rejected('swEpisode', where, 'SW_DECOM is before the child’s DOB or in the future'); continue; }
    const worker = await workerFor(w, s.swId);
    const held = await w.tx.selectFrom('allocation').select(['to_date']).where('child_id', '=', w.childId).where('worker_id', '=', worker).where('role', '=', 'social_worker').where('from_date', '=', s.swDecom).where('deleted_at', 'is', null).executeTakeFirst();
    if (held) {
      if (held.to_date === s.swDec) w.already('swEpisode');
      else w.rejected('swEpisode', where, heldDifferently(`the allocation from ${s.swDecom}`, `ending ${held.to_date ?? 'not yet'}`, `ending ${s.swDec ?? 'not yet'}`));
      continue;
    }
    const overlap = await w.tx
      .selectFrom('allocation')
      .select(sql<string>`from_date::text`.as('from_date'))
      .where('child_id', '=', w.childId)
      .where('role', '=', 'social_worker')
      .where('deleted_at', 'is', null)
      .where('from_date', '<', s.swDec ?? '9999-12-31')
      .where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>', s.swDecom)]))
      .executeTakeFirst();
    if (overlap) { w.rejected('swEpisode', where, `The child has a social worker in Lantern from ${overlap.from_date} at the same time: one social worker at a time`); continue; }
    const before = sorted[i - 1];
    const changeReason = before && before.problem === null && before.value.swDec === s.swDecom ? before.value.swReason : null;
    const id = randomUUID();
    await w.tx.insertInto('allocation').values({ id, child_id: w.childId, worker_id: worker, role: 'social_worker', from_date: s.swDecom, to_date: s.swDec, change_reason: changeReason, recorded_by: w.actor }).execute();
    await w.event('allocation.started', s.swDecom, 'allocation', id, null, `Social worker ${s.swId} allocated (imported)`);
    if (s.swDec) await w.event('allocation.ended', s.swDec, 'allocation', id, null, `Social worker ${s.swId} no longer allocated (imported)`);
    w.created('swEpisode');
  }
}
