// A trend as an inline SVG line chart, drawn on the server (no JavaScript). It is an image to assistive
// technology (role="img" with a title and a description that says the first, last, highest and lowest
// months); the page puts the same figures in a table beside it. A month with no figure (before the
// records begin, nothing counted, or a number suppressed) is a gap in the line, never a zero.
import { formatMonth } from './format.ts';

export interface ChartPoint {
  month: string;
  /** Null: no figure to draw. */
  value: number | null;
}

export interface Chart {
  svg: string;
  /** The top of the scale: a value v is drawn at y = top + height × (1 − v / max). */
  max: number;
}

const WIDTH = 320;
const HEIGHT = 120;
const PAD = { left: 40, right: 8, top: 10, bottom: 22 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A round number at or above the largest value: 1, 2 or 5 times a power of ten. */
export function niceMax(largest: number): number {
  if (largest <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(largest));
  for (const step of [1, 2, 5, 10]) if (step * power >= largest) return step * power;
  return 10 * power;
}

export const xOf = (i: number, n: number) => PAD.left + (n <= 1 ? PLOT_W / 2 : (PLOT_W * i) / (n - 1));
export const yOf = (value: number, max: number) => PAD.top + PLOT_H * (1 - value / max);
/** The value a y coordinate stands for (the inverse of yOf): tests read the chart back with it. */
export const valueAtY = (y: number, max: number) => (1 - (y - PAD.top) / PLOT_H) * max;

const round = (n: number) => Math.round(n * 100) / 100;

export function trendChart(options: {
  id: string;
  title: string;
  points: readonly ChartPoint[];
  percentage: boolean;
  unit?: string;
  /** A published comparison drawn as a dashed line (England), with its label. */
  reference?: { value: number; label: string } | null;
}): Chart {
  const { id, title, points, percentage } = options;
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const reference = options.reference ?? null;
  const max = percentage ? 100 : niceMax(Math.max(0, ...values, reference?.value ?? 0));
  const show = (v: number) => `${v}${percentage ? '%' : ''}`;
  const n = points.length;

  // The line, broken wherever a month has no figure.
  const runs: string[] = [];
  let run: string[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (run.length) runs.push(run.join(' '));
      run = [];
    } else run.push(`${round(xOf(i, n))},${round(yOf(p.value, max))}`);
  });
  if (run.length) runs.push(run.join(' '));

  const described = points.filter((p) => p.value !== null) as { month: string; value: number }[];
  let desc: string;
  if (described.length === 0) desc = `No figures to show for ${formatMonth(points[0]?.month ?? '')} to ${formatMonth(points.at(-1)?.month ?? '')}.`;
  else {
    const first = described[0]!;
    const last = described.at(-1)!;
    const high = described.reduce((a, b) => (b.value > a.value ? b : a));
    const low = described.reduce((a, b) => (b.value < a.value ? b : a));
    desc = `${show(first.value)} in ${formatMonth(first.month)}, ${show(last.value)} in ${formatMonth(last.month)}; highest ${show(high.value)} (${formatMonth(high.month)}), lowest ${show(low.value)} (${formatMonth(low.month)}).`;
    if (reference) desc += ` ${reference.label}: ${show(reference.value)}.`;
    if (described.length < points.length) desc += ` ${points.length - described.length} of the ${points.length} months have no figure shown.`;
  }

  const parts: string[] = [];
  parts.push(`<svg class="lantern-trend" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false" data-max="${max}">`);
  parts.push(`<title id="${id}-title">${escape(title)}</title><desc id="${id}-desc">${escape(desc)}</desc>`);
  // Axes: zero and the top of the scale.
  parts.push(`<line x1="${PAD.left}" y1="${yOf(0, max)}" x2="${WIDTH - PAD.right}" y2="${yOf(0, max)}" stroke="#b1b4b6" stroke-width="1"/>`);
  parts.push(`<line x1="${PAD.left}" y1="${yOf(max, max)}" x2="${WIDTH - PAD.right}" y2="${yOf(max, max)}" stroke="#f3f2f1" stroke-width="1"/>`);
  parts.push(`<text x="${PAD.left - 4}" y="${yOf(0, max) + 4}" text-anchor="end" font-size="11" fill="#505a5f">0</text>`);
  parts.push(`<text x="${PAD.left - 4}" y="${yOf(max, max) + 4}" text-anchor="end" font-size="11" fill="#505a5f">${escape(show(max))}</text>`);
  if (n > 0) {
    parts.push(`<text x="${round(xOf(0, n))}" y="${HEIGHT - 6}" text-anchor="start" font-size="11" fill="#505a5f">${escape(formatMonth(points[0]!.month, true))}</text>`);
    parts.push(`<text x="${round(xOf(n - 1, n))}" y="${HEIGHT - 6}" text-anchor="end" font-size="11" fill="#505a5f">${escape(formatMonth(points[n - 1]!.month, true))}</text>`);
  }
  if (reference) {
    const y = round(yOf(reference.value, max));
    parts.push(`<line class="lantern-trend__reference" x1="${PAD.left}" y1="${y}" x2="${WIDTH - PAD.right}" y2="${y}" stroke="#505a5f" stroke-width="1.5" stroke-dasharray="4 3" data-value="${reference.value}"/>`);
  }
  for (const r of runs) parts.push(`<polyline points="${r}" fill="none" stroke="#1d70b8" stroke-width="2"/>`);
  points.forEach((p, i) => {
    if (p.value !== null) parts.push(`<circle cx="${round(xOf(i, n))}" cy="${round(yOf(p.value, max))}" r="2.5" fill="#1d70b8" data-month="${p.month}"/>`);
  });
  parts.push('</svg>');
  return { svg: parts.join(''), max };
}
