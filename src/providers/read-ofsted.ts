// Reading Ofsted's published provider lists (xlsx) as DfE's SSDA903 validator reads them
// (data-to-insight/csc-validator-be-903, lac_validator/ingress.py): the children's homes list (a
// "Provider information" sheet, or "Settings and Inspection Info" with "Address Details"), the social
// care providers list (current providers, then closed providers) and the combined list Ofsted has
// published since 2025. Each sheet is known by its columns, whatever its name; a sheet with no URN
// column (notes, a cover sheet) is passed over. Every row that cannot be a provider is reported.
import ExcelJS from 'exceljs';
import { normalisePostcode } from '../looked-after/distance.ts';
import type { RejectedProviderRow } from './tables.ts';
import { URN_SHAPE, type OfstedList, type OfstedProvider } from './model.ts';

export class UnreadableList extends Error {}

export interface ListFile {
  fileName: string;
  bytes: Buffer;
}

/** Column names each list has used, compared without case or spaces. The children's homes list
 *  calls its placement types "Provider Code" and its provider codes "Provider Placement Code". */
const COLUMNS = {
  urn: ['urn'],
  localAuthority: ['localauthority', 'providerlocalauthority'],
  placementCodes: ['placementcode', 'providercode'],
  providerCodes: ['placementprovidercode', 'providerplacementcode'],
  closedOn: ['closeddate', 'deregistrationdate'],
  postcode: ['settingpostcode', 'settingaddresspostcode', 'postcode'],
  registeredOn: ['registrationdate', 'dateofregistration'],
  name: ['settingname', 'providername', 'name'],
  providerType: ['providertype', 'settingtype', 'providersubtype'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: readonly Column[] = ['urn', 'localAuthority', 'postcode', 'providerCodes'];
const SHOWN: Record<Column, string> = {
  urn: 'URN',
  localAuthority: 'Local authority',
  placementCodes: 'Placement code',
  providerCodes: 'Placement provider code',
  closedOn: 'Closed date',
  postcode: 'Setting postcode',
  registeredOn: 'Registration date',
  name: 'Setting name',
  providerType: 'Provider type',
};

const squash = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '');

/** A cell's text, whatever exceljs made of it (rich text, a formula's result, a hyperlink). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text).trim();
    return '';
  }
  return String(value).trim();
}

/** dd/mm/yyyy, yyyy-mm-dd or a date cell; null when blank; undefined when not a date. */
function dateOf(text: string): string | null | undefined {
  if (text === '') return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : uk ? [uk[3], uk[2]!.padStart(2, '0'), uk[1]!.padStart(2, '0')] : [];
  if (!y) return undefined;
  const date = `${y}-${m}-${d}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date ? undefined : date;
}

/** "PR1/PR2", "PR1, PR2", "K2 / S1" → ['PR1', 'PR2']. */
const codesOf = (text: string): string[] => [...new Set(text.toUpperCase().split(/[\/,;\s]+/).filter((c) => /^[A-Z]\d{1,2}$|^PR\d$/.test(c)))];

interface SheetColumns {
  index: Partial<Record<Column, number>>;
  headerRow: number;
}

function columnsOf(sheet: ExcelJS.Worksheet): SheetColumns | null {
  // The header is the first row with a URN column, within the first few (a title may come first).
  for (let r = 1; r <= Math.min(sheet.rowCount, 10); r++) {
    const names = (sheet.getRow(r).values as ExcelJS.CellValue[]).map((v) => squash(cellText(v)));
    if (!names.includes('urn')) continue;
    const index: Partial<Record<Column, number>> = {};
    for (const [column, aliases] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
      for (const alias of aliases) {
        const at = names.indexOf(alias);
        if (at > 0 && index[column] === undefined) index[column] = at;
      }
    }
    return { index, headerRow: r };
  }
  return null;
}

const listOf = (sheets: readonly ExcelJS.Worksheet[], types: readonly string[]): OfstedList => {
  if (types.some((t) => /children'?s home/i.test(t)) && types.some((t) => !/children'?s home/i.test(t))) return 'combined';
  if (sheets.some((s) => /provider information|settings and inspection/i.test(s.name)) || types.every((t) => /children'?s home/i.test(t))) return 'children_homes';
  return 'social_care_providers';
};

export interface ReadLists {
  providers: OfstedProvider[];
  rejected: RejectedProviderRow[];
}

/**
 * The providers in Ofsted's workbooks. A URN in more than one row (a provider in two lists, or a
 * current and a closed row) is one provider with the codes of every row; the latest closure wins.
 * Throws UnreadableList, naming the file, sheet and columns, when a sheet with URNs lacks a column
 * the rules need.
 */
export async function readOfstedLists(files: readonly ListFile[]): Promise<ReadLists> {
  const byUrn = new Map<string, OfstedProvider>();
  const rejected: RejectedProviderRow[] = [];
  for (const file of files) {
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
    } catch {
      throw new UnreadableList(`${file.fileName} is not an Excel workbook (.xlsx): download Ofsted’s list again and choose that file`);
    }
    const sheets = book.worksheets.map((sheet) => ({ sheet, columns: columnsOf(sheet) })).filter((s): s is { sheet: ExcelJS.Worksheet; columns: SheetColumns } => s.columns !== null);
    if (sheets.length === 0) throw new UnreadableList(`${file.fileName} has no sheet with a URN column: it is not one of Ofsted’s provider lists`);
    // "Settings and Inspection Info" has no postcodes: they are in "Address Details", by URN.
    const postcodeByUrn = new Map<string, string>();
    for (const { sheet, columns } of sheets) {
      if (columns.index.postcode === undefined || columns.index.providerCodes !== undefined) continue;
      sheet.eachRow((row, n) => {
        if (n <= columns.headerRow) return;
        const values = row.values as ExcelJS.CellValue[];
        postcodeByUrn.set(cellText(values[columns.index.urn!]).toUpperCase(), cellText(values[columns.index.postcode!]));
      });
    }
    const providerSheets = sheets.filter((s) => s.columns.index.providerCodes !== undefined || s.columns.index.postcode === undefined || postcodeByUrn.size === 0);
    if (providerSheets.length === 0) throw new UnreadableList(`${file.fileName}, sheet “${sheets[0]!.sheet.name}”: no “${SHOWN.providerCodes}” column, which Ofsted’s list has and the SSDA903 checks need`);
    const types: string[] = [];
    for (const { sheet, columns } of providerSheets) {
      const missing = REQUIRED.filter((c) => columns.index[c] === undefined && !(c === 'postcode' && postcodeByUrn.size > 0));
      if (missing.length) throw new UnreadableList(`${file.fileName}, sheet “${sheet.name}”: no ${missing.map((c) => `“${SHOWN[c]}”`).join(', ')} column, which Ofsted’s list has and the SSDA903 checks need`);
      sheet.eachRow((row, n) => {
        if (n <= columns.headerRow) return;
        const type = columns.index.providerType ? cellText((row.values as ExcelJS.CellValue[])[columns.index.providerType]) : '';
        if (type) types.push(type);
      });
    }
    const list = listOf(providerSheets.map((s) => s.sheet), types);
    for (const { sheet, columns } of providerSheets) {
      // The combined list's supported accommodation sheet has no placement codes: DfE's validator gives them K3.
      const supported = columns.index.placementCodes === undefined && /supported/i.test(sheet.name);
      if (columns.index.placementCodes === undefined && !supported) throw new UnreadableList(`${file.fileName}, sheet “${sheet.name}”: no “${SHOWN.placementCodes}” column, which Ofsted’s list has and the SSDA903 checks need`);
      sheet.eachRow((row, n) => {
        if (n <= columns.headerRow) return;
        const values = row.values as ExcelJS.CellValue[];
        const text = (c: Column) => (columns.index[c] === undefined ? '' : cellText(values[columns.index[c]!]));
        const urn = text('urn').toUpperCase().replace(/\s/g, '');
        const reject = (reason: string) => rejected.push({ file: file.fileName, sheet: sheet.name, row: n, urn: urn || null, reason });
        if (urn === '') {
          if (values.some((v) => cellText(v) !== '')) reject('No URN');
          return;
        }
        if (!URN_SHAPE.test(urn)) return reject('The URN is not Ofsted’s shape (SC and 6 digits, or 6 or 7 digits)');
        const closedOn = dateOf(text('closedOn'));
        if (closedOn === undefined) return reject(`The closed date “${text('closedOn')}” is not a date`);
        const registeredOn = dateOf(text('registeredOn'));
        if (registeredOn === undefined) return reject(`The registration date “${text('registeredOn')}” is not a date`);
        const postcodeText = text('postcode') || postcodeByUrn.get(urn) || '';
        const postcode = postcodeText ? normalisePostcode(postcodeText) : null;
        if (postcodeText && !postcode) return reject(`The postcode “${postcodeText}” is not a UK postcode`);
        const row903: OfstedProvider = {
          urn,
          name: text('name') || null,
          providerType: text('providerType') || null,
          placementCodes: supported ? ['K3'] : codesOf(text('placementCodes')),
          providerCodes: codesOf(text('providerCodes')),
          postcode,
          localAuthority: text('localAuthority') || null,
          registeredOn,
          closedOn,
          list,
        };
        const seen = byUrn.get(urn);
        byUrn.set(urn, seen ? merged(seen, row903) : row903);
      });
    }
  }
  return { providers: [...byUrn.values()], rejected };
}

function merged(a: OfstedProvider, b: OfstedProvider): OfstedProvider {
  const later = (x: string | null, y: string | null) => (x === null ? y : y === null ? x : x > y ? x : y);
  return {
    ...a,
    name: a.name ?? b.name,
    providerType: a.providerType ?? b.providerType,
    placementCodes: [...new Set([...a.placementCodes, ...b.placementCodes])],
    providerCodes: [...new Set([...a.providerCodes, ...b.providerCodes])],
    postcode: a.postcode ?? b.postcode,
    localAuthority: a.localAuthority ?? b.localAuthority,
    registeredOn: a.registeredOn ?? b.registeredOn,
    closedOn: later(a.closedOn, b.closedOn),
    list: a.list === b.list ? a.list : 'combined',
  };
}
