// Care leaver status from the periods of care, against hand-worked examples (CA 1989 Sch.2 para 19B,
// s.23A, s.23C, s.24; CPPCR 2010 reg 40: 13 weeks since 14, looked after after 16).
import { describe, expect, it } from 'vitest';
import { careLeaverStatus, eligibleFrom, type CareSpan } from './status.ts';

const DOB = '2009-03-10'; // 14 on 10 March 2023, 16 on 10 March 2025, 18 on 10 March 2027, 25 on 10 March 2034
const span = (from: string, to: string | null, counts = true): CareSpan => ({ from, to, counts });

describe('eligibility (reg 40: 13 weeks looked after since 14, and looked after after 16)', () => {
  it('a child looked after since 15 becomes eligible on their 16th birthday', () => {
    expect(eligibleFrom(DOB, [span('2024-06-01', null)])).toBe('2025-03-10');
  });

  it('a child who comes into care at 16 becomes eligible 13 weeks later (91 days, counting the first day)', () => {
    // Looked after 1 September to 30 November 2025 is 91 days: 13 full weeks, so eligible from 1 December.
    expect(eligibleFrom(DOB, [span('2025-09-01', null)])).toBe('2025-12-01');
  });

  it('time in care before 14 does not count; two shorter spans after 14 add up', () => {
    expect(eligibleFrom(DOB, [span('2020-01-01', '2023-03-10')])).toBeNull();
    // 60 days at 15 (1 June to 30 July 2024), then back in care at 16 on 1 May 2025: 31 more days (1 to 31 May) make 91, so eligible from 1 June.
    expect(eligibleFrom(DOB, [span('2024-06-01', '2024-07-31'), span('2025-05-01', null)])).toBe('2025-06-01');
  });

  it('short breaks (V3, V4) do not count', () => {
    expect(eligibleFrom(DOB, [span('2024-06-01', null, false)])).toBeNull();
  });

  it('leaving care before the 13 weeks are reached: never eligible', () => {
    expect(eligibleFrom(DOB, [span('2025-09-01', '2025-11-01')])).toBeNull();
  });
});

describe('status on a day', () => {
  const inCareFrom15 = [span('2024-06-01', null)];
  it('eligible while looked after at 16 or 17', () => {
    expect(careLeaverStatus(DOB, inCareFrom15, '2026-11-20').status).toBe('eligible');
    expect(careLeaverStatus(DOB, inCareFrom15, '2025-03-09').status).toBeNull(); // the day before 16
  });

  it('relevant after leaving care at 16 or 17, once eligible', () => {
    expect(careLeaverStatus(DOB, [span('2024-06-01', '2026-06-01')], '2026-11-20').status).toBe('relevant');
  });

  it('former relevant from 18 to 25; nothing from 25', () => {
    const spans = [span('2024-06-01', '2027-03-10')];
    expect(careLeaverStatus(DOB, spans, '2027-03-10').status).toBe('former-relevant');
    expect(careLeaverStatus(DOB, spans, '2034-03-09').status).toBe('former-relevant');
    expect(careLeaverStatus(DOB, spans, '2034-03-10').status).toBeNull();
  });

  it('qualifying: looked after after 16 but not for 13 weeks, once out of care', () => {
    expect(careLeaverStatus(DOB, [span('2025-09-01', '2025-11-01')], '2026-11-20').status).toBe('qualifying');
  });
});
