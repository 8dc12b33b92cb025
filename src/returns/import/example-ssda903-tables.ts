// Fills the other tables of a synthetic SSDA903 return (example-ssda903.ts) the way Lantern would
// write them from the facts it records, so that the round trip covers every table the import writes
// (decision 0040): previous permanence for each child who came into care, missing episodes within the
// period of care, UASC with the day the status ceased, social worker episodes (SW_IDs in Lantern's own
// "XX" form, from a pool of workers shared between children), decisions to place for adoption (some
// reversed, some ending in adoption with their AD1 row), and care leavers at a birthday with OC3.
import { addDays, addMonths } from '../../calendar/index.ts';
import { Random } from '../../synth/random.ts';
import type { Ssda903Child, Ssda903Return } from '../ssda903/model.ts';
import { eighteenthBirthday } from '../../people/uasc.ts';

const WORKERS = Array.from({ length: 12 }, (_, i) => `XX${(0xa1b20000 + i * 4099).toString(16).toUpperCase()}`);
const min = (a: string, b: string) => (a < b ? a : b);

/**
 * The return with every table filled: a child in fifteen (and any in care from 1 April, who would have
 * an OC2 row) becomes a care leaver with only an OC3 row.
 */
export function withEveryTable(r: Ssda903Return, seed = 'every-table'): Ssda903Return {
  const rng = new Random(seed);
  const y = { start: r.header.start, end: r.header.end };
  const children = r.children.map((original, i): Ssda903Child => {
    const c: Ssda903Child = { ...original, episodes: [...original.episodes] };
    const first = c.episodes[0]!;
    // A child in care from 1 April has an OC2 row, which Lantern cannot import (it holds checks by their day).
    if (i % 15 === 14 || first.decom <= y.start) return careLeaver(c, rng, y);
    const last = c.episodes.at(-1)!;
    const start = first.decom;
    const until = last.dec ?? y.end;
    const dob = c.dob!;
    // Previous permanence: mostly none; otherwise an order after birth and before care began.
    const daysBefore = Math.round((Date.parse(start) - Date.parse(dob)) / 86_400_000);
    if (rng.chance(0.25) && daysBefore > 30) {
      c.prevPerm = { prevPerm: rng.pick(['P1', 'P2', 'P3'] as const), laPerm: String(rng.int(201, 938)), datePerm: addDays(dob, rng.int(1, daysBefore - 1)) };
    } else c.prevPerm = { prevPerm: 'Z1', laPerm: null, datePerm: null };
    // Missing episodes within the period of care.
    for (let n = rng.chance(0.3) ? rng.int(1, 2) : 0, from = start; n > 0; n--) {
      const went = addDays(from, rng.int(1, 30));
      if (went >= until) break;
      const back = addDays(went, rng.int(0, 3));
      c.missing.push({ missing: rng.pick(['M', 'A'] as const), misStart: went, misEnd: back <= y.end ? back : null });
      from = back;
    }
    // Some still missing at the end of the year, in a period of care still open.
    const lastMissing = c.missing.at(-1);
    if (lastMissing && last.dec === null && rng.chance(0.3)) lastMissing.misEnd = null;
    // Unaccompanied children aged 10 or more; some with the day the status ceased.
    if (c.dob! < addMonths(y.start, -120) && rng.chance(0.2)) {
      c.uasc = true;
      const ceased = addDays(start, rng.int(10, 200));
      c.duc = rng.chance(0.5) && ceased <= min(y.end, eighteenthBirthday(dob)) ? ceased : null;
    }
    // Social workers: one from the day care began, a change part way for some.
    const worker = rng.int(0, WORKERS.length - 1);
    const change = addDays(start, rng.int(20, 120));
    if (rng.chance(0.4) && change < until) {
      c.swEpisodes = [
        { swId: WORKERS[worker]!, swDecom: start, swDec: change, swReason: rng.pick(['MANAGE', 'LEFTRL', 'TSPROC'] as const) },
        { swId: WORKERS[(worker + 1) % WORKERS.length]!, swDecom: change, swDec: null, swReason: null },
      ];
    } else c.swEpisodes = [{ swId: WORKERS[worker]!, swDecom: start, swDec: null, swReason: null }];
    // Decisions to place for adoption, for young children: some reversed (RD3), some adopted.
    const decided = addDays(start, rng.int(5, 40));
    if (c.dob! > addMonths(y.start, -60) && rng.chance(0.4) && decided < until) {
      const reversed = addDays(decided, rng.int(10, 60));
      if (rng.chance(0.4) && reversed <= until) c.placedAdoption = [{ datePlaced: decided, datePlacedCeased: reversed, reasonPlacedCeased: 'RD3' }];
      else {
        c.placedAdoption = [{ datePlaced: decided, datePlacedCeased: null, reasonPlacedCeased: null }];
        if (last.dec) {
          c.episodes[c.episodes.length - 1] = { ...last, rec: 'E11' };
          c.ad1 = { dateInt: decided, dateMatch: null, fosterCare: null, nbAdoptr: null, sexAdoptr: null, lsAdoptr: null };
        }
      }
    }
    return c;
  });
  return { ...r, children };
}

/** A young person who left care before the year, at the 17th to 21st birthday that falls in it. */
function careLeaver(c: Ssda903Child, rng: Random, y: { start: string; end: string }): Ssda903Child {
  const age = rng.int(17, 21);
  const birthday = addDays(y.start, rng.int(0, 300));
  const dob = addMonths(birthday, -12 * age);
  const inTouch = rng.pick(['YES', 'YES', 'YES', 'NO'] as const);
  return {
    ...c,
    dob,
    upn: `A${c.child!.slice(-5)}0000${age}12`.slice(0, 13),
    mother: null,
    mcDob: null,
    episodes: [],
    reviews: [],
    oc3: inTouch === 'YES' ? { inTouch, activ: rng.pick(['F1', 'P2', 'G4'] as const), accom: rng.pick(['B1', 'C1', 'T2'] as const) } : { inTouch, activ: '0', accom: '0' },
  };
}
