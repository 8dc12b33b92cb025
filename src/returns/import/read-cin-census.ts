// Reads a CIN census XML file from another system into the census's own model (model.ts), so that the
// importer writes from the same shape the export is written from (issue 10, decision 0039). Nothing is
// dropped here: an element the model cannot hold (a date that is not a date, a child with no LA child
// ID) is kept as a problem beside the child, and the importer reports it as a rejected row.
import { create } from 'xmlbuilder2';
import type { CensusChild, CensusCinDetails, CensusCpPlan, CensusSection47 } from '../cin-census/model.ts';
import { isIsoDate } from '../../calendar/index.ts';

/** One child read from the file, with where it is in the file and what could not be read. */
export interface FileChild {
  /** 1-based position of the <Child> in the file, for the report. */
  position: number;
  child: CensusChild;
  problems: FileProblem[];
}

/** Something in the file that cannot become part of the record, and why. */
export interface FileProblem {
  /** The element's path from the child, e.g. "CINdetails 2 / Section47 1". */
  where: string;
  reason: string;
}

export interface CensusFile {
  year: number | null;
  referenceDate: string | null;
  laNumber: string | null;
  children: FileChild[];
}

/** The file cannot be read at all (not XML, or not a CIN census): nothing in it is imported. */
export class UnreadableFile extends Error {}

// The DOM of xmlbuilder2's parser; only what is walked here.
interface XmlNode {
  nodeType: number;
  localName?: string | null;
  nodeName: string;
  /** The text of a Text or CDATA node. */
  data?: string;
  firstChild: XmlNode | null;
  nextSibling: XmlNode | null;
}

const ELEMENT = 1;

function elements(parent: XmlNode, name: string): XmlNode[] {
  const found: XmlNode[] = [];
  // From sibling to sibling: the parser's childNodes[i] walks the list from its start each time, which
  // made reading the 20,000 <Child> elements of a large file take seconds.
  for (let n = parent.firstChild; n !== null; n = n.nextSibling) {
    if (n.nodeType === ELEMENT && (n.localName ?? n.nodeName) === name) found.push(n);
  }
  return found;
}

const TEXT = 3;
const CDATA = 4;

/**
 * An element's text: its Text and CDATA descendants joined, as the DOM's textContent gives it, read
 * directly (the parser's textContent walks the tree through a generator, seconds over a large file).
 */
function textOf(node: XmlNode): string {
  let value = '';
  for (let n = node.firstChild; n !== null; n = n.nextSibling) {
    if (n.nodeType === TEXT || n.nodeType === CDATA) value += n.data ?? '';
    else if (n.nodeType === ELEMENT) value += textOf(n);
  }
  return value;
}

const first = (parent: XmlNode | undefined, name: string): XmlNode | undefined => (parent ? elements(parent, name)[0] : undefined);

function text(parent: XmlNode | undefined, name: string): string | null {
  const node = first(parent, name);
  const value = node ? textOf(node).trim() : '';
  return value ? value : null;
}

/** The codes of a list element's items (<Disabilities><Disability>…), none when it is absent. */
const listed = (list: XmlNode | undefined, item: string): string[] =>
  list ? elements(list, item).map((n) => textOf(n).trim()).filter((v) => v !== '') : [];

/** Reads the file's dates and yes/no items, noting each that is not what the schema says. */
class ChildReader {
  readonly problems: FileProblem[] = [];

  date(parent: XmlNode | undefined, name: string, where: string): string | null {
    const value = text(parent, name);
    if (value === null) return null;
    if (!isIsoDate(value)) {
      this.problems.push({ where: `${where}${name}`, reason: `"${value}" is not a date (YYYY-MM-DD)` });
      return null;
    }
    return value;
  }

  yesNo(parent: XmlNode | undefined, name: string, where: string): boolean | null {
    const value = text(parent, name);
    if (value === null) return null;
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    this.problems.push({ where: `${where}${name}`, reason: `"${value}" is not true or false` });
    return null;
  }

  count(parent: XmlNode | undefined, name: string, where: string): number | null {
    const value = text(parent, name);
    if (value === null) return null;
    if (!/^\d+$/.test(value)) {
      this.problems.push({ where: `${where}${name}`, reason: `"${value}" is not a whole number` });
      return null;
    }
    return Number(value);
  }
}

function readSection47(r: ChildReader, s: XmlNode, where: string): CensusSection47 {
  return {
    startDate: r.date(s, 'S47ActualStartDate', where) ?? '',
    icpcTarget: r.date(s, 'InitialCPCtarget', where),
    icpcDate: r.date(s, 'DateOfInitialCPC', where),
    icpcNotRequired: r.yesNo(s, 'ICPCnotRequired', where) ?? false,
  };
}

function readCpPlan(r: ChildReader, p: XmlNode, where: string): CensusCpPlan {
  return {
    startDate: r.date(p, 'CPPstartDate', where) ?? '',
    endDate: r.date(p, 'CPPendDate', where),
    initialCategory: text(p, 'InitialCategoryOfAbuse'),
    latestCategory: text(p, 'LatestCategoryOfAbuse'),
    numberOfPreviousCpp: r.count(p, 'NumberOfPreviousCPP', where),
    reviewDates: elements(first(p, 'Reviews') ?? p, 'CPPreviewDate')
      .map((d) => textOf(d).trim())
      .filter((d) => {
        if (isIsoDate(d)) return true;
        r.problems.push({ where: `${where}CPPreviewDate`, reason: `"${d}" is not a date (YYYY-MM-DD)` });
        return false;
      }),
  };
}

function readCinDetails(r: ChildReader, d: XmlNode, n: number): CensusCinDetails {
  const at = `CINdetails ${n} / `;
  const within = (name: string, i: number) => `${at}${name} ${i + 1} / `;
  return {
    episodeId: '',
    referralDate: r.date(d, 'CINreferralDate', at) ?? '',
    referralSource: text(d, 'ReferralSource'),
    primaryNeed: text(d, 'PrimaryNeedCode'),
    closureDate: r.date(d, 'CINclosureDate', at),
    closureReason: text(d, 'ReasonForClosure'),
    dateOfInitialCpc: r.date(d, 'DateOfInitialCPC', at),
    referralNfa: r.yesNo(d, 'ReferralNFA', at),
    assessments: elements(d, 'Assessments').map((a, i) => ({
      startDate: r.date(a, 'AssessmentActualStartDate', within('Assessments', i)) ?? '',
      authorisationDate: r.date(a, 'AssessmentAuthorisationDate', within('Assessments', i)),
      factors: listed(first(a, 'FactorsIdentifiedAtAssessment'), 'AssessmentFactors'),
    })),
    cinPlans: elements(d, 'CINPlanDates').map((p, i) => ({
      startDate: r.date(p, 'CINPlanStartDate', within('CINPlanDates', i)) ?? '',
      endDate: r.date(p, 'CINPlanEndDate', within('CINPlanDates', i)),
    })),
    section47s: elements(d, 'Section47').map((s, i) => readSection47(r, s, within('Section47', i))),
    cpPlans: elements(d, 'ChildProtectionPlans').map((p, i) => readCpPlan(r, p, within('ChildProtectionPlans', i))),
  };
}

/** GenderCurrent (before 2024-25) as the Sex the record keeps. */
const LEGACY_GENDER: Record<string, string> = { '1': 'M', '2': 'F', '0': 'U', '9': 'U' };

function readChild(c: XmlNode, position: number): FileChild {
  const r = new ChildReader();
  const ids = first(c, 'ChildIdentifiers');
  const chars = first(c, 'ChildCharacteristics');
  const gender = text(ids, 'GenderCurrent');
  const child: CensusChild = {
    childId: '',
    laChildId: text(ids, 'LAchildID'),
    upn: text(ids, 'UPN'),
    formerUpn: text(ids, 'FormerUPN'),
    upnUnknown: text(ids, 'UPNunknown'),
    birthDate: r.date(ids, 'PersonBirthDate', ''),
    expectedBirthDate: r.date(ids, 'ExpectedPersonBirthDate', ''),
    sex: text(ids, 'Sex') ?? (gender ? (LEGACY_GENDER[gender] ?? gender) : null),
    deathDate: r.date(ids, 'PersonDeathDate', ''),
    ethnicity: text(chars, 'Ethnicity'),
    disabilities: listed(first(chars, 'Disabilities'), 'Disability'),
    cinDetails: elements(c, 'CINdetails').map((d, i) => readCinDetails(r, d, i + 1)),
  };
  return { position, child, problems: r.problems };
}

/** Reads the whole file; throws UnreadableFile when it is not a CIN census at all. */
export function readCensusFile(xml: string): CensusFile {
  let root: XmlNode;
  try {
    root = create(xml).root().node as unknown as XmlNode;
  } catch {
    throw new UnreadableFile('The file is not XML that can be read: check it is the CIN census file itself.');
  }
  if ((root.localName ?? root.nodeName) !== 'Message') throw new UnreadableFile('The file is XML but not a CIN census: its first element is not <Message>.');
  const collection = first(first(root, 'Header'), 'CollectionDetails');
  if (text(collection, 'Collection') !== 'CIN') throw new UnreadableFile('The file is not a CIN census: its <Collection> is not CIN.');
  const year = text(collection, 'Year');
  return {
    year: year && /^\d{4}$/.test(year) ? Number(year) : null,
    referenceDate: text(collection, 'ReferenceDate'),
    laNumber: text(first(first(root, 'Header'), 'Source'), 'LEA'),
    children: elements(first(root, 'Children') ?? root, 'Child').map((c, i) => readChild(c, i + 1)),
  };
}
