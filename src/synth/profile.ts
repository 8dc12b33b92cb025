// How big a council to build. The child population is what rates per 10,000 are worked out from;
// person records exist only for the children who came to notice and their families.
// Reference (DESIGN.md §6): England has about 12 million children and, a year, about 600,000
// referrals and 50,000 new child protection plans; about 83,000 children are looked after at any
// time. A large council has 300,000 children and about 20,000 referrals a year.

export type CouncilSize = 'small' | 'medium' | 'large';
/** 'tiny' exists only so the tests stay quick; it is not offered by the command line. */
export type SynthSize = CouncilSize | 'tiny';

export interface SizeProfile {
  size: SynthSize;
  /** Children living in the area (the denominator of every rate per 10,000). */
  childPopulation: number;
  referralsPerYear: number;
  /** Contacts to the front door a year: about three for every referral. */
  contactsPerYear: number;
  /** Years of history held in Lantern, ending today. */
  years: number;
  assessmentTeams: number;
  safeguardingTeams: number;
}

export const PROFILES: Record<SynthSize, SizeProfile> = {
  tiny: { size: 'tiny', childPopulation: 3_000, referralsPerYear: 90, contactsPerYear: 270, years: 2, assessmentTeams: 2, safeguardingTeams: 2 },
  small: { size: 'small', childPopulation: 20_000, referralsPerYear: 600, contactsPerYear: 1_800, years: 3, assessmentTeams: 2, safeguardingTeams: 2 },
  medium: { size: 'medium', childPopulation: 80_000, referralsPerYear: 4_000, contactsPerYear: 12_000, years: 3, assessmentTeams: 3, safeguardingTeams: 4 },
  large: { size: 'large', childPopulation: 300_000, referralsPerYear: 20_000, contactsPerYear: 60_000, years: 3, assessmentTeams: 4, safeguardingTeams: 6 },
};

export const isSize = (value: string): value is SynthSize => Object.hasOwn(PROFILES, value);

/** England's referrals per child a year (600,000 / 12 million): the "national intensity". */
const NATIONAL_REFERRAL_RATE = 0.05;

/** Children open to each service today, per 10,000 children, at national intensity. */
const OPEN_PER_10K = {
  earlyHelp: 60,
  childInNeed: 100,
  childProtection: 42,
  lookedAfter: 70,
  careLeavers: 35,
} as const;

/** Children open to each service today. Both the teams (how many workers) and the families (whose
 *  cases are open) are sized from these, so caseloads come out at about CASELOAD.target. */
export interface OpenTargets {
  earlyHelp: number;
  assessment: number;
  childInNeed: number;
  childProtection: number;
  lookedAfter: number;
  careLeavers: number;
}

export function openTargets(profile: SizeProfile): OpenTargets {
  // A council that refers more children than the national rate also has more open cases.
  const intensity = profile.referralsPerYear / profile.childPopulation / NATIONAL_REFERRAL_RATE;
  const per10k = (rate: number) => Math.max(4, Math.round((rate * intensity * profile.childPopulation) / 10_000));
  return {
    earlyHelp: per10k(OPEN_PER_10K.earlyHelp),
    // Assessments take about five weeks, so about a tenth of a year's referrals are being assessed.
    assessment: Math.max(4, Math.round(profile.referralsPerYear * 0.1)),
    childInNeed: per10k(OPEN_PER_10K.childInNeed),
    childProtection: per10k(OPEN_PER_10K.childProtection),
    lookedAfter: per10k(OPEN_PER_10K.lookedAfter),
    careLeavers: per10k(OPEN_PER_10K.careLeavers),
  };
}

/** Children per case-holding worker. IROs and personal advisers carry more, as they do in practice. */
export const CASELOAD = { min: 15, target: 20, max: 25, iro: 60, personalAdviser: 22 } as const;

/**
 * Children with a record: everyone who came to notice in the years held, plus those known from
 * before (children in care, care leavers). About one child for every two contacts, because many
 * children are the subject of more than one contact.
 */
export function childrenOnRecord(profile: SizeProfile): number {
  return Math.round(profile.contactsPerYear * profile.years * 0.5);
}
