// Families who came to the council's notice: children (with identifiers and demographics), their
// parents and carers, how they are related, and where they lived (with moves, placements and care
// leavers' homes). Each family gets a story: the outline of the services its children had, chosen
// so that the number of children open to each service today matches profile.ts openTargets; the
// rest of the children on record were closed or never went beyond a contact.
import type { Insertable } from 'kysely';
import { addMonths } from '../../calendar/index.ts';
import { DISABILITY, ETHNICITY, type EthnicityCode } from '../../codes/index.ts';
import type { AddressTable, ChildEventTable, PersonTable, RelationshipTable } from '../../db/schema.ts';
import type {
  AddressSpell,
  AdultRole,
  CaseService,
  ServicePeriod,
  StoryKind,
  SynthAdult,
  SynthChild,
  SynthContext,
  SynthFamily,
} from '../context.ts';
import { serviceOn } from '../context.ts';
import { birthday, DAYS_PER_YEAR, dayOf, isoOf } from '../dates.ts';
import { laChildId, makeNhsNumber, makeUpn } from '../identifiers.ts';
import { BOYS_NAMES, GIRLS_NAMES, MENS_NAMES, SURNAMES, WOMENS_NAMES } from '../names.ts';
import { buildStreets, careLeaverAddress, homeAddress, placementAddress, type PostalAddress } from '../places.ts';
import { childrenOnRecord } from '../profile.ts';
import type { Random } from '../random.ts';
import type { Stage } from '../stages.ts';

const YEAR = Math.round(DAYS_PER_YEAR);

/** Ethnicity of families (not mixed: a child's mixed heritage follows from the parents'). Roughly
 *  the make-up of England's children (2021 census), for plausibility only. */
const FAMILY_ETHNICITY: readonly (readonly [EthnicityCode, number])[] = [
  ['WBRI', 68], ['WOTH', 6], ['WIRI', 0.4], ['WIRT', 0.3], ['WROM', 0.6], ['AIND', 2.6], ['APKN', 4.2],
  ['ABAN', 1.8], ['AOTH', 1.6], ['BCRB', 1.1], ['BAFR', 4.2], ['BOTH', 0.8], ['CHNE', 0.5], ['OOTH', 2],
];
const OTHER_LANGUAGES: Partial<Record<EthnicityCode, readonly string[]>> = {
  WOTH: ['Polish', 'Romanian', 'Lithuanian', 'Portuguese'],
  WROM: ['Romani', 'Romanian'],
  AIND: ['Gujarati', 'Punjabi'],
  APKN: ['Urdu', 'Punjabi'],
  ABAN: ['Bengali (Sylheti)'],
  AOTH: ['Tamil', 'Pashto'],
  BAFR: ['Somali', 'Yoruba', 'Tigrinya', 'Arabic'],
  CHNE: ['Cantonese', 'Mandarin'],
  OOTH: ['Arabic', 'Kurdish', 'Farsi'],
};
const UASC_LANGUAGES = ['Arabic', 'Tigrinya', 'Pashto', 'Kurdish', 'Vietnamese', 'Farsi', 'Amharic'] as const;
const DISABILITY_CODES = DISABILITY.map((d) => d.code).filter((c) => c !== 'NONE');
const ETHNICITY_CODES = new Set<string>(ETHNICITY.map((e) => e.code));

function mixedCode(a: EthnicityCode, b: EthnicityCode): EthnicityCode {
  const white = (c: string) => c.startsWith('W');
  const pair = (x: (c: string) => boolean, y: (c: string) => boolean) => (x(a) && y(b)) || (x(b) && y(a));
  if (pair(white, (c) => c === 'BCRB')) return 'MWBC';
  if (pair(white, (c) => c === 'BAFR')) return 'MWBA';
  if (pair(white, (c) => c.startsWith('A'))) return 'MWAS';
  return 'MOTH';
}

interface FamilyPlan {
  story: StoryKind;
  open: boolean;
  periods: ServicePeriod[];
  cameToNotice: number;
  maxChildren: number;
  /** Dates of birth for the (single) child when the story fixes them (care leavers, UASC). */
  dateOfBirth?: number;
  /** Bounds on the children's dates of birth when the story needs an age (babies adopted, teenagers in custody). */
  bornFrom?: number;
  bornBy?: number;
}

/**
 * Children who ceased to be looked after in a year, for each one looked after on a day: DfE, "Children
 * looked after in England including adoptions", reporting year 2024 (about 31,000 ceased in the year;
 * about 83,000 looked after on 31 March 2024).
 */
const CEASED_PER_LOOKED_AFTER = 31 / 83;
/** The share of those who left at 18 (or moved to independent living near it): the care-leaver story makes them. */
const LEFT_AT_18 = 0.2;
/**
 * Why the other periods of care end (SSDA903 REC), as shares of all that end: the same publication,
 * roughly (about 30% returned home, 10% adopted, 12% special guardianship orders; the rest spread
 * over child arrangements orders, living with relatives without parental responsibility and the
 * less common reasons). The split within each group is a plausible one, not a published figure.
 * These weight families: adopted children come in groups of at most two, others up to four, so
 * adoption weighs a little more here to come out at about 1 child in 10.
 */
export const CARE_ENDINGS: readonly (readonly [string, number])[] = [
  ['E4A', 27], ['E4B', 3], ['E11', 10], ['E12', 3], ['E45', 4], ['E46', 1], ['E47', 6], ['E48', 1],
  ['E41', 5], ['E13', 7], ['E8', 8], ['E3', 2], ['E9', 1], ['E16', 2],
];
/** At 18 (the care-leaver story): stayed put with the carers, independent living, or other. */
const ENDINGS_AT_18: readonly (readonly [string, number])[] = [['E17', 30], ['E5', 40], ['E6', 10], ['E8', 20]];
/** Leaving at 16 or 17, after becoming eligible: a relevant child until 18. */
const ENDINGS_AT_16_OR_17: readonly (readonly [string, number])[] = [['E4A', 40], ['E13', 20], ['E5', 30], ['E6', 10]];
const ADOPTED = ['E11', 'E12'];
const SPECIAL_GUARDIANSHIP = ['E45', 'E46', 'E47', 'E48'];
const RETURNED_HOME = ['E4A', 'E4B'];

const period = (service: CaseService, from: number, to: number | null, level: ServicePeriod['level'] = null): ServicePeriod => ({
  service,
  level,
  from,
  to,
});

class FamilyBuilder {
  readonly #ctx: SynthContext;
  readonly #rng: Random;
  readonly #T: number;
  readonly #G: number;
  readonly #nhs = new Set<string>();
  readonly #upn = new Set<string>();
  readonly persons: Insertable<PersonTable>[] = [];
  readonly events: Insertable<ChildEventTable>[] = [];
  readonly relationships: Insertable<RelationshipTable>[] = [];
  readonly addresses: Insertable<AddressTable>[] = [];
  readonly disabilities: { id: string; person_id: string; code: string; recorded_by: string; recorded_at: Date }[] = [];
  /** Children in generation order; LA child ids are given once all exist, in order of first notice. */
  readonly #pending: { child: SynthChild; row: Insertable<PersonTable> }[] = [];

  constructor(ctx: SynthContext) {
    this.#ctx = ctx;
    this.#rng = ctx.rng;
    this.#T = ctx.todayDay;
    this.#G = ctx.goLiveDay;
  }

  /** The earliest date of birth for someone still under 18 on `day`. */
  #under18On(day: number): number {
    return dayOf(addMonths(isoOf(day), -216)) + 1;
  }

  // ---- stories -------------------------------------------------------------------------------

  #assessmentEndingBefore(start: number): ServicePeriod {
    return period('assessment', start - this.#rng.int(15, 60), start - 1);
  }

  #openStory(story: StoryKind, established = false): FamilyPlan {
    const rng = this.#rng;
    const T = this.#T;
    let periods: ServicePeriod[];
    switch (story) {
      case 'early-help':
        periods = [period('early-help', T - rng.skewed(0, 300, 1.2), null)];
        break;
      case 'assessment':
        periods = [period('assessment', T - rng.int(0, 44), null)];
        break;
      case 'child-in-need': {
        const start = T - rng.skewed(7, 600, 1.3);
        periods = [this.#assessmentEndingBefore(start), period('safeguarding', start, null, 'child-in-need')];
        break;
      }
      case 'child-protection': {
        // A few plans have lasted more than two years (a finding in themselves).
        // The first family's plan is at least 5 months old: even the smallest council has some plans
        // past their first review, which pre-proceedings and their family group meetings need.
        const start = rng.chance(0.05) ? T - rng.int(731, 900) : established ? T - rng.int(150, 540) : T - rng.skewed(7, 540, 1.4);
        if (rng.chance(0.25)) {
          const cin = start - rng.int(60, 300);
          periods = [this.#assessmentEndingBefore(cin), period('safeguarding', cin, start - 1, 'child-in-need'), period('safeguarding', start, null, 'child-protection')];
        } else {
          periods = [this.#assessmentEndingBefore(start), period('safeguarding', start, null, 'child-protection')];
        }
        break;
      }
      case 'looked-after': {
        const start = T - rng.skewed(7, 2_400, 1.8);
        if (rng.chance(0.65)) {
          const cp = start - rng.int(60, 400);
          periods = [this.#assessmentEndingBefore(cp), period('safeguarding', cp, start - 1, 'child-protection'), period('looked-after', start, null)];
        } else {
          periods = [this.#assessmentEndingBefore(start), period('looked-after', start, null)];
        }
        break;
      }
      default:
        throw new Error(`No open story ${story}`);
    }
    return this.#withRepeat({ story, open: true, periods, cameToNotice: 0, maxChildren: story === 'looked-after' ? 4 : 5 });
  }

  #closedStory(story: StoryKind): FamilyPlan {
    const rng = this.#rng;
    if (story === 'contact-only') {
      return { story, open: false, periods: [], cameToNotice: rng.int(this.#G, this.#T), maxChildren: 5 };
    }
    // Build from day 0, then move the whole story to a start that ends before today.
    const periods: ServicePeriod[] = [];
    let day = 0;
    const add = (service: CaseService, length: number, level: ServicePeriod['level'] = null) => {
      periods.push(period(service, day, day + length - 1, level));
      day += length;
    };
    switch (story) {
      case 'early-help':
        add('early-help', rng.int(60, 300));
        break;
      case 'assessment':
        add('assessment', rng.int(10, 60));
        break;
      case 'child-in-need':
        add('assessment', rng.int(15, 60));
        add('safeguarding', rng.int(60, 450), 'child-in-need');
        // Some step down to early help when the plan ends.
        if (rng.chance(0.2)) add('early-help', rng.int(60, 240));
        break;
      case 'child-protection':
        add('assessment', rng.int(15, 60));
        add('safeguarding', rng.int(90, 540), 'child-protection');
        if (rng.chance(0.4)) add('safeguarding', rng.int(60, 240), 'child-in-need');
        break;
      default:
        throw new Error(`No closed story ${story}`);
    }
    const span = day;
    const latest = this.#T - span - 2;
    const start = rng.int(Math.min(this.#G, latest - 30), latest);
    for (const p of periods) {
      p.from += start;
      p.to = (p.to as number) + start;
    }
    return this.#withRepeat({ story, open: false, periods, cameToNotice: 0, maxChildren: 5 });
  }

  /** Some families were known before: an earlier assessment or early help, then closed. */
  #withRepeat(plan: FamilyPlan): FamilyPlan {
    const rng = this.#rng;
    const first = plan.periods[0];
    // Families come back: most earlier episodes closed within the year before (re-referrals), and
    // some children on a plan had one before (repeat plans).
    if (first && rng.chance(0.5)) {
      const end = first.from - rng.skewed(20, 700, 2);
      if (plan.story === 'child-protection' && rng.chance(0.35)) {
        const cp = end - rng.int(90, 300);
        plan.periods.unshift(period('assessment', cp - rng.int(15, 45), cp - 1), period('safeguarding', cp, end, 'child-protection'));
      } else {
        // Early help just before social care is a step-up.
        const stepUp = first.from - rng.int(1, 7);
        const earlier = rng.chance(0.8) ? period('assessment', end - rng.int(10, 45), end) : period('early-help', stepUp - rng.int(60, 200), stepUp);
        plan.periods.unshift(earlier);
      }
    }
    const start = plan.periods[0]?.from;
    if (start !== undefined) plan.cameToNotice = start - rng.int(0, 5);
    return plan;
  }

  #careLeaverStory(unaccompanied: boolean): FamilyPlan {
    const rng = this.#rng;
    const T = this.#T;
    // Aged 18 to 20 today, so still entitled to a personal adviser.
    // (18 years of 365 days fall a few days short of the 18th birthday: a week more keeps it in the past.)
    const dateOfBirth = T - rng.int(18 * YEAR + 7, 21 * YEAR - 2);
    const eighteen = birthday(dateOfBirth, 18);
    const latestStart = eighteen - 90;
    const periods: ServicePeriod[] = [];
    const careStart = Math.min(
      latestStart,
      unaccompanied ? birthday(dateOfBirth, rng.int(15, 17)) + rng.int(0, 200) : birthday(dateOfBirth, rng.int(11, 16)) + rng.int(0, 300),
    );
    if (!unaccompanied && rng.chance(0.5)) {
      const cp = careStart - rng.int(90, 400);
      periods.push(this.#assessmentEndingBefore(cp), period('safeguarding', cp, careStart - 1, 'child-protection'));
    }
    // Most leave care on their 18th birthday; some earlier, at 16 or 17 once eligible (relevant until 18).
    const earliest = Math.max(birthday(dateOfBirth, 16), careStart + 100);
    const early = !unaccompanied && earliest < eighteen - 60 && rng.chance(0.2);
    const end = early ? rng.int(earliest, eighteen - 30) : eighteen;
    periods.push({ ...period('looked-after', careStart, end), ceased: rng.weighted(early ? ENDINGS_AT_16_OR_17 : ENDINGS_AT_18) }, period('leaving-care', end + 1, null));
    return { story: unaccompanied ? 'unaccompanied' : 'care-leaver', open: true, periods, cameToNotice: (periods[0] as ServicePeriod).from - rng.int(0, 3), maxChildren: 1, dateOfBirth };
  }

  /**
   * A period of care that ended in the years held, for the reason given, and the story around it: an
   * assessment (and often a child protection plan) before; after a return home, often a child in need
   * plan. Adopted children came into care young and stayed long enough for a placement order, a match
   * and the adoption order (scorecard A10: over a year from care to moving in, for most).
   */
  #leftCareStory(ceased: string): FamilyPlan {
    const rng = this.#rng;
    const T = this.#T;
    const end = rng.int(this.#G, T - 2);
    const length = ADOPTED.includes(ceased)
      ? rng.int(500, 1_100)
      : SPECIAL_GUARDIANSHIP.includes(ceased)
        ? rng.int(240, 900)
        : ceased === 'E41'
          ? rng.int(150, 700)
          : rng.skewed(20, 720, 1.8);
    const start = end - length;
    const periods: ServicePeriod[] = [];
    if (rng.chance(0.6)) {
      const cp = start - rng.int(60, 300);
      periods.push(this.#assessmentEndingBefore(cp), period('safeguarding', cp, start - 1, 'child-protection'));
    } else {
      periods.push(this.#assessmentEndingBefore(start));
    }
    periods.push({ ...period('looked-after', start, end), ceased });
    // Home again with a child in need plan for many (some still open today).
    let open = false;
    if (RETURNED_HOME.includes(ceased) && rng.chance(0.6)) {
      const to = end + rng.int(90, 365);
      open = to >= T - 1;
      periods.push(period('safeguarding', end + 1, open ? null : to, 'child-in-need'));
    }
    const plan: FamilyPlan = { story: 'looked-after', open, periods, cameToNotice: (periods[0] as ServicePeriod).from - rng.int(0, 5), maxChildren: ADOPTED.includes(ceased) ? 2 : 4 };
    if (ADOPTED.includes(ceased)) plan.bornFrom = start - 3 * YEAR;
    if (ceased === 'E9') Object.assign(plan, { maxChildren: 1, bornFrom: this.#under18On(end), bornBy: end - 14 * YEAR });
    return plan;
  }

  /** A young person who left care at 16 or 17 after becoming eligible, and is 16 or 17 today: relevant. */
  #relevantStory(): FamilyPlan {
    const rng = this.#rng;
    const T = this.#T;
    const dateOfBirth = T - rng.int(16 * YEAR + 60, 18 * YEAR - 30);
    const b16 = birthday(dateOfBirth, 16);
    const careStart = rng.int(birthday(dateOfBirth, 14), Math.min(b16, T - 160));
    const end = rng.int(Math.max(b16, careStart + 100) + 10, T - 2);
    const periods = [this.#assessmentEndingBefore(careStart), { ...period('looked-after', careStart, end), ceased: rng.weighted(ENDINGS_AT_16_OR_17) }, period('leaving-care', end + 1, null)];
    return { story: 'care-leaver', open: true, periods, cameToNotice: (periods[0] as ServicePeriod).from - rng.int(0, 3), maxChildren: 1, dateOfBirth };
  }

  #unaccompaniedInCare(): FamilyPlan {
    const rng = this.#rng;
    const T = this.#T;
    const dateOfBirth = rng.int(this.#under18On(T), T - 15 * YEAR);
    const arrival = rng.int(Math.max(birthday(dateOfBirth, 14), T - 3 * YEAR), T - 7);
    return { story: 'unaccompanied', open: true, periods: [period('looked-after', arrival, null)], cameToNotice: arrival, maxChildren: 1, dateOfBirth };
  }

  /** A child known since infancy and looked after for years: the benchmark's long history. */
  #longHistory(): FamilyPlan {
    const rng = this.#rng;
    const dob = this.#T - 15 * YEAR - rng.int(0, 300);
    const at = (years: number) => dob + Math.round(years * YEAR);
    const periods = [
      period('early-help', at(0.6), at(1.0)),
      period('assessment', at(1.3), at(1.3) + 39),
      period('safeguarding', at(1.3) + 40, at(2.2), 'child-in-need'),
      period('assessment', at(3.0), at(3.0) + 34),
      period('safeguarding', at(3.0) + 35, at(4.1) - 1, 'child-protection'),
      period('looked-after', at(4.1), null),
    ];
    return { story: 'long-history', open: true, periods, cameToNotice: at(0.6) - 3, maxChildren: 1, dateOfBirth: dob };
  }

  // ---- people -------------------------------------------------------------------------------

  #recorder(day: number, periods: readonly ServicePeriod[]): string {
    if (day < this.#G) return this.#ctx.council.migrationUserId;
    return this.#ctx.council.workerOn(this.#rng, serviceOn(periods, day), day).id;
  }

  /** When a fact was recorded: on the day, or on go-live for what was migrated. */
  #stampFor(day: number): Date {
    return this.#ctx.stamp(Math.max(day, this.#G), day >= this.#G ? 3 : 0);
  }

  /** Spells from `from` to `to` with `moves` moves: homes move within the last four years (what a
   *  council would know about), placements at any time in the period. */
  #spells(address: () => PostalAddress, from: number, to: number | null, moves: number, recentOnly = true): AddressSpell[] {
    const rng = this.#rng;
    const end = to ?? this.#T;
    const days: number[] = [];
    for (let i = 0; i < moves; i++) {
      const lo = recentOnly ? Math.max(from + 60, end - 4 * YEAR) : from + 30;
      if (lo >= end - 1) break;
      days.push(rng.int(lo, end - 1));
    }
    days.sort((a, b) => a - b);
    const starts = [from];
    for (const d of days) if (d - (starts[starts.length - 1] as number) >= 30) starts.push(d);
    return starts.map((start, i) => ({
      id: rng.uuid(),
      address: address(),
      from: start,
      to: i + 1 < starts.length ? (starts[i + 1] as number) - 1 : to,
    }));
  }

  /** Spells cut to [from, to] (to null: open). */
  static clip(spells: readonly AddressSpell[], from: number, to: number | null): { spell: AddressSpell; from: number; to: number | null }[] {
    const out: { spell: AddressSpell; from: number; to: number | null }[] = [];
    for (const spell of spells) {
      const start = Math.max(spell.from, from);
      const spellEnd = spell.to ?? Infinity;
      const end = Math.min(spellEnd, to ?? Infinity);
      if (start > end) continue;
      out.push({ spell, from: start, to: end === Infinity ? null : end });
    }
    return out;
  }

  build(): void {
    const ctx = this.#ctx;
    const rng = this.#rng;
    const targets = ctx.targets;
    ctx.council.streets = buildStreets(rng.fork('streets'));
    const total = childrenOnRecord(ctx.profile);
    const counts = new Map<string, number>();
    const add = (key: string, plan: FamilyPlan) => {
      const made = this.#family(plan);
      counts.set(key, (counts.get(key) ?? 0) + made);
      return made;
    };
    const fill = (key: string, target: number, make: () => FamilyPlan) => {
      while ((counts.get(key) ?? 0) < target) add(key, make());
    };

    add('looked-after', this.#longHistory());
    fill('looked-after', Math.round(targets.lookedAfter * 0.07), () => this.#unaccompaniedInCare());
    fill('looked-after', targets.lookedAfter, () => this.#openStory('looked-after'));
    fill('care-leaver', targets.careLeavers, () => this.#careLeaverStory(rng.chance(0.15)));
    // Periods of care that ended in the years held: every reason at least once, then in proportion.
    const endings = Math.max(CARE_ENDINGS.length, Math.round(targets.lookedAfter * CEASED_PER_LOOKED_AFTER * ctx.profile.years * (1 - LEFT_AT_18)));
    for (const [ceased] of CARE_ENDINGS) add('left-care', this.#leftCareStory(ceased));
    fill('left-care', endings, () => this.#leftCareStory(rng.weighted(CARE_ENDINGS)));
    fill('relevant', Math.max(1, Math.round(endings * 0.04)), () => this.#relevantStory());
    fill('child-protection', targets.childProtection, () => this.#openStory('child-protection', !counts.has('child-protection')));
    fill('child-in-need', targets.childInNeed, () => this.#openStory('child-in-need'));
    fill('assessment', targets.assessment, () => this.#openStory('assessment'));
    fill('early-help', targets.earlyHelp, () => this.#openStory('early-help'));
    const closed: readonly (readonly [StoryKind, number])[] = [
      ['contact-only', 50], ['early-help', 15], ['assessment', 20], ['child-in-need', 9], ['child-protection', 4],
    ];
    while (ctx.council.children.length < total) add('closed', this.#closedStory(rng.weighted(closed)));
  }

  /** Makes a family from its story; returns how many children it has. */
  #family(plan: FamilyPlan): number {
    const ctx = this.#ctx;
    const rng = this.#rng;
    const council = ctx.council;
    const T = this.#T;
    const family: SynthFamily = {
      id: rng.uuid(),
      story: plan.story,
      open: plan.open,
      cameToNotice: plan.cameToNotice,
      periods: plan.periods,
      childIds: [],
      adultIds: [],
    };
    council.families.push(family);
    const unaccompanied = plan.story === 'unaccompanied';
    const lastEnd = plan.periods.reduce<number | null>((end, p) => (end === null || p.to === null ? null : Math.max(end, p.to)), plan.periods.length ? 0 : plan.cameToNotice);

    // Children: born by the time the family came to notice, and under 18 throughout the story.
    const dobs: number[] = [];
    if (plan.dateOfBirth !== undefined) {
      dobs.push(plan.dateOfBirth);
    } else {
      const wanted = Math.min(plan.maxChildren, rng.weighted([[1, 38], [2, 30], [3, 18], [4, 9], [5, 5]] as const));
      const lo = Math.max(this.#under18On(lastEnd ?? T), plan.bornFrom ?? -Infinity);
      const hi = Math.max(lo, Math.min(plan.cameToNotice, plan.bornBy ?? Infinity));
      let dob = rng.int(lo, Math.max(lo, hi - (wanted - 1) * 500));
      dobs.push(dob);
      while (dobs.length < wanted) {
        dob = rng.chance(0.02) ? dob : dob + rng.int(330, 1_600);
        if (dob > hi) break;
        dobs.push(dob);
      }
      // A baby born while the family was being helped (about one open protection family in twenty).
      const protection = plan.periods.find((p) => p.service === 'safeguarding' && p.to === null);
      if (plan.open && protection && rng.chance(0.05) && protection.from + 30 < T - 1) {
        dobs.push(rng.int(protection.from + 30, T - 1));
      }
    }
    const eldest = Math.min(...dobs);

    // Adults and their heritage.
    const surname = rng.pick(SURNAMES);
    const ethnicity = unaccompanied ? rng.pick(['BAFR', 'OOTH', 'AOTH'] as const) : rng.weighted(FAMILY_ETHNICITY);
    type AdultPlan = { role: AdultRole; sex: 'M' | 'F'; surname: string; dob: number; ethnicity: EthnicityCode; household: boolean; joined: number };
    const adults: AdultPlan[] = [];
    if (!unaccompanied) {
      const hasMother = rng.chance(0.92);
      const motherDob = eldest - rng.int(17 * YEAR, 40 * YEAR);
      if (hasMother) adults.push({ role: 'mother', sex: 'F', surname, dob: motherDob, ethnicity, household: true, joined: -Infinity });
      const father = hasMother ? rng.weighted([['household', 40], ['elsewhere', 35], ['none', 25]] as const) : 'household';
      const fatherEthnicity = rng.chance(0.85) ? ethnicity : rng.weighted(FAMILY_ETHNICITY);
      if (father !== 'none') {
        adults.push({
          role: 'father',
          sex: 'M',
          surname: rng.chance(0.55) ? surname : rng.pick(SURNAMES),
          dob: motherDob - rng.int(-3 * YEAR, 8 * YEAR),
          ethnicity: fatherEthnicity,
          household: father === 'household',
          joined: -Infinity,
        });
      }
      if (hasMother && father !== 'household' && rng.chance(0.25)) {
        adults.push({ role: 'step-parent', sex: 'M', surname: rng.pick(SURNAMES), dob: motherDob - rng.int(-5 * YEAR, 10 * YEAR), ethnicity: rng.weighted(FAMILY_ETHNICITY), household: true, joined: rng.int(eldest, Math.max(eldest, T - 60)) });
      }
      if (rng.chance(0.1)) {
        adults.push({ role: 'grandparent', sex: 'F', surname, dob: motherDob - rng.int(18 * YEAR, 32 * YEAR), ethnicity, household: false, joined: -Infinity });
      }
    }
    const fatherPlan = adults.find((a) => a.role === 'father');
    const motherPlan = adults.find((a) => a.role === 'mother');
    const childSurname = fatherPlan && fatherPlan.surname !== surname && rng.chance(0.4) ? fatherPlan.surname : surname;
    const childEthnicity: EthnicityCode =
      fatherPlan && motherPlan && fatherPlan.ethnicity !== motherPlan.ethnicity ? mixedCode(motherPlan.ethnicity, fatherPlan.ethnicity) : ethnicity;

    // Where the household lived, and where children in care or leaving care lived instead.
    const streets = council.streets;
    const householdStart = Math.min(eldest, plan.cameToNotice - rng.int(YEAR, 10 * YEAR));
    const household = unaccompanied ? [] : this.#spells(() => homeAddress(rng, streets), householdStart, null, rng.weighted([[0, 62], [1, 26], [2, 9], [3, 3]] as const));
    const away: { from: number; to: number | null; spells: AddressSpell[] }[] = [];
    for (const p of plan.periods) {
      if (p.service === 'looked-after') {
        const length = (p.to ?? T) - p.from;
        const moves = Math.min(plan.story === 'long-history' ? 12 : 5, rng.poisson(length / 500));
        away.push({ from: p.from, to: p.to, spells: this.#spells(() => placementAddress(rng, streets), p.from, p.to, moves, false) });
      } else if (p.service === 'leaving-care') {
        const moves = Math.min(3, rng.poisson(((p.to ?? T) - p.from) / 400));
        away.push({ from: p.from, to: p.to, spells: this.#spells(() => careLeaverAddress(rng, streets), p.from, p.to, moves, false) });
      }
    }
    // Children in care or leaving care today do not live with their parents (relationships say so).
    const livesAwayToday = away.some((a) => a.to === null);

    // The children.
    const created = dobs.map((dob) => {
      const sex: 'M' | 'F' = unaccompanied ? (rng.chance(0.9) ? 'M' : 'F') : rng.chance(0.51) ? 'M' : 'F';
      const periods = plan.periods.filter((p) => p.to === null || p.to >= dob).map((p) => ({ ...p, from: Math.max(p.from, dob) }));
      const cameToNotice = Math.max(plan.cameToNotice, dob);
      const child: SynthChild = {
        id: rng.uuid(),
        laChildId: '',
        familyId: family.id,
        firstName: rng.pick(sex === 'M' ? BOYS_NAMES : GIRLS_NAMES),
        lastName: unaccompanied ? rng.pick(SURNAMES) : childSurname,
        sex,
        dateOfBirth: dob,
        cameToNotice,
        periods,
        addresses: [],
        unaccompanied,
        longHistory: plan.story === 'long-history',
      };
      // Address history: home, except while in care or leaving care.
      let cursor: number | null = dob;
      const pieces: { spell: AddressSpell; from: number; to: number | null }[] = [];
      for (const a of away) {
        if (cursor === null) break;
        if (a.to !== null && a.to < dob) continue;
        if (a.from > cursor) pieces.push(...FamilyBuilder.clip(household, cursor, a.from - 1));
        pieces.push(...FamilyBuilder.clip(a.spells, Math.max(a.from, dob), a.to));
        cursor = a.to === null ? null : a.to + 1;
      }
      if (cursor !== null && cursor <= T) pieces.push(...FamilyBuilder.clip(household, cursor, null));
      child.addresses = pieces.map((piece) => ({ id: rng.uuid(), address: piece.spell.address, from: piece.from, to: piece.to }));
      council.addChild(child);
      family.childIds.push(child.id);
      this.#childRow(child, childEthnicity);
      return child;
    });

    // Adults' records and addresses, then how everyone is related.
    const adultRecords = adults.map((plan_) => {
      const adult: SynthAdult = {
        id: rng.uuid(),
        familyId: family.id,
        firstName: rng.pick(plan_.sex === 'F' ? WOMENS_NAMES : MENS_NAMES),
        lastName: plan_.surname,
        sex: plan_.sex,
        dateOfBirth: plan_.dob,
        role: plan_.role,
      };
      council.adults.push(adult);
      family.adultIds.push(adult.id);
      const recorder = this.#recorder(plan.cameToNotice, plan.periods);
      this.persons.push({
        id: adult.id,
        kind: 'adult',
        first_name: adult.firstName,
        last_name: adult.lastName,
        date_of_birth: isoOf(adult.dateOfBirth),
        sex: adult.sex,
        ethnicity: rng.chance(0.7) ? plan_.ethnicity : null,
        nhs_number: rng.chance(0.7) ? makeNhsNumber(rng, this.#nhs) : null,
        first_language: this.#language(plan_.ethnicity, 0.5),
        recorded_by: recorder,
        recorded_at: this.#stampFor(plan.cameToNotice),
      });
      const spells = plan_.household
        ? FamilyBuilder.clip(household, Math.max(householdStart, plan_.joined), null).map((p) => ({ id: rng.uuid(), address: p.spell.address, from: p.from, to: p.to }))
        : this.#spells(() => homeAddress(rng, streets), plan.cameToNotice - rng.int(0, 2_000), null, rng.chance(0.2) ? 1 : 0);
      for (const spell of spells) this.#addressRow(adult.id, spell, plan.cameToNotice, plan.periods);
      return { adult, plan: plan_ };
    });

    for (const child of created) {
      const home = !livesAwayToday;
      const recorder = this.#recorder(child.cameToNotice, child.periods);
      const stamp = this.#stampFor(child.cameToNotice);
      for (const { adult, plan: a } of adultRecords) {
        const parent = a.role === 'mother' || a.role === 'father';
        this.relationships.push({
          id: rng.uuid(),
          person_id: child.id,
          related_person_id: adult.id,
          kind: a.role,
          parental_responsibility: a.role === 'mother' || (a.role === 'father' && rng.chance(a.household ? 0.9 : 0.6)),
          lives_with: home && a.household,
          started_on: isoOf(parent || a.role === 'grandparent' ? child.dateOfBirth : Math.max(child.dateOfBirth, a.joined)),
          ended_on: null,
          recorded_by: recorder,
          recorded_at: stamp,
        });
      }
      // One row per pair of siblings (src/people/family.ts reads a relationship from both sides).
      for (const sibling of created.slice(0, created.indexOf(child))) {
        this.relationships.push({
          id: rng.uuid(),
          person_id: child.id,
          related_person_id: sibling.id,
          kind: 'sibling',
          parental_responsibility: false,
          lives_with: true,
          started_on: isoOf(Math.max(child.dateOfBirth, sibling.dateOfBirth)),
          ended_on: null,
          recorded_by: recorder,
          recorded_at: stamp,
        });
      }
      for (const spell of child.addresses) this.#addressRow(child.id, spell, child.cameToNotice, child.periods, child);
    }
    return created.length;
  }

  #language(ethnicity: EthnicityCode, chance: number): string {
    const others = OTHER_LANGUAGES[ethnicity];
    return others && this.#rng.chance(chance) ? this.#rng.pick(others) : 'English';
  }

  #childRow(child: SynthChild, familyEthnicity: EthnicityCode): void {
    const rng = this.#rng;
    const T = this.#T;
    const ethnicity = rng.weighted<string>([[familyEthnicity, 95], ['NOBT', 4], ['REFU', 1]]);
    if (!ETHNICITY_CODES.has(ethnicity)) throw new Error(`Unknown ethnicity ${ethnicity}`);
    const schoolAge = birthday(child.dateOfBirth, 5) <= T;
    const hasUpn = schoolAge && !child.unaccompanied && rng.chance(0.88);
    const upnYear = Number(isoOf(Math.min(birthday(child.dateOfBirth, 4), T)).slice(0, 4));
    const recordedBy = this.#recorder(child.cameToNotice, child.periods);
    const row: Insertable<PersonTable> = {
      id: child.id,
      kind: 'child',
      first_name: child.firstName,
      last_name: child.lastName,
      date_of_birth: isoOf(child.dateOfBirth),
      sex: child.sex,
      ethnicity,
      nhs_number: rng.chance(child.unaccompanied ? 0.6 : 0.93) ? makeNhsNumber(rng, this.#nhs) : null,
      upn: hasUpn ? makeUpn(rng, upnYear, this.#upn, rng.chance(0.02)) : null,
      former_upn: hasUpn && rng.chance(0.01) ? makeUpn(rng, upnYear, this.#upn) : null,
      immigration_status: child.unaccompanied ? 'Asylum seeker' : null,
      unaccompanied_asylum_seeker: child.unaccompanied,
      // SSDA903 DUC (decision 0041): UASC status ends at 18 at the latest.
      uasc_ceased_on: child.unaccompanied && birthday(child.dateOfBirth, 18) <= T ? isoOf(birthday(child.dateOfBirth, 18)) : null,
      first_language: child.unaccompanied ? rng.pick(UASC_LANGUAGES) : this.#language(familyEthnicity, 0.3),
      recorded_by: recordedBy,
      recorded_at: this.#stampFor(child.cameToNotice),
    };
    this.#pending.push({ child, row });
    if (rng.chance(child.periods.length ? 0.09 : 0.03)) {
      const codes = rng.shuffle([...DISABILITY_CODES]).slice(0, rng.chance(0.25) ? 2 : 1);
      for (const code of codes) {
        this.disabilities.push({ id: rng.uuid(), person_id: child.id, code, recorded_by: recordedBy, recorded_at: this.#stampFor(child.cameToNotice) });
      }
    }
  }

  #addressRow(personId: string, spell: AddressSpell, cameToNotice: number, periods: readonly ServicePeriod[], child?: SynthChild): void {
    // Addresses before the record existed were recorded with it; later moves when they happened.
    const recordedOn = Math.max(spell.from, cameToNotice);
    const recordedBy = this.#recorder(recordedOn, periods);
    this.addresses.push({
      id: spell.id,
      person_id: personId,
      line1: spell.address.line1,
      line2: spell.address.line2,
      town: spell.address.town,
      postcode: spell.address.postcode,
      from_date: isoOf(spell.from),
      to_date: spell.to === null ? null : isoOf(spell.to),
      recorded_by: recordedBy,
      recorded_at: this.#stampFor(recordedOn),
    });
    if (child && spell.from > cameToNotice && spell.from <= this.#T && spell !== child.addresses[0]) {
      this.events.push(
        this.#ctx.eventRow({
          childId: child.id,
          type: 'address.changed',
          occurredOn: spell.from,
          sourceTable: 'address',
          sourceId: spell.id,
          // As src/people/addresses.ts words it.
          title: 'Moved address',
          detail: `${spell.address.line1}, ${spell.address.postcode}`,
          recordedBy,
          recordedAt: this.#stampFor(spell.from),
        }),
      );
    }
  }

  /** LA child ids in order of first notice, then each child's "record created" event. */
  finish(): void {
    const ctx = this.#ctx;
    const start = 100_000 + this.#rng.int(0, 899_999);
    const ordered = [...this.#pending].sort((a, b) => a.child.cameToNotice - b.child.cameToNotice);
    ordered.forEach(({ child, row }, i) => {
      child.laChildId = laChildId(start + i);
      row.la_child_id = child.laChildId;
      this.persons.push(row);
      const migrated = child.cameToNotice < this.#G;
      this.events.push(
        ctx.eventRow({
          childId: child.id,
          type: 'person.created',
          occurredOn: migrated ? this.#G : child.cameToNotice,
          sourceTable: 'person',
          sourceId: child.id,
          title: migrated ? `Record migrated from the previous system (LA child ID ${child.laChildId})` : `Record created (LA child ID ${child.laChildId})`,
          recordedBy: row.recorded_by,
          recordedAt: row.recorded_at as Date,
        }),
      );
    });
    // Keep the council's list in LA id order too, so "the first child" means the same everywhere.
    ctx.council.children.sort((a, b) => (a.laChildId < b.laChildId ? -1 : a.laChildId > b.laChildId ? 1 : 0));
    ctx.council.longHistoryChild = ctx.council.children.find((c) => c.longHistory);
  }
}

export const families: Stage = {
  name: 'families',
  async run(ctx) {
    const builder = new FamilyBuilder(ctx);
    builder.build();
    builder.finish();
    await ctx.insert('person', builder.persons);
    await ctx.insert('person_disability', builder.disabilities);
    await ctx.insert('relationship', builder.relationships);
    await ctx.insert('address', builder.addresses);
    await ctx.insert('child_event', builder.events);
    const { council } = ctx;
    const moves = builder.events.filter((e) => e.type === 'address.changed').length;
    ctx.log(
      `${council.families.length} families: ${council.children.length} children, ${council.adults.length} adults, ` +
        `${builder.relationships.length} relationships, ${builder.addresses.length} addresses (${moves} moves in the journal)`,
    );
  },
};
