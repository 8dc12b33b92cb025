// The applicants' sexes as the SSDA903 return codes them for a household (AD1 SEX_ADOPTR), worked out
// from each applicant's sex: in TypeScript for the household's rule, in SQL for the returns.

/** The applicants' sexes as SSDA903 AD1 codes them (MF, MM, FF; M1, F1), when every applicant's is known as male or female. */
export function adoptersSexOf(applicants: number, sexes: readonly (string | null)[]): string | null {
  if (sexes.length !== applicants || sexes.some((s) => s !== 'M' && s !== 'F')) return null;
  return applicants === 1 ? `${sexes[0]}1` : [...sexes].sort().reverse().join(''); // M before F: MF, MM, FF
}

/**
 * adoptersSexOf in SQL, for the returns: the household's recorded sexes, or else those of its applicants
 * when each is known as male or female (M sorts after F, so a couple reads MF, MM or FF).
 */
export const adoptersSexSql = (household: string) => `COALESCE(${household}.adopters_sex, (SELECT CASE WHEN count(*) = ${household}.applicants AND bool_and(ap.sex IN ('M', 'F'))
    THEN CASE WHEN ${household}.applicants = 1 THEN max(ap.sex) || '1' ELSE string_agg(ap.sex, '' ORDER BY ap.sex DESC) END END
  FROM adopter_applicant ap WHERE ap.household_id = ${household}.id AND ap.deleted_at IS NULL))`;
