// Hand-worked examples of the indicators the record held but were not yet measures (decision 0050):
// Q55 waiting for a visit, Q86 attendance, Q89 school moves, Q104 children adopted, Q107 plans of adoption
// changed. A tiny journal, the clocks the due list would hold for it (derived by the same engine and
// rules as refreshClocks), and each figure worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import { deriveClocks } from '../clocks/engine.ts';
import { TIMESCALE_RULES } from '../clocks/rules.ts';
import { measureById } from './catalogue.ts';
import { allocationsByChild, byDate, type MeasureFacts, type Period } from './counting.ts';
import { NO_DETAILS, type ClockFact, type JournalFact, type PermanencePlanDetail, type RecordDetails } from './facts.ts';

let n = 0;
const ev = (childId: string, type: string, occurredOn: string, scopeId: string | null = null, sourceId: string | null = null): JournalFact => ({
  id: `e${String(++n).padStart(4, '0')}`,
  childId,
  type,
  occurredOn,
  scopeId,
  sourceId,
  category: null,
});

function factsOf(events: JournalFact[], details: Partial<RecordDetails> = {}): MeasureFacts {
  const byType = new Map<string, JournalFact[]>();
  for (const e of byDate([...events])) byType.set(e.type, [...(byType.get(e.type) ?? []), e]);
  const clocks: ClockFact[] = [];
  for (const childId of new Set(events.map((e) => e.childId))) {
    const own = events.filter((e) => e.childId === childId).map((e) => ({ id: e.id, type: e.type, occurredOn: e.occurredOn, scopeId: e.scopeId }));
    for (const c of deriveClocks(own, TIMESCALE_RULES)) clocks.push({ childId, ruleId: c.ruleId, scopeId: c.scopeId, startedOn: c.startedOn, dueOn: c.dueOn, metOn: c.metOn, stoppedOn: c.stoppedOn });
  }
  return { byType, clocks, allocations: [], allocationsByChild: allocationsByChild([]), assessments: [], details: { ...NO_DETAILS, ...details }, settings: {}, today: '2026-11-20' };
}

const figure = (id: string, f: MeasureFacts, p: Period) => {
  const m = measureById(id)!;
  const rows = m.count(f, p);
  return { numerator: m.numeratorOf ? m.numeratorOf(rows) : rows.filter((r) => r.met).length, denominator: m.kind === 'count' ? null : m.denominatorOf ? m.denominatorOf(rows) : rows.length, rows };
};

const OCTOBER: Period = { from: '2026-10-01', to: '2026-10-31' };
const YEAR: Period = { from: '2026-01-01', to: '2026-10-31' };
const inCare = (...children: string[]) => children.map((c) => ev(c, 'care.started', '2024-01-01', `c${c}`));

describe('children in care: visits and schooling', () => {
  it('waiting more than 8 weeks for a visit: Q55 (Newham 2014 ¶63: 23 children, 5.5%), from the visit clocks', () => {
    // V placed 1 Aug, visited 7 Aug and 1 Sept, not since: 60 days on 31 Oct (waiting). W placed 1 Oct, visited
    // 7 Oct: 24 days. X's placement ended 15 Aug: no visit running, not counted. 1 of 2.
    const f = factsOf([
      ev('V', 'placement.started', '2026-08-01', 'pv'),
      ev('V', 'visit.looked-after', '2026-08-07', 'pv'),
      ev('V', 'visit.looked-after', '2026-09-01', 'pv'),
      ev('W', 'placement.started', '2026-10-01', 'pw'),
      ev('W', 'visit.looked-after', '2026-10-07', 'pw'),
      ev('X', 'placement.started', '2026-06-01', 'px'),
      ev('X', 'visit.looked-after', '2026-06-05', 'px'),
      ev('X', 'placement.ended', '2026-08-15', 'px'),
    ]);
    const result = figure('looked-after-waiting-for-a-visit', f, OCTOBER);
    expect(result).toMatchObject({ numerator: 1, denominator: 2 });
    expect(result.rows.find((r) => r.childId === 'V')!.facts).toEqual(['Placed or last visited 2026-09-01', '60 days without a visit']);
  });

  it('school attendance of children in care: Q86 (Newham 2014 ¶80: 90%), seed ED-06: sessions added up over the terms', () => {
    // A (in care): spring 150 of 160 and summer 170 of 190; its December 2025 term is before the period. B: summer
    // 180 of 190. C is not in care. 500 of 540 sessions: 92.6%.
    const f = factsOf(
      [
        ...inCare('A', 'B'),
        ev('A', 'attendance.recorded', '2025-12-19', null, 'tA0'),
        ev('A', 'attendance.recorded', '2026-03-27', null, 'tA1'),
        ev('A', 'attendance.recorded', '2026-07-22', null, 'tA2'),
        ev('B', 'attendance.recorded', '2026-07-22', null, 'tB2'),
        ev('C', 'attendance.recorded', '2026-07-22', null, 'tC2'),
      ],
      {
        attendance: new Map([
          ['tA0', { attended: 10, possible: 100 }],
          ['tA1', { attended: 150, possible: 160 }],
          ['tA2', { attended: 170, possible: 190 }],
          ['tB2', { attended: 180, possible: 190 }],
          ['tC2', { attended: 20, possible: 190 }],
        ]),
      },
    );
    const result = figure('looked-after-attendance', f, YEAR);
    expect(result).toMatchObject({ numerator: 500, denominator: 540 });
    expect(result.rows.map((r) => [r.childId, r.facts[0]])).toEqual([
      ['A', '320 of 350 sessions over 2 terms'],
      ['B', '180 of 190 sessions over 1 term'],
    ]);
  });

  it('2 or more schools in 2 years: Q89 (Newham 2014 ¶80: fewer than 5%), seed ED-09', () => {
    // Since 31 Oct 2024: A at a school from 2023 and another from Sept 2025 (2: yes). B at one school since 2022 (no).
    // E started one in Jan 2025 (no). F started one on 31 Oct 2024 itself and another in Jan 2026 (2: yes). G in care,
    // no school: not counted. H not in care. 2 of 4.
    const f = factsOf([
      ...inCare('A', 'B', 'E', 'F', 'G'),
      ev('A', 'school.started', '2023-09-01', null, 's1'),
      ev('A', 'school.started', '2025-09-01', null, 's2'),
      ev('B', 'school.started', '2022-09-01', null, 's3'),
      ev('E', 'school.started', '2025-01-06', null, 's4'),
      ev('F', 'school.started', '2024-10-31', null, 's5'),
      ev('F', 'school.started', '2026-01-05', null, 's6'),
      ev('H', 'school.started', '2025-01-06', null, 's7'),
      ev('H', 'school.started', '2026-01-06', null, 's8'),
    ]);
    const result = figure('looked-after-school-moves', f, OCTOBER);
    expect(result).toMatchObject({ numerator: 2, denominator: 4 });
    expect(result.rows.filter((r) => r.met).map((r) => r.childId).sort()).toEqual(['A', 'F']);
  });
});

describe('adoption: the children adopted and plans changed', () => {
  // Adopted in 2026: A on 1 May (born 1 March 2020: aged 6; Mixed White and Black Caribbean), B on 1 June (born
  // 2 June 2021: aged 4, the day before 5; White British), C on 1 July (no date of birth; ethnicity not yet
  // obtained). D left care in July for another reason (E41): not adopted.
  const adopted = factsOf(
    [
      ...['A', 'B', 'C', 'D'].map((c) => ev(c, 'care.started', '2023-01-01', `c${c}`)),
      ev('A', 'care.ended', '2026-05-01', 'cA'),
      ev('B', 'care.ended', '2026-06-01', 'cB'),
      ev('C', 'care.ended', '2026-07-01', 'cC'),
      ev('D', 'care.ended', '2026-07-01', 'cD'),
    ],
    {
      reasonCeased: new Map([['cA', 'E11'], ['cB', 'E12'], ['cC', 'E11'], ['cD', 'E41']]),
      birthDates: new Map([['A', '2020-03-01'], ['B', '2021-06-02'], ['D', '2010-01-01']]),
      ethnicity: new Map([['A', 'MWBC'], ['B', 'WBRI'], ['C', 'NOBT'], ['D', 'BAFR']]),
    },
  );

  it('children adopted aged 5 or over: Q104 (Wandsworth 2016 ¶75: 13.5%, England 5%): A of A, B and C, 1 of 3', () => {
    const result = figure('adopted-aged-5-and-over', adopted, YEAR);
    expect(result).toMatchObject({ numerator: 1, denominator: 3 });
    expect(result.rows.map((r) => r.facts[1])).toEqual(['Aged 6', 'Aged 4', 'Date of birth not recorded']);
  });

  it('children adopted from minority ethnic groups: Q104 (Wandsworth 2016 ¶75: 54.1% BME): A of A, B and C (C not known), 1 of 3', () => {
    const result = figure('adopted-minority-ethnic', adopted, YEAR);
    expect(result).toMatchObject({ numerator: 1, denominator: 3 });
    expect(result.rows.map((r) => r.facts[1])).toEqual(['Ethnicity: White and Black Caribbean', 'Ethnicity: White British', 'Ethnicity not known']);
  });

  it('plans of adoption changed away from adoption: Q107 (Southend 2016 ¶82: 3 children, 13%), seed AD-06', () => {
    // p1 (A) adoption since June 2025, changed 1 March 2026 (RD3: yes). p2 (B) adoption from February 2026 (no).
    // p3 (C) changed in November 2025, before the period: not counted. p4 (D) long-term fostering: not adoption.
    // p5 (E) achieved by the adoption order in December 2025: not counted. 1 of 2.
    const plan = (route: string, endedOn: string | null = null, endReason: string | null = null, reversedReason: string | null = null): PermanencePlanDetail => ({ route, endedOn, endReason, reversedReason });
    const f = factsOf(
      [
        ev('A', 'permanence.planned', '2025-06-01', 'p1', 'p1'),
        ev('A', 'permanence.plan-changed', '2026-03-01', 'p1', 'p1'),
        ev('B', 'permanence.planned', '2026-02-01', 'p2', 'p2'),
        ev('C', 'permanence.planned', '2025-01-01', 'p3', 'p3'),
        ev('C', 'permanence.plan-changed', '2025-11-01', 'p3', 'p3'),
        ev('D', 'permanence.planned', '2026-04-01', 'p4', 'p4'),
        ev('E', 'permanence.planned', '2024-01-01', 'p5', 'p5'),
      ],
      {
        permanencePlans: new Map([
          ['p1', plan('adoption', '2026-03-01', 'changed', 'RD3')],
          ['p2', plan('adoption')],
          ['p3', plan('adoption', '2025-11-01', 'changed', 'RD1')],
          ['p4', plan('long_term_fostering')],
          ['p5', plan('adoption', '2025-12-01', 'achieved')],
        ]),
      },
    );
    const result = figure('adoption-plans-changed', f, YEAR);
    expect(result).toMatchObject({ numerator: 1, denominator: 2 });
    expect(result.rows.find((r) => r.met)!.facts).toEqual(['Plan of adoption decided 2025-06-01', 'Changed away from adoption 2026-03-01: Prospective adopters could not be found']);
  });
});
