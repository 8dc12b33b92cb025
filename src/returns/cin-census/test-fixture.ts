// A hand-made child whose return breaks no rule, for the rule tests and the XSD test to change.
import type { CensusChild, CensusReturn } from './model.ts';
import { collectionYear } from './year.ts';
import type { RuleContext } from './rules/index.ts';

export const FIXTURE_YEAR = collectionYear(2026);
export const fixtureContext = (asOf = FIXTURE_YEAR.end): RuleContext => ({ year: FIXTURE_YEAR, asOf });

export function cleanChild(overrides: Partial<CensusChild> = {}): CensusChild {
  return {
    childId: '00000000-0000-4000-8000-000000000001',
    laChildId: 'LC0000001',
    upn: 'P201123456789',
    formerUpn: null,
    upnUnknown: null,
    birthDate: '2015-05-10',
    expectedBirthDate: null,
    sex: 'F',
    deathDate: null,
    ethnicity: 'WBRI',
    disabilities: ['NONE'],
    cinDetails: [
      {
        episodeId: '00000000-0000-4000-8000-0000000000e1',
        referralDate: '2025-05-01',
        referralSource: '2A',
        primaryNeed: 'N1',
        closureDate: null,
        closureReason: null,
        dateOfInitialCpc: null,
        referralNfa: false,
        assessments: [{ startDate: '2025-05-02', authorisationDate: '2025-06-10', factors: ['16A'] }],
        section47s: [{ startDate: '2025-05-06', icpcTarget: '2025-05-27', icpcDate: '2025-05-27', icpcNotRequired: false }],
        cpPlans: [{ startDate: '2025-05-27', endDate: '2025-12-01', initialCategory: 'NEG', latestCategory: 'NEG', numberOfPreviousCpp: 1, reviewDates: ['2025-08-27'] }],
        cinPlans: [{ startDate: '2025-12-01', endDate: null }],
      },
    ],
    ...overrides,
  };
}

export function fixtureReturn(children: CensusChild[] = [cleanChild()]): CensusReturn {
  return { header: { year: 2026, referenceDate: '2026-03-31', laNumber: '999', madeAt: '2026-04-10T09:00:00Z' }, children };
}
