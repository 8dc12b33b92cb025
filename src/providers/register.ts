// The providers register (decision 0077): loading Ofsted's lists, the register the SSDA903 rules look
// up, and the check of a placement's URN when it is recorded.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { ownCouncilCode } from '../looked-after/repository.ts';
import { REGIONAL_ADOPTION_AGENCY_URN, type ProviderRegister } from './model.ts';
import { readOfstedLists, type ListFile } from './read-ofsted.ts';
import * as repo from './repository.ts';

export interface LoadResult {
  loadId: string;
  providers: number;
  rejected: number;
}

/** Reads Ofsted's lists and replaces the register with them (nothing changes if a file cannot be read). */
export async function loadOfstedLists(db: Kysely<Database>, files: readonly ListFile[], loadedBy: string | null): Promise<LoadResult> {
  const { providers, rejected } = await readOfstedLists(files);
  const loadId = await repo.replaceRegister(db, { fileNames: files.map((f) => f.fileName).join(', '), providers, rejected, loadedBy });
  return { loadId, providers: providers.length, rejected: rejected.length };
}

/** The register for the SSDA903 rules, or undefined while no list is loaded (the rules that need it are then not run, as in DfE's validator). */
export async function providerRegister(db: Db): Promise<ProviderRegister | undefined> {
  const [providers, own] = await Promise.all([repo.allProviders(db), ownCouncilCode(db)]);
  if (providers.length === 0) return undefined;
  return { byUrn: new Map(providers.map((p) => [p.urn, p])), ownCouncilCode: own };
}

/**
 * A placement's URN, checked against Ofsted's list when one is loaded: a URN not on it, or a provider
 * that had closed by the day the placement started, is refused with what to do. With no list loaded
 * any URN of the right shape is taken: the council may not have loaded Ofsted's lists yet, and the
 * SSDA903 report checks every URN once they are.
 */
export async function checkPlacementUrn(db: Db, urn: string | null, startedOn: string): Promise<void> {
  if (!urn || urn === REGIONAL_ADOPTION_AGENCY_URN) return;
  const provider = await repo.providerByUrn(db, urn);
  if (!provider) {
    const load = await repo.lastLoad(db);
    if (!load) return;
    throw new RuleBroken(
      `URN ${urn} is not on Ofsted’s lists of providers loaded on ${formatDate(new Date(load.loaded_at).toISOString().slice(0, 10))}: check the number with the provider. If they registered since, leave the URN blank and ask the performance team to load Ofsted’s latest lists`,
      'urn',
    );
  }
  if (provider.closedOn && provider.closedOn <= startedOn) {
    throw new RuleBroken(`Ofsted’s list shows ${provider.name ?? `URN ${urn}`} closed on ${formatDate(provider.closedOn)}, before the placement started: check the URN`, 'urn');
  }
}
