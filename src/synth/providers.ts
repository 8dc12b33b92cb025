// The synthetic council's Ofsted providers (decision 0077): children's homes, supported accommodation,
// residential schools and fostering services in each synthetic area, as a loaded Ofsted list would
// give them, so that the placements the generator makes carry URNs the register holds. All fictional.
import type { Insertable } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface SynthProvider {
  urn: string;
  name: string;
  /** The placement type it takes children for: K2, K3, S1, or U (foster placements U1-U6). */
  kind: 'K2' | 'K3' | 'S1' | 'U';
  providerCodes: string[];
  postcode: string;
  area: string;
}

interface Area {
  prefix: string;
  council: { code: string; name: string };
}

const HOMES = ['Oakwood House', 'Meadowbank', 'The Willows', 'Harbour Lodge', 'Beacon View', 'Saltings House'];
const SUPPORTED = ['Quayside Supported Living', 'Ropewalk Flats', 'Tern Point Supported Housing'];
const KINDS = [
  { kind: 'K2', names: HOMES, prefix: 'SC5', councilRun: 2 },
  { kind: 'K3', names: SUPPORTED, prefix: '26', councilRun: 1 },
  { kind: 'S1', names: ['Residential School', 'Hillside School'], prefix: 'SC7', councilRun: 1 },
  { kind: 'U', names: ['Fostering Service', 'Family Fostering Agency', 'Harbour Fostering'], prefix: 'SC8', councilRun: 1 },
] as const;

/** Each area's providers: the first of each kind run by the area's council (PR1 for it, PR2 for others), the rest private (PR4). */
export function syntheticProviders(areas: readonly Area[]): SynthProvider[] {
  return areas.flatMap((area, a) =>
    KINDS.flatMap(({ kind, names, prefix, councilRun }) =>
      names.map((base, i) => {
        const councilRunHere = i < councilRun;
        const digits = String(a * 100 + i + 1).padStart(prefix.startsWith('SC') ? 6 - (prefix.length - 2) : 7 - prefix.length, '0');
        return {
          urn: `${prefix}${digits}`,
          name: councilRunHere && kind !== 'K2' ? `${area.council.name} ${base}` : area.prefix === 'BW' ? base : `${base}, ${area.council.name}`,
          kind,
          providerCodes: councilRunHere ? ['PR1', 'PR2'] : ['PR4'],
          postcode: `${area.prefix}${(i % 9) + 1} ${kind === 'U' ? 8 : kind === 'S1' ? 7 : kind === 'K3' ? 6 : 5}${'ABDEFGHJL'.charAt(i)}${'PQRST'.charAt(a)}`,
          area: area.prefix,
        };
      }),
    ),
  );
}

/** The provider a placement is with: of its kind, in its area, with its provider code; `n` picks among them. */
export function providerFor(providers: readonly SynthProvider[], kind: SynthProvider['kind'], area: string, providerCode: string, n: number): SynthProvider | undefined {
  const fits = providers.filter((p) => p.kind === kind && p.area === area && p.providerCodes.includes(providerCode));
  return fits.length ? fits[n % fits.length] : undefined;
}

/** The register rows, as loading Ofsted's lists would leave them (the council from each postcode's area). */
export function registerRows(providers: readonly SynthProvider[], areas: readonly Area[], loadId: string): Insertable<Database['ofsted_provider']>[] {
  return providers.map((p) => {
    const council = areas.find((a) => a.prefix === p.area)!.council;
    return {
      urn: p.urn,
      name: p.name,
      provider_type: p.kind === 'K2' ? 'Children’s Home' : p.kind === 'K3' ? 'Supported Accommodation' : p.kind === 'S1' ? 'Residential Special School' : p.providerCodes.includes('PR1') ? 'Local Authority Fostering Agency' : 'Independent Fostering Agency',
      placement_codes: p.kind === 'U' ? ['U1', 'U2', 'U3', 'U4', 'U5', 'U6'] : [p.kind],
      provider_codes: p.providerCodes,
      postcode: p.postcode,
      local_authority: council.name,
      council_code: council.code,
      council_name: council.name,
      registered_on: '2005-04-01',
      closed_on: null,
      list: p.kind === 'K2' ? 'children_homes' : 'social_care_providers',
      load_id: loadId,
    };
  });
}

/** The council's own fostering service's URN (the first area's council-run fostering service). */
export const OWN_FOSTERING_SERVICE_URN = 'SC800001';
