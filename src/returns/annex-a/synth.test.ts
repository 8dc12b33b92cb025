// The synthetic council's Annex A: each list's count agrees with a plain query of the record, the
// workbook has the rows the page counts, and every coded value in it (from a council's worth of
// varied records) is one of annex-a-value-codes.yml's values.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { generateCouncil } from '../../synth/generate.ts';
import { ANNEX_A_LISTS, type ListNumber } from './columns.ts';
import { annexAFile, annexARows, annexASummary, defaultRange } from './service.ts';
import type { AnnexARow } from './rows.ts';
import { codesFor, specValueCodes } from './spec-yml.ts';

const TODAY = '2026-11-20';
const range = defaultRange(TODAY);
let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let lists: Record<ListNumber, AnnexARow[]>;

beforeAll(async () => {
  handle = await createTestDatabase();
  await generateCouncil(handle.db, { size: 'tiny', seed: 31, today: TODAY });
  lists = await annexARows(handle.db, range, 'Synthetic Council');
}, 300_000);

afterAll(async () => {
  await handle?.close();
});

/** A count of the record, written plainly (no lateral joins, no shared fragments with extract.ts). */
async function count(query: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`${sql.raw(query.replaceAll(':from', `'${range.from}'`).replaceAll(':to', `'${range.to}'`))}`.execute(handle.db);
  return Number(rows[0]?.n ?? 0);
}
const LIVE = 'JOIN person p ON p.id = x.child_id AND p.deleted_at IS NULL AND p.merged_into IS NULL';

describe('the synthetic council’s Annex A for the 12 months to today', () => {
  it('has children in most lists (the test is about something)', () => {
    const nonEmpty = ANNEX_A_LISTS.filter((l) => lists[l.n].length > 0).length;
    expect(nonEmpty).toBeGreaterThanOrEqual(7);
  });

  it('each list’s count agrees with a query of the record', async () => {
    const expected: Partial<Record<ListNumber, number>> = {
      1: await count(`SELECT count(*) AS n FROM contact x ${LIVE} WHERE x.deleted_at IS NULL AND x.received_on >= :from AND x.received_on <= :to`),
      2: await count(`SELECT count(*) AS n FROM early_help_assessment x ${LIVE} WHERE x.deleted_at IS NULL AND x.started_on <= :to AND (x.completed_on IS NULL OR x.completed_on >= :from)`),
      3: await count(`SELECT count(*) AS n FROM cin_episode x ${LIVE} WHERE x.deleted_at IS NULL AND x.referral_date >= :from AND x.referral_date <= :to`),
      4: await count(`SELECT count(*) AS n FROM assessment x ${LIVE} WHERE x.deleted_at IS NULL AND x.started_on <= :to AND COALESCE(x.authorised_on, x.completed_on, :to) >= :from`),
      6: await count(`SELECT count(*) AS n FROM cin_episode x ${LIVE} WHERE x.deleted_at IS NULL AND x.referral_nfa = false AND x.referral_date <= :to AND (x.closed_on IS NULL OR x.closed_on >= :from)`),
      7: await count(`SELECT count(*) AS n FROM plan x ${LIVE} WHERE x.deleted_at IS NULL AND x.kind = 'cp' AND x.started_on <= :to AND (x.ended_on IS NULL OR x.ended_on >= :from)`),
      8: await count(`SELECT count(DISTINCT x.child_id) AS n FROM care_period x ${LIVE} WHERE x.deleted_at IS NULL AND x.started_on <= :to AND (x.ended_on IS NULL OR x.ended_on >= :from)`),
      10: await count(`SELECT count(*) AS n FROM permanence_plan x ${LIVE} WHERE x.deleted_at IS NULL AND x.plan = 'adoption' AND x.decided_on <= :to AND (x.ended_on IS NULL OR x.ended_on >= :from)`),
    };
    for (const [n, want] of Object.entries(expected)) expect(lists[Number(n) as ListNumber].length, `List ${n}`).toBe(want);
  });

  it('list 9 holds only young people aged 16 to 24 at the end of the range who were looked after', async () => {
    const ids = lists[9].map((r) => r.childId!);
    if (ids.length === 0) return;
    const { rows } = await sql<{ id: string; dob: string; cared: boolean }>`SELECT p.id, p.date_of_birth AS dob, EXISTS (SELECT 1 FROM legal_status l WHERE l.child_id = p.id AND l.deleted_at IS NULL) AS cared
      FROM person p WHERE p.id IN (${sql.join(ids)})`.execute(handle.db);
    for (const r of rows) {
      expect(r.cared).toBe(true);
      expect(r.dob > '2001-11-20' && r.dob <= '2010-11-20', r.dob).toBe(true);
    }
  });

  it('the summary and the workbook have the same rows as the lists; every coded value is the yml’s', async () => {
    const summary = await annexASummary(handle.db, range);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await annexAFile(handle.db, range, 'Synthetic Council', new Date('2026-11-20T09:00:00Z'))) as unknown as ArrayBuffer);
    const valueCodes = specValueCodes();
    for (const list of ANNEX_A_LISTS) {
      expect(summary.find((s) => s.n === list.n)?.rows, list.sheet).toBe(lists[list.n].length);
      const sheet = book.getWorksheet(list.sheet)!;
      expect(sheet.actualRowCount - 1, list.sheet).toBe(lists[list.n].length);
      list.columns.forEach((column, i) => {
        const allowed = codesFor(valueCodes, list.sheet, column.header);
        if (!allowed || column.header === 'LA of Placement') return;
        for (let r = 2; r <= sheet.rowCount; r++) {
          const value = sheet.getRow(r).getCell(i + 1).value;
          if (value !== null && value !== undefined && value !== '') expect(allowed, `${list.sheet} ${column.header}`).toContain(value);
        }
      });
    }
  });
});
