// The SSDA903 tables beside Header, Episodes and Reviews (UASC, Missing, OC2, OC3, AD1, PlacedAdoption,
// PrevPerm, SWEpisodes, DoLo), read row by row into the return's own model (decision 0040). A row
// with something wrong in it (a cell that is not a date, a DOB that is not the Header's, a second row
// in a table of one row a child) carries its problem, to be rejected alone: the rest of the child
// still imports. Codes are checked by the writers, which say what the record accepts.
import type { Ssda903Ad1, Ssda903Child, Ssda903Dolo, Ssda903Missing, Ssda903Oc2, Ssda903Oc3, Ssda903PlacedAdoption, Ssda903PrevPerm, Ssda903SwEpisode } from '../ssda903/model.ts';

/** One row of a table, where it was in its file, and the first thing wrong with it. */
export interface Row903<T> {
  row: number;
  value: T;
  problem: string | null;
}

export interface MoreRows {
  UASC: Row903<{ duc: string | null }>[];
  Missing: Row903<Ssda903Missing>[];
  OC2: Row903<Ssda903Oc2>[];
  OC3: Row903<Ssda903Oc3>[];
  AD1: Row903<Ssda903Ad1>[];
  PlacedAdoption: Row903<Ssda903PlacedAdoption>[];
  PrevPerm: Row903<Ssda903PrevPerm>[];
  SWEpisodes: Row903<Ssda903SwEpisode>[];
  DoLo: Row903<Ssda903Dolo>[];
}

export type MoreTable = keyof MoreRows;
export const MORE_TABLES: readonly MoreTable[] = ['UASC', 'Missing', 'OC2', 'OC3', 'AD1', 'PlacedAdoption', 'PrevPerm', 'SWEpisodes', 'DoLo'];
/** Tables with at most one row a child. */
const ONE_A_CHILD: readonly MoreTable[] = ['UASC', 'OC2', 'OC3', 'AD1', 'PrevPerm'];

export const emptyMoreRows = (): MoreRows => ({ UASC: [], Missing: [], OC2: [], OC3: [], AD1: [], PlacedAdoption: [], PrevPerm: [], SWEpisodes: [], DoLo: [] });

export const moreRowCount = (m: MoreRows): number => MORE_TABLES.reduce((n, t) => n + m[t].length, 0);

type Cells = Record<string, string>;

/** Reads cells of one row: dates dd/mm/yyyy to ISO, blanks to null, the first problem kept. */
class RowReader {
  problem: string | null = null;
  constructor(private readonly cells: Cells, private readonly isoOf: (cell: string | undefined) => string | null | undefined) {}
  text(name: string): string | null {
    const v = (this.cells[name] ?? '').trim();
    return v === '' ? null : v;
  }
  date(name: string): string | null {
    const d = this.isoOf(this.cells[name]);
    if (d === undefined) {
      this.problem ??= `${name} “${this.cells[name]}” is not a date (dd/mm/yyyy)`;
      return null;
    }
    return d;
  }
  required(name: string, value: string | null): void {
    if (value === null) this.problem ??= `No ${name}`;
  }
}

function valueOf(table: MoreTable, r: RowReader): MoreRows[MoreTable][number]['value'] {
  switch (table) {
    case 'UASC':
      return { duc: r.date('DUC') };
    case 'Missing': {
      const v = { missing: r.text('MISSING') ?? '', misStart: r.date('MIS_START') ?? '', misEnd: r.date('MIS_END') };
      r.required('MISSING', v.missing || null);
      r.required('MIS_START', v.misStart || null);
      return v;
    }
    case 'OC2': {
      const score = r.text('SDQ_SCORE');
      if (score !== null && !/^\d{1,2}$/.test(score)) r.problem ??= `SDQ_SCORE “${score}” is not a score (0 to 40)`;
      return {
        sdqScore: score === null ? null : Number(score),
        sdqReason: r.text('SDQ_REASON'),
        convicted: r.text('CONVICTED'),
        healthCheck: r.text('HEALTH_CHECK'),
        immunisations: r.text('IMMUNISATIONS'),
        teethCheck: r.text('TEETH_CHECK'),
        healthAssessment: r.text('HEALTH_ASSESSMENT'),
        substanceMisuse: r.text('SUBSTANCE_MISUSE'),
        interventionReceived: r.text('INTERVENTION_RECEIVED'),
        interventionOffered: r.text('INTERVENTION_OFFERED'),
      };
    }
    case 'OC3': {
      const v = { inTouch: r.text('IN_TOUCH') ?? '', activ: r.text('ACTIV') ?? '', accom: r.text('ACCOM') ?? '' };
      for (const [name, value] of [['IN_TOUCH', v.inTouch], ['ACTIV', v.activ], ['ACCOM', v.accom]] as const) r.required(name, value || null);
      return v;
    }
    case 'AD1':
      return { dateInt: r.date('DATE_INT'), dateMatch: r.date('DATE_MATCH'), fosterCare: r.text('FOSTER_CARE'), nbAdoptr: r.text('NB_ADOPTR'), sexAdoptr: r.text('SEX_ADOPTR'), lsAdoptr: r.text('LS_ADOPTR') };
    case 'PlacedAdoption': {
      const v = { datePlaced: r.date('DATE_PLACED') ?? '', datePlacedCeased: r.date('DATE_PLACED_CEASED'), reasonPlacedCeased: r.text('REASON_PLACED_CEASED') };
      r.required('DATE_PLACED', v.datePlaced || null);
      return v;
    }
    case 'PrevPerm': {
      const v = { prevPerm: r.text('PREV_PERM') ?? '', laPerm: r.text('LA_PERM'), datePerm: r.date('DATE_PERM') };
      r.required('PREV_PERM', v.prevPerm || null);
      return v;
    }
    case 'SWEpisodes': {
      const v = { swId: r.text('SW_ID') ?? '', swDecom: r.date('SW_DECOM') ?? '', swDec: r.date('SW_DEC'), swReason: r.text('SW_REASON') };
      r.required('SW_ID', v.swId || null);
      r.required('SW_DECOM', v.swDecom || null);
      return v;
    }
    case 'DoLo': {
      const v = { doloStart: r.date('DOLO_START') ?? '', doloEnd: r.date('DOLO_END') };
      r.required('DOLO_START', v.doloStart || null);
      return v;
    }
  }
}

/** Adds one row of a table to its child: its value, and its problem if it has one. */
export function addMoreRow(table: MoreTable, owner: { child: Ssda903Child; more: MoreRows }, cells: Cells, row: number, isoOf: (cell: string | undefined) => string | null | undefined): void {
  const r = new RowReader(cells, isoOf);
  const value = valueOf(table, r);
  if ('DOB' in cells) {
    const dob = r.date('DOB');
    if (!r.problem && owner.child.dob && dob !== owner.child.dob) r.problem = `DOB ${cells['DOB']} is not the Header’s for this child`;
  }
  const list = owner.more[table] as Row903<typeof value>[];
  if (!r.problem && ONE_A_CHILD.includes(table) && list.some((x) => x.problem === null)) r.problem = `The child has another ${table} row: the table has one row a child`;
  list.push({ row, value, problem: r.problem });
}

/** The model of the child from the rows that have nothing wrong with them (for the differences). */
export function fillModel(child: Ssda903Child, more: MoreRows): void {
  const ok = <T>(rows: Row903<T>[]): T[] => rows.filter((x) => x.problem === null).map((x) => x.value);
  const uasc = ok(more.UASC)[0];
  child.uasc = uasc !== undefined;
  child.duc = uasc?.duc ?? null;
  child.missing = ok(more.Missing);
  child.oc2 = ok(more.OC2)[0] ?? null;
  child.oc3 = ok(more.OC3)[0] ?? null;
  child.ad1 = ok(more.AD1)[0] ?? null;
  child.placedAdoption = ok(more.PlacedAdoption);
  child.prevPerm = ok(more.PrevPerm)[0] ?? null;
  child.swEpisodes = ok(more.SWEpisodes);
  child.dolo = ok(more.DoLo);
}
