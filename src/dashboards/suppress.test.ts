// Small-number suppression in the members' report (decision 0035) and the chart's scale.
import { describe, expect, it } from 'vitest';
import { suppressCount, suppressFigure } from './suppress.ts';
import { niceMax, trendChart, valueAtY } from './chart.ts';

describe('small numbers in what leaves the building', () => {
  it('a count from 1 to 4 is “fewer than 5”; 0 and 5 are shown', () => {
    expect([0, 1, 4, 5].map((n) => suppressCount(n).text)).toEqual(['0', 'fewer than 5', 'fewer than 5', '5']);
    expect(suppressCount(3).value).toBeNull();
  });

  it('a percentage is shown with its numerator and denominator (DQ-45) only when neither the numerator nor the rest is 1 to 4', () => {
    expect(suppressFigure('percentage', 45, 50, 90)).toMatchObject({ text: '90%', fraction: '45 of 50', suppressed: false });
    expect(suppressFigure('percentage', 3, 50, 6).suppressed).toBe(true); // 3 children
    expect(suppressFigure('percentage', 48, 50, 96).suppressed).toBe(true); // the 2 not on time
    expect(suppressFigure('percentage', 50, 50, 100)).toMatchObject({ text: '100%', suppressed: false });
    expect(suppressFigure('percentage', 0, 3, 0).suppressed).toBe(true); // 3 in the denominator
    expect(suppressFigure('percentage', 0, 0, null)).toMatchObject({ text: 'none counted', suppressed: false });
  });

  it('an average caseload is suppressed only for few children or few workers', () => {
    expect(suppressFigure('average', 120, 8, 15)).toMatchObject({ text: '15', fraction: '120 ÷ 8' });
    expect(suppressFigure('average', 12, 3, 4).suppressed).toBe(true);
  });
});

describe('the trend chart', () => {
  it('draws each month at the height of its value and leaves a gap, not a zero, for a month with none', () => {
    const chart = trendChart({ id: 't', title: 'Test', points: [{ month: '2026-01-01', value: 10 }, { month: '2026-02-01', value: null }, { month: '2026-03-01', value: 35 }], percentage: false });
    expect(chart.max).toBe(50);
    const ys = [...chart.svg.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)"/g)].map((m) => valueAtY(Number(m[1]), chart.max));
    expect(ys.map((y) => Math.round(y))).toEqual([10, 35]);
    expect(chart.svg.match(/<polyline/g)).toHaveLength(2);
    expect(chart.svg).toContain('<desc id="t-desc">10 in January 2026, 35 in March 2026; highest 35 (March 2026), lowest 10 (January 2026). 1 of the 3 months have no figure shown.</desc>');
  });

  it('scales to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 12, 99, 101].map(niceMax)).toEqual([1, 1, 5, 10, 20, 100, 200]);
  });
});
