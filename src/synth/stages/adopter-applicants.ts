// Each applicant of the prospective adopter households the permanence-and-adoption stage made: the
// names from the household's ("Sam and Alex Carter"), the sexes those the household's record gives
// the SSDA903 return (a couple's order at random). Assumed rates, not measured ones (decision 0055):
// the details are taken at the registration of interest, so 6 households in 10 still at the enquiry
// have none yet; ethnicity about 4 in 5 White British, the rest spread over the other groups; about 1
// applicant in 16 with a disability, 1 in 7 not known.
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SynthContext } from '../context.ts';
import { dayOf } from '../dates.ts';
import type { Stage } from '../stages.ts';

type Row<T extends keyof Database> = Insertable<Database[T]>;

const ETHNICITIES: readonly (readonly [string, number])[] = [
  ['WBRI', 78], ['WOTH', 5], ['WIRI', 2], ['MWBC', 2], ['MOTH', 2], ['AIND', 2], ['APKN', 2], ['BCRB', 2], ['BAFR', 2], ['CHNE', 1], ['OOTH', 1], ['REFU', 1],
];

/** The applicants' names from the household's: "Sam and Alex Carter" is Sam Carter and Alex Carter. */
export function applicantNames(household: string, applicants: number): string[] {
  const couple = household.match(/^(\S+) and (\S+) (.+)$/);
  if (couple && applicants === 2) return [`${couple[1]} ${couple[3]}`, `${couple[2]} ${couple[3]}`];
  return applicants === 2 ? [`${household} (first applicant)`, `${household} (second applicant)`] : [household];
}

export const adopterApplicants: Stage = {
  name: 'adopter-applicants',
  async run(ctx: SynthContext) {
    const { rng } = ctx;
    const households = await ctx.db
      .selectFrom('adopter_household')
      .select(['id', 'name', 'applicants', 'adopters_sex', 'enquiry_on', 'registered_on', 'worker_id', 'recorded_by'])
      .where('deleted_at', 'is', null)
      .orderBy('enquiry_on')
      .orderBy('id')
      .execute();
    const rows: Row<'adopter_applicant'>[] = [];
    for (const h of households) {
      if (!h.registered_on && rng.chance(0.6)) continue;
      // M1, F1, MM, FF as the code says; MF in either order; not recorded, at random.
      const code = h.adopters_sex;
      const sexes = !code ? Array.from({ length: h.applicants }, () => (rng.chance(0.5) ? 'F' : 'M')) : code === 'MF' && rng.chance(0.5) ? ['F', 'M'] : [...code.replace('1', '')];
      const by = h.worker_id ?? h.recorded_by;
      const at = ctx.stamp(dayOf(h.registered_on ?? h.enquiry_on), 3);
      applicantNames(h.name, h.applicants).forEach((name, i) => {
        const disabled = rng.chance(1 / 7) ? null : rng.chance(1 / 14);
        rows.push({ id: rng.uuid(), household_id: h.id, position: i + 1, name, sex: sexes[i] ?? null, ethnicity: rng.weighted(ETHNICITIES), disabled, recorded_by: by, recorded_at: at });
      });
    }
    await ctx.insert('adopter_applicant', rows);
    ctx.log(`${rows.length} applicants of ${households.length} adopter households`);
  },
};
