// Rules on the child's identifiers and characteristics (standards.md §1.5, tables ChildIdentifiers,
// ChildCharacteristics, Disabilities, Header).
import { DISABILITY, ETHNICITY, SEX, codesOf } from '../../../codes/index.ts';
import { isUpnLaCode, upnCheckLetter, UPN_LETTERS } from '../../../people/identifiers.ts';
import { ageOn } from '../mapping.ts';
import { childRule, duplicates, inYear, isUnborn, wholeRule, type CensusRule } from './define.ts';

const SEX_CODES: readonly string[] = codesOf(SEX);
const ETHNICITY_CODES: readonly string[] = codesOf(ETHNICITY);
const DISABILITY_CODES: readonly string[] = codesOf(DISABILITY);

const upnOf = (upn: string | null) => (upn ?? '').toUpperCase();

export const CHILD_RULES: CensusRule[] = [
  wholeRule('100', 'Reference Date is incorrect', (r) => (r.header.referenceDate === `${r.header.year}-03-31` ? [] : [{ childId: null, where: `Reference date ${r.header.referenceDate}` }])),

  childRule('8500', 'LA Child ID missing', (c) => !c.laChildId || c.laChildId.trim() === ''),
  childRule('1570', 'LA Child ID must not be longer than 20 characters', (c) => (c.laChildId ?? '').length > 20),
  childRule('1580', 'LA Child ID must not contain any non-alphanumeric characters', (c) => !!c.laChildId && !/^[A-Za-z0-9]+$/.test(c.laChildId)),
  wholeRule('8510', 'More than one child record with the same LA Child ID', (r) => {
    const repeated = new Set(duplicates(r.children.map((c) => c.laChildId).filter((id): id is string => !!id)));
    return r.children.filter((c) => c.laChildId && repeated.has(c.laChildId)).map((c) => ({ childId: c.childId, where: `LA Child ID ${c.laChildId}` }));
  }),

  // UPN (standards.md §1.4): the check letter is computed only when characters 2 to 13 have the right shape.
  childRule('1510', 'UPN invalid (wrong check letter at character 1)', (c) => {
    const upn = upnOf(c.upn);
    if (!/^[A-Z]\d{11}[0-9ABCDEFGHJKLMNPQRTUVWXYZ]$/.test(upn)) return false;
    return upnCheckLetter(upn.slice(1)) !== upn.charAt(0);
  }),
  wholeRule('1520', 'More than one record with the same UPN.', (r) => {
    const repeated = new Set(duplicates(r.children.map((c) => upnOf(c.upn)).filter((u) => u !== '')));
    return r.children.filter((c) => repeated.has(upnOf(c.upn))).map((c) => ({ childId: c.childId, where: `UPN ${upnOf(c.upn)}` }));
  }),
  childRule('1530', 'UPN invalid (characters 2-4 not a recognised LA code)', (c) => !!c.upn && !isUpnLaCode(upnOf(c.upn).slice(1, 4))),
  childRule('1540', 'UPN invalid (characters 5-12 not all numeric)', (c) => !!c.upn && !/^\d{8}$/.test(upnOf(c.upn).slice(4, 12))),
  childRule('1550', 'UPN invalid (character 13 not a recognised value)', (c) => {
    if (!c.upn) return false;
    const last = upnOf(c.upn).charAt(12);
    return !(/\d/.test(last) || (last !== '' && UPN_LETTERS.includes(last)));
  }),
  childRule('1560Q', 'Former UPN wrongly formatted', (c) => !!c.formerUpn && !/^[A-Za-z]\d{11}[A-Za-z0-9]$/.test(c.formerUpn)),
  childRule('8770Q', 'UPN is missing or reason UPN is missing or is UN1 for a child who is of school age.', (c, ctx) => {
    if (c.upn || !c.birthDate) return false;
    // School age: 5 or over on the 31 August before the reference date.
    const schoolAge = ageOn(c.birthDate, `${ctx.year.year - 1}-08-31`) >= 5;
    return schoolAge && (!c.upnUnknown || c.upnUnknown === 'UN1');
  }),
  childRule('8772', 'UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details is a referral going on to further action', (c) =>
    c.upnUnknown === 'UN7' && c.cinDetails.some((d) => d.referralNfa === false)),

  childRule('4180', 'Sex must be provided and equal M, F, or U', (c) => !c.sex || !SEX_CODES.includes(c.sex)),
  childRule('8750', 'Sex must equal U for an unborn child', (c) => isUnborn(c) && c.sex !== 'U'),
  wholeRule('2886Q', 'Percentage of children with no sex recorded is more than 2% (excluding unborns)', (r) => {
    const born = r.children.filter((c) => !isUnborn(c));
    const unknown = born.filter((c) => c.sex === 'U' || !c.sex).length;
    return born.length > 0 && unknown / born.length > 0.02 ? [{ childId: null, where: `${unknown} of ${born.length} children` }] : [];
  }),

  childRule('8520', 'Date of Birth is after data collection period (must be on or before the end of the census period)', (c, ctx) => !!c.birthDate && c.birthDate > ctx.year.end),
  childRule('8525Q', 'Either Date of Birth or Expected Date of Birth must be provided (but not both)', (c) => !c.birthDate === !c.expectedBirthDate),
  childRule('8530Q', 'Expected Date of Birth is outside the expected range for this census (March to December of the Census Year end)', (c, ctx) =>
    !!c.expectedBirthDate && (c.expectedBirthDate < `${ctx.year.year}-03-01` || c.expectedBirthDate > `${ctx.year.year}-12-31`)),
  childRule('8535Q', 'Child’s date of death should not be prior to the date of birth', (c) => !!c.deathDate && !!c.birthDate && c.deathDate < c.birthDate),
  childRule('8545Q', 'Child\'s date of death should be within the census year', (c, ctx) => !!c.deathDate && !inYear(c.deathDate, ctx)),
  childRule('8775Q', 'Child is over 25 years old', (c, ctx) => !!c.birthDate && ageOn(c.birthDate, ctx.year.end) > 25),
  childRule('8590', 'Child does not have a recorded CIN episode.', (c) => c.cinDetails.length === 0),

  childRule('4220', 'Ethnicity is missing or invalid (see Ethnicity table)', (c) => !c.ethnicity || !ETHNICITY_CODES.includes(c.ethnicity)),
  childRule('8540', 'Child’s disability is missing or invalid (see Disability table)', (c) => c.disabilities.filter((d) => !DISABILITY_CODES.includes(d)).map((d) => `Disability ${d}`)),
  childRule('8790', 'Disability information includes both None and other values', (c) => c.disabilities.includes('NONE') && c.disabilities.some((d) => d !== 'NONE')),
  childRule('8794', 'Child has two or more disabilities with the same code', (c) => duplicates(c.disabilities).map((d) => `Disability ${d}`)),
  wholeRule('2887Q', 'Less than 8 disability codes have been used in your return', (r) => {
    const used = new Set(r.children.flatMap((c) => c.disabilities).filter((d) => d !== 'NONE'));
    return used.size < 8 ? [{ childId: null, where: `${used.size} disability codes used` }] : [];
  }),
  wholeRule('2888Q', 'Only one disability code is recorded per child and multiple disabilities should be recorded where possible.', (r) => {
    const disabled = r.children.filter((c) => c.disabilities.some((d) => d !== 'NONE'));
    return disabled.length > 1 && disabled.every((c) => c.disabilities.length === 1) ? [{ childId: null, where: `${disabled.length} disabled children, one code each` }] : [];
  }),
];
