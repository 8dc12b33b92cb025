// A hand-made child in care whose 2025-26 return breaks no rule, for the rule tests and the file
// tests to change: a girl in care since March 2024 (so in OC2), who moved in June 2025, was missing
// for a day, had a review, and changed social worker in September 2025. Both foster placements carry
// their fostering service's Ofsted URN (rule 218): the council's own (SC100001), then an agency's (SC100002).
import type { Ssda903Child, Ssda903Episode, Ssda903Return } from './model.ts';
import { collectionYear } from './year.ts';
import type { RuleContext } from './rules/index.ts';

export const FIXTURE_YEAR = collectionYear(2026);
export const fixtureContext = (year = 2026): RuleContext => ({ year: collectionYear(year), asOf: collectionYear(year).end });

export const firstEpisode = (): Ssda903Episode => ({
  decom: '2024-03-01', rne: 'S', ls: 'C2', cin: 'N1', place: 'U4', placeProvider: 'PR1', dec: '2025-06-01', rec: 'X1', reasonPlaceChange: 'CARPL',
  homePost: 'NG1 1AA', plPost: 'NG2 2BB', urn: 'SC100001', plDistance: 3, plLa: 'E06000018', plLocation: 'IN', periodStart: '2024-03-01',
});

export const secondEpisode = (): Ssda903Episode => ({
  decom: '2025-06-01', rne: 'P', ls: 'C2', cin: 'N1', place: 'U6', placeProvider: 'PR4', dec: null, rec: null, reasonPlaceChange: null,
  homePost: 'NG1 1AA', plPost: 'NG3 3CC', urn: 'SC100002', plDistance: 4, plLa: 'E06000018', plLocation: 'IN', periodStart: '2024-03-01',
});

export function cleanChild(overrides: Partial<Ssda903Child> = {}): Ssda903Child {
  return {
    childId: '00000000-0000-4000-8000-000000000903',
    child: 'LC0000903',
    sex: 'F',
    dob: '2012-06-15',
    ethnic: 'WBRI',
    upn: 'A201123456788',
    mother: '0',
    mcDob: null,
    uasc: false,
    duc: null,
    episodes: [firstEpisode(), secondEpisode()],
    reviews: [{ review: '2025-05-01', reviewCode: 'PN1' }],
    missing: [{ missing: 'M', misStart: '2025-07-01', misEnd: '2025-07-02' }],
    oc2: { sdqScore: 12, sdqReason: null, convicted: '0', healthCheck: null, immunisations: '1', teethCheck: '1', healthAssessment: '1', substanceMisuse: '0', interventionReceived: null, interventionOffered: null },
    oc3: null,
    ad1: null,
    placedAdoption: [],
    prevPerm: null,
    swEpisodes: [
      { swId: 'XXAB12CD34', swDecom: '2024-03-01', swDec: '2025-09-01', swReason: 'MANAGE' },
      { swId: 'XXEF56AB78', swDecom: '2025-09-01', swDec: null, swReason: null },
    ],
    dolo: [],
    ...overrides,
  };
}

export function fixtureReturn(children: Ssda903Child[] = [cleanChild()], year = 2026): Ssda903Return {
  const y = collectionYear(year);
  return { header: { year, start: y.start, end: y.end, laNumber: '999', madeAt: `${year}-04-10T09:00:00Z` }, children };
}
