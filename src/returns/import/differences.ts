// After an import, the file beside Lantern's own return for the same year (decision 0039): every value
// the file gave that Lantern now holds differently is listed, so nothing is lost without a word — a
// UPNunknown reason Lantern does not keep, a NumberOfPreviousCPP counting plans from before the file, a
// latest category of abuse on a plan with no review to hold it. Only what both hold is compared: a
// fact missing from Lantern was rejected (and is in the rejected list already).
import type { CensusChild, CensusCinDetails } from '../cin-census/model.ts';

export interface Difference {
  laChildId: string;
  /** Where in the child's element, e.g. "CINdetails 2019-05-01 / Section47 2019-05-03". */
  where: string;
  item: string;
  inFile: string;
  inLantern: string;
}

const shown = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return 'not given';
  if (Array.isArray(value)) return value.length ? [...value].sort().join(', ') : 'none';
  return String(value);
};

/** Compares the named items of two versions of one thing. */
function compare<T extends object>(out: Difference[], laChildId: string, where: string, file: T, lantern: T, items: Partial<Record<keyof T, string>>): void {
  for (const [key, item] of Object.entries(items) as [keyof T, string][]) {
    const a = shown(file[key]);
    const b = shown(lantern[key]);
    if (a !== b) out.push({ laChildId, where, item, inFile: a, inLantern: b });
  }
}

/** Pairs the things of a kind by their start date, as the importer matched them. */
function pairs<T>(file: readonly T[], lantern: readonly T[], key: (t: T) => string): [T, T][] {
  const byKey = new Map(lantern.map((t) => [key(t), t]));
  return file.flatMap((t) => {
    const other = byKey.get(key(t));
    return other ? [[t, other] as [T, T]] : [];
  });
}

function episodeDifferences(out: Difference[], id: string, file: CensusCinDetails, lantern: CensusCinDetails): void {
  const at = `CINdetails ${file.referralDate}`;
  compare(out, id, at, file, lantern, { referralSource: 'ReferralSource', primaryNeed: 'PrimaryNeedCode', closureDate: 'CINclosureDate', closureReason: 'ReasonForClosure', dateOfInitialCpc: 'DateOfInitialCPC', referralNfa: 'ReferralNFA' });
  for (const [a, b] of pairs(file.assessments, lantern.assessments, (x) => x.startDate)) {
    compare(out, id, `${at} / Assessment ${a.startDate}`, a, b, { authorisationDate: 'AssessmentAuthorisationDate', factors: 'AssessmentFactors' });
  }
  for (const [a, b] of pairs(file.cinPlans, lantern.cinPlans, (x) => x.startDate)) compare(out, id, `${at} / CIN plan ${a.startDate}`, a, b, { endDate: 'CINPlanEndDate' });
  for (const [a, b] of pairs(file.section47s, lantern.section47s, (x) => x.startDate)) {
    compare(out, id, `${at} / Section47 ${a.startDate}`, a, b, { icpcTarget: 'InitialCPCtarget', icpcDate: 'DateOfInitialCPC', icpcNotRequired: 'ICPCnotRequired' });
  }
  for (const [a, b] of pairs(file.cpPlans, lantern.cpPlans, (x) => x.startDate)) {
    compare(out, id, `${at} / CP plan ${a.startDate}`, a, b, {
      endDate: 'CPPendDate',
      initialCategory: 'InitialCategoryOfAbuse',
      latestCategory: 'LatestCategoryOfAbuse',
      numberOfPreviousCpp: 'NumberOfPreviousCPP',
      reviewDates: 'CPPreviewDate',
    });
  }
}

/** What Lantern holds differently from the file, for the children both have. */
export function differences(fileChildren: readonly CensusChild[], lanternChildren: readonly CensusChild[]): Difference[] {
  const lantern = new Map(lanternChildren.map((c) => [c.laChildId, c]));
  const out: Difference[] = [];
  for (const file of fileChildren) {
    const held = file.laChildId ? lantern.get(file.laChildId) : undefined;
    if (!held || !file.laChildId) continue;
    const id = file.laChildId;
    compare(out, id, '', file, held, {
      upn: 'UPN',
      formerUpn: 'FormerUPN',
      upnUnknown: 'UPNunknown',
      birthDate: 'PersonBirthDate',
      expectedBirthDate: 'ExpectedPersonBirthDate',
      sex: 'Sex',
      deathDate: 'PersonDeathDate',
      ethnicity: 'Ethnicity',
      disabilities: 'Disability',
    });
    for (const [a, b] of pairs(file.cinDetails, held.cinDetails, (d) => d.referralDate)) episodeDifferences(out, id, a, b);
  }
  return out;
}
