// The fields of a step form (permanence/views/form.njk), declared as data: recording and correcting ask the same.
export type Option = { code: string; label: string; hint?: string };
export type Field =
  | { type: 'date'; name: string; label: string; hint?: string }
  | { type: 'radios'; name: string; label: string; hint?: string; options: readonly Option[]; inline?: boolean }
  | { type: 'select'; name: string; label: string; hint?: string; options: readonly Option[]; blank?: string }
  | { type: 'checkboxes'; name: string; label: string; hint?: string; options: readonly Option[] }
  | { type: 'textarea' | 'input'; name: string; label: string; hint?: string; classes?: string };

export const YES_NO: readonly Option[] = [
  { code: 'yes', label: 'Yes' },
  { code: 'no', label: 'No' },
];

export const datesOf = (fields: readonly Field[]) => fields.filter((f) => f.type === 'date').map((f) => f.name);
