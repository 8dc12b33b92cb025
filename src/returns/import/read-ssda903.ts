// Reads the CSV files of an SSDA903 return from another system into the return's own model
// (../ssda903/model.ts), the one the export writes from, so the round trip compares like with like
// (issue 10, decision 0040). Each file is known by its exact set of columns, as DfE's validator knows
// it (../ssda903/tables.ts). Nothing is dropped here: a value the model cannot hold (a date that is
// not dd/mm/yyyy) is a problem beside the child, a row whose CHILD has no Header row is an orphan, and
// the rows of the other tables are kept with their row numbers and problems (read-ssda903-tables.ts).
import { parse } from 'csv-parse/sync';
import { isIsoDate } from '../../calendar/index.ts';
import type { Ssda903Child, Ssda903Episode } from '../ssda903/model.ts';
import { SSDA903_TABLES } from '../ssda903/tables.ts';
import { UnreadableFile, type FileProblem } from './read-cin-census.ts';
import { addMoreRow, emptyMoreRows, fillModel, MORE_TABLES, type MoreRows, type MoreTable } from './read-ssda903-tables.ts';

export { UnreadableFile };

export interface File903Child {
  /** 1-based row of the child in the Header file, for the report. */
  position: number;
  child: Ssda903Child;
  /** The row of each episode in the Episodes file (same order as child.episodes). */
  episodeRows: number[];
  reviewRows: number[];
  /** Problems that reject the child whole (a Header or Episodes cell that is not a date). */
  problems: FileProblem[];
  /** The rows of the other tables, each with its own problem. */
  more: MoreRows;
}

/** A row naming a CHILD with no Header row: rejected, never dropped. */
export interface OrphanRow {
  table: string;
  row: number;
  laChildId: string;
}

export interface Ssda903File {
  children: File903Child[];
  orphans: OrphanRow[];
  /** The tables found, by name, with their file names as uploaded. */
  tables: { name: string; fileName: string; rows: number }[];
}

/** dd/mm/yyyy to ISO; undefined when the cell is not a date (a problem), null when blank. */
function isoOf(cell: string | undefined): string | null | undefined {
  const value = (cell ?? '').trim();
  if (value === '') return null;
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  const iso = m ? `${m[3]}-${m[2]}-${m[1]}` : value;
  return isIsoDate(iso) ? iso : undefined;
}

const blankToNull = (cell: string | undefined): string | null => {
  const v = (cell ?? '').trim();
  return v === '' ? null : v;
};

interface Table {
  name: string;
  fileName: string;
  rows: Record<string, string>[];
}

function readTable(fileName: string, text: string): Table {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch {
    throw new UnreadableFile(`${fileName} is not a CSV file that can be read`);
  }
  const header = (records[0] ?? []).map((h) => h.trim().toUpperCase());
  const spec = SSDA903_TABLES.find((t) => t.columns.length === header.length && t.columns.every((c) => header.includes(c)));
  if (!spec) throw new UnreadableFile(`${fileName} is not one of the SSDA903 return's tables: its columns (${header.join(', ') || 'none'}) are not those of any table`);
  const rows = records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, (r[i] ?? '').trim()])));
  return { name: spec.name, fileName, rows };
}

/** The files of one return (Header and Episodes required), read into the model, child by child. */
export function readSsda903Files(files: readonly { fileName: string; text: string }[]): Ssda903File {
  const tables = new Map<string, Table>();
  for (const f of files) {
    const t = readTable(f.fileName, f.text);
    if (tables.has(t.name)) throw new UnreadableFile(`${f.fileName} and ${tables.get(t.name)!.fileName} are both the ${t.name} table: send each table once`);
    tables.set(t.name, t);
  }
  for (const required of ['Header', 'Episodes']) {
    if (!tables.has(required)) throw new UnreadableFile(`The ${required} table is missing: an SSDA903 import needs at least the Header and Episodes files`);
  }
  const children: File903Child[] = [];
  const byId = new Map<string, File903Child>();
  const orphans: OrphanRow[] = [];
  tables.get('Header')!.rows.forEach((r, i) => {
    const problems: FileProblem[] = [];
    const date = (where: string, cell: string | undefined): string | null => {
      const d = isoOf(cell);
      if (d === undefined) {
        problems.push({ where, reason: `“${cell}” is not a date (dd/mm/yyyy)` });
        return null;
      }
      return d;
    };
    const laChildId = blankToNull(r.CHILD);
    const child: Ssda903Child = {
      childId: '',
      child: laChildId,
      sex: blankToNull(r.SEX),
      dob: date('Header DOB', r.DOB),
      ethnic: blankToNull(r.ETHNIC),
      upn: blankToNull(r.UPN),
      mother: blankToNull(r.MOTHER),
      mcDob: date('Header MC_DOB', r.MC_DOB),
      uasc: false,
      duc: null,
      episodes: [],
      reviews: [],
      missing: [],
      oc2: null,
      oc3: null,
      ad1: null,
      placedAdoption: [],
      prevPerm: null,
      swEpisodes: [],
      dolo: [],
    };
    const entry: File903Child = { position: i + 1, child, episodeRows: [], reviewRows: [], problems, more: emptyMoreRows() };
    if (laChildId && byId.has(laChildId)) problems.push({ where: `Header row ${i + 1}`, reason: `CHILD ${laChildId} has another Header row (row ${byId.get(laChildId)!.position}): one row a child` });
    if (laChildId && !byId.has(laChildId)) byId.set(laChildId, entry);
    children.push(entry);
  });
  const ownerOf = (table: string, r: Record<string, string>, row: number): File903Child | null => {
    const id = blankToNull(r.CHILD);
    const owner = id ? byId.get(id) : undefined;
    if (!owner) {
      orphans.push({ table, row, laChildId: id ?? '' });
      return null;
    }
    return owner;
  };
  tables.get('Episodes')!.rows.forEach((r, i) => {
    const owner = ownerOf('Episodes', r, i + 1);
    if (!owner) return;
    const where = `Episodes row ${i + 1}`;
    const date = (name: string): string | null => {
      const d = isoOf(r[name]);
      if (d === undefined) {
        owner.problems.push({ where: `${where} ${name}`, reason: `“${r[name]}” is not a date (dd/mm/yyyy)` });
        return null;
      }
      return d;
    };
    const e: Ssda903Episode = {
      decom: date('DECOM') ?? '',
      rne: r.RNE ?? '',
      ls: r.LS ?? '',
      cin: r.CIN ?? '',
      place: r.PLACE ?? '',
      placeProvider: blankToNull(r.PLACE_PROVIDER),
      dec: date('DEC'),
      rec: blankToNull(r.REC),
      reasonPlaceChange: blankToNull(r.REASON_PLACE_CHANGE),
      homePost: blankToNull(r.HOME_POST),
      plPost: blankToNull(r.PL_POST),
      urn: blankToNull(r.URN),
      plDistance: null,
      plLa: null,
      plLocation: null,
      periodStart: '',
    };
    owner.child.episodes.push(e);
    owner.episodeRows.push(i + 1);
  });
  tables.get('Reviews')?.rows.forEach((r, i) => {
    const owner = ownerOf('Reviews', r, i + 1);
    if (!owner) return;
    const d = isoOf(r.REVIEW);
    if (d === undefined) owner.problems.push({ where: `Reviews row ${i + 1} REVIEW`, reason: `“${r.REVIEW}” is not a date (dd/mm/yyyy)` });
    owner.child.reviews.push({ review: d ?? '', reviewCode: r.REVIEW_CODE ?? '' });
    owner.reviewRows.push(i + 1);
  });
  for (const name of MORE_TABLES) {
    tables.get(name)?.rows.forEach((r, i) => {
      const owner = ownerOf(name, r, i + 1);
      if (owner) addMoreRow(name as MoreTable, owner, r, i + 1, isoOf);
    });
  }
  for (const c of children) fillModel(c.child, c.more);
  return { children, orphans, tables: [...tables.values()].map((t) => ({ name: t.name, fileName: t.fileName, rows: t.rows.length })) };
}
