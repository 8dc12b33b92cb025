// A synthetic SSDA903 return "from another system", for the round-trip test and for trying the import by
// hand: children who came into care in the collection year, with moves of placement and changes of
// legal status, some leaving care, and their reviews; every episode is as Lantern would cut it from the
// changes it records (episodesOf: a move is P or T, a change of status L, both B; X1 between episodes;
// REASON_PLACE_CHANGE on the episode a move ends), so that importing it and exporting the same year gives
// the same children and values back (decision 0040).
import { addDays } from '../../calendar/index.ts';
import { ETHNICITY, codesOf } from '../../codes/index.ts';
import { Random } from '../../synth/random.ts';
import type { Ssda903Child, Ssda903Episode, Ssda903Return } from '../ssda903/model.ts';
import { schoolAge } from '../ssda903/mapping.ts';
import { SSDA903_TABLES, tableCsv } from '../ssda903/tables.ts';
import { collectionYear } from '../ssda903/year.ts';

const ETHNICITIES = codesOf(ETHNICITY).filter((e) => e !== 'NOBT' && e !== 'REFU');
const PLACEMENTS = [
  { place: 'U4', provider: 'PR1' },
  { place: 'U6', provider: 'PR4' },
  { place: 'U3', provider: 'PR1' },
  { place: 'K2', provider: 'PR4' },
] as const;

/** A return of `count` children for the collection year ending 31 March of `year`. */
export function exampleSsda903(count: number, year = 2026, seed = 'example-ssda903'): Ssda903Return {
  const rng = new Random(seed);
  const y = collectionYear(year);
  const children: Ssda903Child[] = [];
  for (let i = 1; i <= count; i++) {
    const age = rng.int(0, 16);
    const dob = addDays(`${year - 1 - age}-01-01`, rng.int(0, 364));
    const drawn = addDays(y.start, rng.int(0, 250));
    const start = drawn < dob ? addDays(dob, rng.int(0, 10)) : drawn;
    const cin = rng.pick(['N1', 'N2', 'N4', 'N5'] as const);
    const home = `BW${rng.int(1, 9)} ${rng.int(1, 9)}AB`;
    const placementOf = () => {
      const p = rng.pick(PLACEMENTS);
      return { place: p.place, placeProvider: p.provider, plPost: `KQ${rng.int(1, 9)} ${rng.int(1, 9)}XY`, urn: p.place === 'K2' ? `SC${rng.int(100000, 999999)}` : null };
    };
    const episodes: Ssda903Episode[] = [];
    let current: Ssda903Episode = { decom: start, rne: 'S', ls: rng.pick(['V2', 'C1', 'C2'] as const), cin, ...placementOf(), dec: null, rec: null, reasonPlaceChange: null, homePost: home, plDistance: null, plLa: null, plLocation: null, periodStart: '' };
    let day = start;
    for (let changes = rng.int(0, 3); changes > 0; changes--) {
      day = addDays(day, rng.int(20, 80));
      if (day > y.end) break;
      const rne = rng.pick(['P', 'L', 'B', 'T'] as const);
      const moves = rne !== 'L';
      episodes.push({ ...current, dec: day, rec: 'X1', reasonPlaceChange: moves ? rng.pick(['CARPL', 'CREQB', 'CHILD'] as const) : null });
      current = { ...current, decom: day, rne, dec: null, rec: null, reasonPlaceChange: null };
      if (moves) Object.assign(current, rne === 'T' ? { plPost: current.plPost } : placementOf());
      if (rne === 'L' || rne === 'B') current.ls = current.ls === 'C2' ? 'V2' : 'C2';
    }
    const leaves = addDays(day, rng.int(20, 120));
    const end = rng.chance(0.35) && leaves <= y.end ? leaves : null;
    episodes.push(end ? { ...current, dec: end, rec: rng.pick(['E4A', 'E13', 'E8'] as const) } : current);
    const reviews = [];
    for (let r = addDays(start, rng.int(15, 28)); r <= (end ?? y.end); r = addDays(r, rng.int(90, 180))) reviews.push({ review: r, reviewCode: age < 4 ? 'PN0' : rng.pick(['PN1', 'PN2', 'PN5'] as const) });
    const sex = rng.pick(['M', 'F'] as const);
    children.push({
      childId: '',
      child: `OLD903${String(i).padStart(5, '0')}`,
      sex,
      dob,
      ethnic: rng.pick(ETHNICITIES),
      upn: schoolAge(dob, y) ? `A${String(900000000000 + i * 7).slice(0, 12)}` : 'UN1',
      mother: sex === 'F' ? '0' : null,
      mcDob: null,
      uasc: false,
      duc: null,
      episodes,
      reviews,
      missing: [],
      oc2: null,
      oc3: null,
      ad1: null,
      placedAdoption: [],
      prevPerm: null,
      swEpisodes: [],
      dolo: [],
    });
  }
  return { header: { year, start: y.start, end: y.end, laNumber: '999', madeAt: `${year}-04-15T09:00:00Z` }, children };
}

/** The return's CSV files, as another system would send them (the tables named). */
export function ssda903CsvFiles(r: Ssda903Return, tables: readonly string[] = ['Header', 'Episodes', 'Reviews']): { fileName: string; text: string }[] {
  return SSDA903_TABLES.filter((t) => tables.includes(t.name)).map((t) => ({ fileName: t.file, text: tableCsv(r, t) }));
}
