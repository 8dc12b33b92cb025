// Rules on a placement's Ofsted URN and the provider it names (decision 0077), as DfE's validator has
// them (data-to-insight/csc-validator-be-903: 218 from lac2025_26, 222 from lac2024_25, which 2025-26
// inherits; 219, 221, 224, 227, 228 and 1008 from lac2022_23; 229 from lac2025_26). Those that look a
// URN up run only once Ofsted's lists are loaded, as the validator runs them only with its lookup.
// 241: DfE's condition (the placement's council is one where the provider has premises); the
// validator's code compares the placement's council with the submitting council instead.
import type { Ssda903Episode } from '../model.ts';
import { REGIONAL_ADOPTION_AGENCY_URN, type ProviderRegister, type RegisteredProvider } from '../../../providers/model.ts';
import { episodeRule, SHORT_BREAKS, type RuleContext, type Ssda903Rule } from './define.ts';
import { outsideEngland } from './episodes.ts';

/** Placement types that need no URN (218, 2025-26) and where none may be recorded (222, the 2024-25 list 2025-26 keeps: Z1, not Z11-Z14). */
const NO_URN_NEEDED = ['P1', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z11', 'Z12', 'Z13', 'Z14'];
const NO_URN_ALLOWED = ['P1', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z1'];
/** 221: the setting's postcode is the placement's for these (a children's home, a family centre, a school). */
const ONE_ADDRESS = ['K1', 'K2', 'R3', 'S1'];
/** 229 (2025-26): placement types whose provider's council is not compared with the placing council. */
const NOT_COMPARED_229 = ['K3', ...NO_URN_NEEDED];
/** Outside England (218): a nation's code, or an ONS council code for Scotland, Wales or Northern Ireland. */

/** A real URN: recorded, and not the regional adoption agencies' XXXXXXX. */
const realUrn = (e: Ssda903Episode): e is Ssda903Episode & { urn: string } => !!e.urn && e.urn !== REGIONAL_ADOPTION_AGENCY_URN;

/** A rule on an episode with a real URN, run only with Ofsted's lists; `provider` is undefined for a URN not on them. */
const lookupRule = (code: string, message: string, fails: (e: Ssda903Episode & { urn: string }, provider: RegisteredProvider | undefined, register: ProviderRegister, ctx: RuleContext) => boolean) =>
  episodeRule(code, message, (e, _c, ctx) => !!ctx.providers && realUrn(e) && fails(e, ctx.providers.byUrn.get(e.urn), ctx.providers, ctx));

const compact = (postcode: string | null) => postcode?.replace(/\s/g, '').toUpperCase() ?? null;
const sameCouncil = (a: string | null, b: string | null) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

export const PROVIDER_RULES: Ssda903Rule[] = [
  episodeRule('218', 'Ofsted Unique reference number (URN) is required.', (e, _c, ctx) =>
    (e.dec === null || e.dec >= ctx.year.start) && !e.urn && !NO_URN_NEEDED.includes(e.place) && !outsideEngland(e.plLa)),
  episodeRule('222', 'Ofsted Unique reference number (URN) should not be recorded for this placement type.', (e) => NO_URN_ALLOWED.includes(e.place) && realUrn(e)),
  lookupRule('1008', 'Ofsted Unique Reference Number (URN) is not valid.', (_e, provider) => provider === undefined),
  lookupRule('219', 'The Ofsted Unique reference number (URN) provided for the child’s placement does not match the placement type recorded.', (e, provider) => !provider?.placementCodes.includes(e.place)),
  lookupRule('224', 'The Ofsted Unique reference number (URN) provided for the child’s placement does not match the placement provider recorded.', (e, provider) =>
    !e.placeProvider || !provider?.providerCodes.includes(e.placeProvider)),
  lookupRule('221', 'The Ofsted Unique reference number (URN) provided for the child’s placement does not match the placement postcode provided.', (e, provider) =>
    !SHORT_BREAKS.includes(e.ls) && ONE_ADDRESS.includes(e.place) && !!e.plPost && compact(e.plPost) !== compact(provider?.postcode ?? null)),
  lookupRule('227', 'Ofsted Unique reference number (URN) is not valid for the episode start date.', (e, provider) => !!provider?.closedOn && e.decom >= provider.closedOn),
  lookupRule('228', 'Ofsted Unique reference number (URN) is not valid for the episode end date.', (e, provider, _r, ctx) =>
    !!provider?.closedOn && (e.dec !== null ? e.dec > provider.closedOn : ctx.year.end > provider.closedOn)),
  // PR1 (the council's own provision) must be in the council; PR2 (another council's) must not. The
  // validator compares a URN not on the lists too: its council is unknown, so PR1 fails and PR2 does not.
  lookupRule('229', 'Placement provider does not match between the placing authority and the local authority code of the provider.', (e, provider, register) =>
    register.ownCouncilCode !== null && !NOT_COMPARED_229.includes(e.place) &&
    ((e.placeProvider === 'PR1' && provider?.councilCode !== register.ownCouncilCode) || (e.placeProvider === 'PR2' && provider?.councilCode === register.ownCouncilCode))),
  // Supported accommodation (K3): the placement's council (Lantern's, from its postcode) is the
  // provider's, by its postcode or as Ofsted's list names it. A URN not on the lists is 1008's.
  lookupRule('241', 'LA of placement is not an LA the provider has premises.', (e, provider) =>
    e.place === 'K3' && !!provider && !!e.plLa && !sameCouncil(e.plLa, provider.councilName) && !sameCouncil(e.plLa, provider.localAuthority) && e.plLa !== provider.councilCode),
];
