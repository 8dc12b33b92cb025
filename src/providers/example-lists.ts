// Synthetic Ofsted provider lists in Ofsted's layouts, for tests (decision 0077): a children's homes
// list ("Provider information") and a social care providers list (current, then closed providers).
// No real provider is named; the postcodes are the synthetic council's (src/synth).
import ExcelJS from 'exceljs';

async function workbook(sheets: { name: string; rows: (string | Date | null)[][] }[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const sheet of sheets) book.addWorksheet(sheet.name).addRows(sheet.rows);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const childrensHomesList = (rows: (string | Date | null)[][] = CHILDRENS_HOMES) =>
  workbook([{ name: 'Provider information', rows: [['URN', 'Setting Name', 'Provider Type', 'Local Authority', 'Provider Code', 'Provider Placement Code', 'Registration Date', 'Closed Date', 'Setting Postcode'], ...rows] }]);

export const socialCareProvidersList = (current: (string | Date | null)[][] = CURRENT, closed: (string | Date | null)[][] = CLOSED) =>
  workbook([
    { name: 'Current providers', rows: [['URN', 'Provider name', 'Provider type', 'Local authority', 'Placement code', 'Placement provider code', 'Registration date', 'Setting postcode'], ...current] },
    { name: 'Providers closed', rows: [['URN', 'Provider name', 'Provider type', 'Local authority', 'Placement code', 'Placement provider code', 'Registration date', 'Deregistration date', 'Setting postcode'], ...closed] },
  ]);

export const CHILDRENS_HOMES: (string | Date | null)[][] = [
  ['SC500001', 'Oakwood House', "Children's Home", 'Brightwater', 'K2', 'PR4', new Date(Date.UTC(2012, 4, 1)), null, 'BW1 1AA'],
  ['SC500002', 'Meadowbank', "Children's Home", 'Kestrelford', 'K2', 'PR1/PR2', '01/09/2015', '31/10/2025', 'kq2 2bb'],
  ['SC5X0003', 'A mistyped URN', "Children's Home", 'Brightwater', 'K2', 'PR4', null, null, 'BW1 1AB'],
  ['SC500004', 'Harbour Lodge', "Children's Home", 'Brightwater', 'K2', 'PR4', null, '31/02/2025', 'BW1 1AC'],
];
export const CURRENT: (string | Date | null)[][] = [
  ['SC600001', 'Kestrel Fostering', 'Independent Fostering Agency', 'Kestrelford', 'U4, U5, U6', 'PR4', '2009-03-01', 'KQ3 3CC'],
  ['2600002', 'Quayside Supported Living', 'Supported Accommodation', 'Brightwater', 'K3', 'PR4', '2023-10-01', 'BW4 4DD'],
  ['SC600003', 'Postcode not a postcode', 'Independent Fostering Agency', 'Brightwater', 'U6', 'PR4', null, 'NOT KNOWN'],
];
export const CLOSED: (string | Date | null)[][] = [['SC600009', 'Tern Point Fostering', 'Independent Fostering Agency', 'Farrowmere', 'U6', 'PR5', '2001-01-01', '2024-06-30', 'ZV9 9ZZ']];
