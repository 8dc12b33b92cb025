// A synthetic CIN census file "from another system", for the round-trip test and for trying the import
// by hand: children whose every fact is in the collection year and consistent with how Lantern counts
// (the conference target 15 working days from the enquiry's start; previous plans counted in the file),
// so that importing it and exporting the same year gives the same children and values back.
import { addDays, addWorkingDays } from '../../calendar/index.ts';
import { ASSESSMENT_FACTORS, CATEGORY_OF_ABUSE, CIN_CLOSURE_REASON, ETHNICITY, PRIMARY_NEED, REFERRAL_SOURCE, codesOf } from '../../codes/index.ts';
import { Random } from '../../synth/random.ts';
import type { CensusChild, CensusCinDetails, CensusReturn } from '../cin-census/model.ts';
import { collectionYear } from '../cin-census/year.ts';

const FACTORS = codesOf(ASSESSMENT_FACTORS).filter((f) => f !== '21');
const CATEGORIES = codesOf(CATEGORY_OF_ABUSE).filter((c) => c !== 'MUL');
const ETHNICITIES = codesOf(ETHNICITY).filter((e) => e !== 'NOBT' && e !== 'REFU');

/** One episode from its referral day; returns it and the day it closed (null if open at the year end). */
function episode(rng: Random, referral: string, yearEnd: string, previousCpPlans: number): { details: CensusCinDetails; closed: string | null } {
  const d: CensusCinDetails = {
    episodeId: '',
    referralDate: referral,
    referralSource: rng.pick(codesOf(REFERRAL_SOURCE)),
    primaryNeed: rng.pick(codesOf(PRIMARY_NEED)),
    closureDate: null,
    closureReason: null,
    dateOfInitialCpc: null,
    referralNfa: false,
    assessments: [],
    cinPlans: [],
    section47s: [],
    cpPlans: [],
  };
  const within = (day: string) => (day <= yearEnd ? day : null);
  const cap = (day: string) => (day <= yearEnd ? day : yearEnd);
  const path = rng.weighted([['nfa', 20], ['assessment', 40], ['s47', 40]] as const);
  let last = referral;
  if (path === 'nfa') {
    d.referralNfa = true;
    last = addDays(referral, rng.int(0, 3));
  } else {
    const start = cap(addDays(referral, rng.int(0, 4)));
    const authorised = within(addDays(start, rng.int(5, 50)));
    d.assessments.push({ startDate: start, authorisationDate: authorised, factors: authorised ? [...new Set([rng.pick(FACTORS), rng.pick(FACTORS)])] : [] });
    last = authorised ?? start;
    if (path === 's47') {
      const s47 = cap(addDays(referral, rng.int(0, 4)));
      const conference = rng.chance(0.7) ? within(addWorkingDays(s47, rng.int(5, 15))) : null;
      d.section47s.push({ startDate: s47, icpcTarget: addWorkingDays(s47, 15), icpcDate: conference, icpcNotRequired: conference === null && rng.chance(0.8) });
      if (!d.section47s[0]!.icpcNotRequired && conference === null) return { details: d, closed: null };
      if (conference && rng.chance(0.8)) {
        const category = rng.pick(CATEGORIES);
        const reviews: string[] = [];
        for (let r = addDays(conference, 90); r <= yearEnd && reviews.length < 3; r = addDays(r, 180)) reviews.push(r);
        const ends = reviews.length > 0 && rng.chance(0.4) ? reviews.at(-1)! : null;
        d.cpPlans.push({
          startDate: conference,
          endDate: ends,
          initialCategory: category,
          latestCategory: reviews.length > 0 && rng.chance(0.2) ? rng.pick(CATEGORIES) : category,
          numberOfPreviousCpp: previousCpPlans,
          reviewDates: reviews,
        });
        if (!ends) return { details: d, closed: null };
        last = ends > last ? ends : last;
      } else last = conference && conference > last ? conference : last;
    }
    if (authorised === null) return { details: d, closed: null };
    if (rng.chance(0.5)) {
      const planEnd = within(addDays(last, rng.int(30, 200)));
      d.cinPlans.push({ startDate: last, endDate: planEnd });
      if (!planEnd) return { details: d, closed: null };
      last = planEnd;
    }
  }
  const closed = within(addDays(last, rng.int(0, 10)));
  if (closed && rng.chance(0.85)) {
    d.closureDate = closed;
    d.closureReason = rng.pick(codesOf(CIN_CLOSURE_REASON).filter((r) => r !== 'RC2' && r !== 'RC1'));
    return { details: d, closed };
  }
  return { details: d, closed: null };
}

/** A census of `count` children for the collection year ending 31 March of `year`. */
export function exampleCensus(count: number, year = 2026, seed = 'example-census'): CensusReturn {
  const rng = new Random(seed);
  const y = collectionYear(year);
  const children: CensusChild[] = [];
  for (let i = 1; i <= count; i++) {
    const age = rng.int(0, 17);
    const birth = addDays(`${year - 1 - age}-01-01`, rng.int(0, 364));
    const cinDetails: CensusCinDetails[] = [];
    let referral = addDays(y.start, rng.int(0, 250));
    if (referral < birth) referral = birth;
    let cpPlans = 0;
    while (referral <= y.end && cinDetails.length < 3) {
      const { details, closed } = episode(rng, referral, y.end, cpPlans);
      cinDetails.push(details);
      cpPlans += details.cpPlans.length;
      if (closed === null) break;
      referral = addDays(closed, rng.int(10, 120));
    }
    children.push({
      childId: '',
      laChildId: `OLD${String(i).padStart(6, '0')}`,
      upn: `A${String(800000000000 + i * 7).slice(0, 12)}`,
      formerUpn: null,
      upnUnknown: null,
      birthDate: birth,
      expectedBirthDate: null,
      sex: rng.pick(['M', 'F'] as const),
      deathDate: null,
      ethnicity: rng.pick(ETHNICITIES),
      disabilities: rng.chance(0.85) ? ['NONE'] : ['LD'],
      cinDetails,
    });
  }
  return { header: { year, referenceDate: y.end, laNumber: '999', madeAt: `${year}-04-15T09:00:00Z` }, children };
}
