// The return's tables: each CSV file's columns in the order of ssda903-2024.yml and standards.md §2.1
// (the validator identifies a file by its exact set of headers), with dates dd/mm/yyyy and flags
// 0/1. The one place that says which item of the model is which column: an importer reads the same.
import type { Ssda903Child, Ssda903Return } from './model.ts';
import { ukDate } from './mapping.ts';
import { hasDoloTable } from './year.ts';

export type Cell = string;

export interface TableSpec {
  /** The validator's name for the table. */
  name: string;
  /** The file name DfE's tools expect (lac_validator run-offline). */
  file: string;
  columns: readonly string[];
  rows: (c: Ssda903Child) => Cell[][];
}

const text = (value: string | number | null | undefined): Cell => (value === null || value === undefined ? '' : String(value));

export const SSDA903_TABLES: readonly TableSpec[] = [
  {
    name: 'Header',
    file: 'header.csv',
    columns: ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'],
    rows: (c) => [[text(c.child), text(c.sex), ukDate(c.dob), text(c.ethnic), text(c.upn), text(c.mother), ukDate(c.mcDob)]],
  },
  {
    name: 'Episodes',
    file: 'episodes.csv',
    columns: ['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN'],
    rows: (c) =>
      c.episodes.map((e) => [text(c.child), ukDate(e.decom), e.rne, e.ls, e.cin, e.place, text(e.placeProvider), ukDate(e.dec), text(e.rec), text(e.reasonPlaceChange), text(e.homePost), text(e.plPost), text(e.urn)]),
  },
  {
    name: 'UASC',
    file: 'uasc.csv',
    columns: ['CHILD', 'SEX', 'DOB', 'DUC'],
    rows: (c) => (c.uasc ? [[text(c.child), text(c.sex), ukDate(c.dob), ukDate(c.duc)]] : []),
  },
  {
    name: 'Reviews',
    file: 'reviews.csv',
    columns: ['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'],
    rows: (c) => c.reviews.map((r) => [text(c.child), ukDate(c.dob), ukDate(r.review), r.reviewCode]),
  },
  {
    name: 'OC2',
    file: 'oc2.csv',
    columns: ['CHILD', 'DOB', 'SDQ_SCORE', 'SDQ_REASON', 'CONVICTED', 'HEALTH_CHECK', 'IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE', 'INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'],
    rows: (c) =>
      c.oc2
        ? [[text(c.child), ukDate(c.dob), text(c.oc2.sdqScore), text(c.oc2.sdqReason), text(c.oc2.convicted), text(c.oc2.healthCheck), text(c.oc2.immunisations), text(c.oc2.teethCheck), text(c.oc2.healthAssessment), text(c.oc2.substanceMisuse), text(c.oc2.interventionReceived), text(c.oc2.interventionOffered)]]
        : [],
  },
  {
    name: 'OC3',
    file: 'oc3.csv',
    columns: ['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'],
    rows: (c) => (c.oc3 ? [[text(c.child), ukDate(c.dob), c.oc3.inTouch, c.oc3.activ, c.oc3.accom]] : []),
  },
  {
    name: 'AD1',
    file: 'ad1.csv',
    columns: ['CHILD', 'DOB', 'DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'],
    rows: (c) => (c.ad1 ? [[text(c.child), ukDate(c.dob), ukDate(c.ad1.dateInt), ukDate(c.ad1.dateMatch), text(c.ad1.fosterCare), text(c.ad1.nbAdoptr), text(c.ad1.sexAdoptr), text(c.ad1.lsAdoptr)]] : []),
  },
  {
    name: 'PlacedAdoption',
    file: 'placed_for_adoption.csv',
    columns: ['CHILD', 'DOB', 'DATE_PLACED', 'DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'],
    rows: (c) => c.placedAdoption.map((p) => [text(c.child), ukDate(c.dob), ukDate(p.datePlaced), ukDate(p.datePlacedCeased), text(p.reasonPlacedCeased)]),
  },
  {
    name: 'PrevPerm',
    file: 'previous_permanence.csv',
    columns: ['CHILD', 'DOB', 'PREV_PERM', 'LA_PERM', 'DATE_PERM'],
    rows: (c) => (c.prevPerm ? [[text(c.child), ukDate(c.dob), c.prevPerm.prevPerm, text(c.prevPerm.laPerm), ukDate(c.prevPerm.datePerm)]] : []),
  },
  {
    name: 'Missing',
    file: 'missing.csv',
    columns: ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'],
    rows: (c) => c.missing.map((m) => [text(c.child), ukDate(c.dob), m.missing, ukDate(m.misStart), ukDate(m.misEnd)]),
  },
  {
    name: 'SWEpisodes',
    file: 'sw_episodes.csv',
    columns: ['CHILD', 'DOB', 'SW_ID', 'SW_DECOM', 'SW_DEC', 'SW_REASON'],
    rows: (c) => c.swEpisodes.map((s) => [text(c.child), ukDate(c.dob), s.swId, ukDate(s.swDecom), ukDate(s.swDec), text(s.swReason)]),
  },
  {
    name: 'DoLo',
    file: 'dolo.csv',
    columns: ['CHILD', 'DOB', 'DOLO_START', 'DOLO_END'],
    rows: (c) => c.dolo.map((d) => [text(c.child), ukDate(c.dob), ukDate(d.doloStart), ukDate(d.doloEnd)]),
  },
];

/** The tables a year's return has: the DoLo table from 2026-27. */
export const tablesOfYear = (year: number): readonly TableSpec[] => SSDA903_TABLES.filter((t) => t.name !== 'DoLo' || hasDoloTable(year));

export const tableByName = (year: number, name: string): TableSpec | undefined => tablesOfYear(year).find((t) => t.name.toLowerCase() === name.toLowerCase());

function csvCell(value: Cell): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One table as a CSV file: the header row, then a row per record, CRLF line ends. */
export function tableCsv(r: Ssda903Return, table: TableSpec): string {
  const lines = [table.columns.join(',')];
  for (const c of r.children) for (const row of table.rows(c)) lines.push(row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** How many rows each table of the return has. */
export const tableCounts = (r: Ssda903Return): { name: string; file: string; rows: number }[] =>
  tablesOfYear(r.header.year).map((t) => ({ name: t.name, file: t.file, rows: r.children.reduce((n, c) => n + t.rows(c).length, 0) }));
