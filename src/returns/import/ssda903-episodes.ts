// An SSDA903 return's episodes cut into periods of care (decision 0040): a run of episodes joined end to
// start by X1 is one period, and the first thing wrong with any of its episodes (a missing date, a
// code that is not the return's, DEC before DECOM) rejects the whole run, since half a period would
// make wrong episodes.
import type { Ssda903Episode } from '../ssda903/model.ts';
import { CATEGORY_OF_NEED, LEGAL_STATUS, PLACEMENT_PROVIDER, PLACEMENT_TYPE, REASON_EPISODE_CEASED, REASON_PLACE_CHANGE } from '../../codes/ssda903.ts';
import { codeIn } from './ssda903-writer.ts';

const RNE_CODES = ['S', 'P', 'L', 'T', 'U', 'B'];

/** A run of episodes joined end to start by X1: one period of care. */
export interface PeriodRun {
  episodes: { e: Ssda903Episode; row: number }[];
  problem: { where: string; reason: string } | null;
}

/** Cuts a child's episodes into periods of care, with the first thing wrong with each. */
export function periodRuns(episodes: readonly Ssda903Episode[], rows: readonly number[]): PeriodRun[] {
  const sorted = episodes.map((e, i) => ({ e, row: rows[i] ?? i + 1 })).sort((a, b) => a.e.decom.localeCompare(b.e.decom));
  const runs: PeriodRun[] = [];
  let current: PeriodRun | null = null;
  for (const item of sorted) {
    const { e, row } = item;
    const where = `Episodes row ${row}`;
    const prev = current?.episodes.at(-1)?.e;
    if (!current || !prev || prev.rec !== 'X1' || prev.dec !== e.decom) {
      if (current && prev && prev.rec === 'X1' && !current.problem) current.problem = { where, reason: `The episode before it ends ${prev.dec} with X1 (a new episode follows), but this one starts ${e.decom}: episodes of a period follow on day to day` };
      current = { episodes: [], problem: null };
      runs.push(current);
    }
    current.episodes.push(item);
    const problem = !e.decom
      ? 'No DECOM: an episode starts on a date'
      : !RNE_CODES.includes(e.rne)
        ? `RNE “${e.rne}” is not a reason for a new episode (S, P, L, T, U or B)`
        : !e.ls || !e.cin || !e.place
          ? 'LS, CIN and PLACE are needed on every episode'
          : unknownCode(e)
            ? unknownCode(e)
          : e.dec !== null && e.dec < e.decom
            ? 'DEC is before DECOM'
            : (e.dec === null) !== (e.rec === null)
              ? 'An episode that ends needs both DEC and REC (and one still open neither)'
              : null;
    if (problem && !current.problem) current.problem = { where, reason: problem };
  }
  const last = runs.at(-1)?.episodes.at(-1);
  if (last && last.e.rec === 'X1' && runs.at(-1) && !runs.at(-1)!.problem) runs.at(-1)!.problem = { where: `Episodes row ${last.row}`, reason: 'The last episode ends with X1 (a new episode follows), but none follows it' };
  return runs;
}

/** The first code of an episode that is not the return's (the record keeps the 903's own codes). */
function unknownCode(e: Ssda903Episode): string | null {
  const lists: [string, string | null, readonly { code: string }[]][] = [
    ['LS', e.ls, LEGAL_STATUS], ['CIN', e.cin, CATEGORY_OF_NEED], ['PLACE', e.place, PLACEMENT_TYPE], ['PLACE_PROVIDER', e.placeProvider, PLACEMENT_PROVIDER],
    ['REC', e.rec, REASON_EPISODE_CEASED], ['REASON_PLACE_CHANGE', e.reasonPlaceChange, REASON_PLACE_CHANGE],
  ];
  const bad = lists.find(([, value, list]) => value !== null && !codeIn(list, value));
  return bad ? `${bad[0]} “${bad[1]}” is not one of the return’s codes` : null;
}

