// School age as the virtual school counts it (decision 0013): from the reception year (the school
// year in which the child turns 5) to year 13 (the school year in which they turn 18). PEPs are
// for every child in care in that range (Promoting the education of looked-after children 2018,
// "The Personal Education Plan": early years to 18).
import { schoolYearOf } from '../calendar/school-terms.ts';

/** 1 September of the reception year. A child born 1 September to 31 August turns 5 in the same school year. */
export function receptionStartOf(dateOfBirth: string): string {
  const [y, m] = dateOfBirth.split('-').map(Number) as [number, number];
  return `${y + (m >= 9 ? 5 : 4)}-09-01`;
}

/** The year group on a day: 0 is reception, 1 to 13 the national curriculum years; null before reception. */
export function yearGroupOn(dateOfBirth: string, on: string): number | null {
  const reception = Number(receptionStartOf(dateOfBirth).slice(0, 4));
  const group = schoolYearOf(on) - reception;
  return group < 0 ? null : group;
}

export const yearGroupLabel = (group: number) => (group === 0 ? 'Reception' : `Year ${group}`);

/** The dates of birth of children of school age (reception to year 13) on a day: [earliest, latest]. */
export function schoolAgeBirthRange(on: string): [string, string] {
  const year = schoolYearOf(on);
  return [`${year - 18}-09-01`, `${year - 4}-08-31`];
}
