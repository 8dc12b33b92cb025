// Small numbers in what leaves the building (the elected members' report, decision 0035). A count of
// 1 to 4 children is shown as "fewer than 5": with the team, the month and the kind of case, so few
// children could be recognised by someone who knows the family. A percentage is shown only when its
// numerator and the rest of its denominator are each 0 or 5 or more, since either small number could
// be worked out from the percentage and the denominator (the DfE's "secondary suppression").
export const SUPPRESS_BELOW = 5;

export interface Shown {
  /** What the report prints. */
  text: string;
  /** The value to draw, null when suppressed or nothing counted. */
  value: number | null;
  suppressed: boolean;
  /** "12 of 40", when shown. */
  fraction: string | null;
}

const small = (n: number) => n > 0 && n < SUPPRESS_BELOW;

export function suppressCount(n: number): Shown {
  if (small(n)) return { text: `fewer than ${SUPPRESS_BELOW}`, value: null, suppressed: true, fraction: null };
  return { text: String(n), value: n, suppressed: false, fraction: null };
}

export function suppressFigure(kind: 'count' | 'percentage' | 'average', numerator: number, denominator: number | null, value: number | null): Shown {
  if (kind === 'count') return suppressCount(numerator);
  if (!denominator || value === null) return { text: 'none counted', value: null, suppressed: false, fraction: null };
  // An average (children per worker) has no "rest of the denominator".
  if (small(numerator) || small(denominator) || (kind === 'percentage' && small(denominator - numerator))) {
    return { text: `not shown: fewer than ${SUPPRESS_BELOW} children`, value: null, suppressed: true, fraction: null };
  }
  if (kind === 'average') return { text: String(value), value, suppressed: false, fraction: `${numerator} ÷ ${denominator}` };
  return { text: `${value}%`, value, suppressed: false, fraction: `${numerator} of ${denominator}` };
}
