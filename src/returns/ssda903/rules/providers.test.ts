// The URN and provider rules (decision 0077) with a return that breaks each and a near miss that does
// not, against a small register of Ofsted's lists: the clean child's two foster placements are with
// the council's own fostering service (SC100001, in Brightwater) and an agency (SC100002, in Kestrelford).
import { describe, expect, it } from 'vitest';
import { validateSsda903 } from '../validate.ts';
import type { Ssda903Child, Ssda903Episode } from '../model.ts';
import { cleanChild, fixtureContext, fixtureReturn } from '../test-fixture.ts';
import type { ProviderRegister, RegisteredProvider } from '../../../providers/model.ts';

const OWN = 'E06000018';
const provider = (urn: string, p: Partial<RegisteredProvider>): RegisteredProvider => ({
  urn, name: null, providerType: null, placementCodes: [], providerCodes: [], postcode: null, localAuthority: null, registeredOn: '2010-01-01', closedOn: null, list: 'social_care_providers', councilCode: null, councilName: null, ...p,
});
const REGISTER: ProviderRegister = {
  ownCouncilCode: OWN,
  byUrn: new Map(
    [
      provider('SC100001', { name: 'Brightwater Fostering', placementCodes: ['U1', 'U2', 'U3', 'U4', 'U5', 'U6'], providerCodes: ['PR1', 'PR2'], postcode: 'NG1 5AA', councilCode: OWN, councilName: 'Nottingham' }),
      provider('SC100002', { name: 'Kestrel Fostering Agency', placementCodes: ['U4', 'U5', 'U6'], providerCodes: ['PR4'], postcode: 'NG9 1AB', councilCode: 'E10000024', councilName: 'Nottinghamshire' }),
      provider('SC200001', { name: 'Oakwood House', providerType: 'Children’s Home', placementCodes: ['K2'], providerCodes: ['PR4'], postcode: 'NG3 3CC', councilCode: OWN, councilName: 'Nottingham', list: 'children_homes' }),
      provider('SC200002', { name: 'Meadowbank', placementCodes: ['K2'], providerCodes: ['PR4'], postcode: 'NG5 5EE', councilCode: OWN, councilName: 'Nottingham', closedOn: '2025-10-01', list: 'children_homes' }),
      provider('2000001', { name: 'Quayside Supported Living', placementCodes: ['K3'], providerCodes: ['PR4'], postcode: 'NG7 7GG', councilCode: OWN, councilName: 'Nottingham', localAuthority: 'Nottingham' }),
      provider('SC300001', { name: 'Ashdown Council Homes', placementCodes: ['K2'], providerCodes: ['PR1', 'PR2'], postcode: 'NG9 9HH', councilCode: 'E10000024', councilName: 'Nottinghamshire' }),
    ].map((p) => [p.urn, p]),
  ),
};

type Change = (c: Ssda903Child, e1: Ssda903Episode, e2: Ssda903Episode) => void;
const changed = (change: Change) => {
  const c = cleanChild();
  change(c, c.episodes[0]!, c.episodes[1]!);
  return c;
};
const failing = (change: Change, register: ProviderRegister | null = REGISTER) =>
  validateSsda903(fixtureReturn([changed(change)]), { ...fixtureContext(), ...(register ? { providers: register } : {}) }).failures.map((f) => f.code);

/** Moved in June 2025 to a children's home (K2) run by a private provider (PR4). */
const home = (urn: string, postcode = 'NG3 3CC'): Change => (_c, _e1, e2) => Object.assign(e2, { place: 'K2', placeProvider: 'PR4', urn, plPost: postcode });
/** Moved in June 2025 to supported accommodation (K3) in a council. */
const supported = (plLa: string): Change => (_c, _e1, e2) => Object.assign(e2, { place: 'K3', placeProvider: 'PR4', urn: '2000001', plPost: 'NG7 7GG', plLa });

// [DfE's rule, what breaks it, a near miss that does not]
const CASES: [string, Change, Change][] = [
  // 218: a foster placement open in the year with no URN; placed with parents (P1) needs none.
  ['218', (_c, _e1, e2) => (e2.urn = null), (_c, _e1, e2) => Object.assign(e2, { urn: null, place: 'P1', placeProvider: 'PR0', plPost: 'NG1 1AA' })],
  // 218: a placement in Wales needs none (its council's ONS code starts W); one that ended before the year is not checked.
  ['218', (_c, e1) => Object.assign(e1, { urn: null, dec: '2025-04-01' }), (_c, e1) => Object.assign(e1, { urn: null, dec: '2025-03-31' })],
  ['218', (_c, _e1, e2) => (e2.urn = null), (_c, _e1, e2) => Object.assign(e2, { urn: null, plLa: 'W06000015' })],
  // 222: residential care home (R1) with a URN; with a regional adoption agency's XXXXXXX it is 242's business, not 222's.
  ['222', (_c, _e1, e2) => (e2.place = 'R1'), (_c, _e1, e2) => Object.assign(e2, { place: 'R1', urn: 'XXXXXXX' })],
  ['1008', (_c, _e1, e2) => (e2.urn = 'SC999999'), (_c, _e1, e2) => (e2.urn = 'SC100001')],
  // 219: the agency is not registered for connected-person fostering (U3).
  ['219', (_c, _e1, e2) => (e2.place = 'U3'), (_c, _e1, e2) => (e2.place = 'U5')],
  ['224', (_c, _e1, e2) => (e2.placeProvider = 'PR5'), home('SC200001')],
  ['221', home('SC200001', 'NG3 3CD'), home('SC200001', 'ng33cc')],
  // 227: Meadowbank closed on 1 October 2025; an episode starting before it is fine (228 is then the end's rule).
  ['227', (c, _e1, e2) => { home('SC200002', 'NG5 5EE')(c, _e1, e2); e2.decom = '2025-10-01'; c.episodes[0]!.dec = '2025-10-01'; }, (c, _e1, e2) => { home('SC200002', 'NG5 5EE')(c, _e1, e2); e2.decom = '2025-09-30'; c.episodes[0]!.dec = '2025-09-30'; e2.dec = '2025-10-01'; e2.rec = 'E4A'; }],
  ['228', (_c, _e1, e2) => { home('SC200002', 'NG5 5EE')(_c, _e1, e2); Object.assign(e2, { dec: '2025-10-02', rec: 'E4A' }); }, (_c, _e1, e2) => { home('SC200002', 'NG5 5EE')(_c, _e1, e2); Object.assign(e2, { dec: '2025-10-01', rec: 'E4A' }); }],
  // 228: still open at the year's end with a provider that closed in it.
  ['228', home('SC200002', 'NG5 5EE'), home('SC200001')],
  // 229: the council's own provision (PR1) with an agency in another council; another council's home (PR2) is right for PR2.
  ['229', (_c, _e1, e2) => Object.assign(e2, { placeProvider: 'PR1' }), (_c, _e1, e2) => Object.assign(e2, { place: 'K2', urn: 'SC300001', plPost: 'NG9 9HH', placeProvider: 'PR2' })],
  ['229', (_c, e1) => Object.assign(e1, { placeProvider: 'PR2' }), (_c, e1) => Object.assign(e1, { placeProvider: 'PR1' })],
  // 241: supported accommodation in a council where the provider has no premises; the provider's own council, by code or name.
  ['241', supported('E10000024'), supported(OWN)],
  ['241', supported('Derby'), supported('nottingham')],
];

describe('SSDA903 rules on URNs and Ofsted’s provider lists (decision 0077)', () => {
  it('the clean child breaks none of them, with Ofsted’s lists loaded or not', () => {
    expect(failing(() => {})).toEqual([]);
    expect(failing(() => {}, null)).toEqual([]);
  });

  it.each(CASES)('rule %s: fails where it is broken, passes where it is not', (code, breaks, nearMiss) => {
    expect(failing(breaks)).toContain(code);
    expect(failing(nearMiss)).not.toContain(code);
  });

  it('the rules that look a URN up are not run until Ofsted’s lists are loaded, as in DfE’s validator', () => {
    const lookups = ['1008', '219', '221', '224', '227', '228', '229', '241'];
    const broken = failing((_c, _e1, e2) => Object.assign(e2, { urn: 'SC999999', placeProvider: 'PR1' }));
    expect(broken).toEqual(expect.arrayContaining(['1008', '219', '224', '229']));
    expect(failing((_c, _e1, e2) => Object.assign(e2, { urn: 'SC999999', placeProvider: 'PR1' }), null).filter((c) => lookups.includes(c))).toEqual([]);
    // 218 and 222 need no list: they read the placement type alone.
    expect(failing((_c, _e1, e2) => (e2.urn = null), null)).toContain('218');
  });

  it('XXXXXXX (a regional adoption agency) is looked up by none of them', () => {
    const codes = failing((_c, _e1, e2) => Object.assign(e2, { place: 'A4', urn: 'XXXXXXX' }));
    expect(codes.filter((c) => ['218', '222', '1008', '219', '221', '224', '227', '228', '229', '241', '242'].includes(c))).toEqual([]);
  });
});
