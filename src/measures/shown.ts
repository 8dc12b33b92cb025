// How a figure is shown on the pages and in the API, whatever it counts (children, workers,
// households): every % with its numerator and denominator (DQ-45).

interface Shown {
  measure: { kind: 'percentage' | 'average' | 'count' };
  value: number | null;
  numerator: number;
  denominator: number | null;
}

/** `none` is what a figure with nothing to count says ("No cases", "No workers"). */
export function figureShown(f: Shown, none: string) {
  const kind = f.measure.kind;
  const text = f.value === null ? none : kind === 'percentage' ? `${f.value}%` : kind === 'average' ? `${f.value}` : `${f.numerator}`;
  const fraction = f.denominator === null ? null : kind === 'average' ? `${f.numerator} ÷ ${f.denominator}` : `${f.numerator} of ${f.denominator}`;
  return { value: f.value, text, numerator: f.numerator, denominator: f.denominator, fraction };
}
