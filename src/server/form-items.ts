// GOV.UK component items built from code lists and what was typed or stored: radios, checkboxes,
// selects. Every area's forms use these; none keeps its own copy.
type Coded = readonly { code: string; label: string; hint?: string }[];

/** A posted form gives one string or several; a stored list gives an array. */
export const chosen = (value: unknown): string[] =>
  value === undefined || value === null || value === '' ? [] : Array.isArray(value) ? value.map(String) : [String(value)];

/** Items for govukRadios, the chosen one checked. */
export function radioItems(list: Coded, selected: unknown) {
  return list.map((entry) => ({ value: entry.code, text: entry.label, checked: entry.code === selected, ...(entry.hint ? { hint: { text: entry.hint } } : {}) }));
}

/** Items for govukCheckboxes, each chosen one checked. */
export function checkboxItems(list: Coded, selected: unknown) {
  const set = new Set(chosen(selected));
  return list.map((entry) => ({ value: entry.code, text: entry.label, checked: set.has(entry.code) }));
}

/** Items for govukSelect from a code list, with a blank first choice. */
export function selectItems(list: Coded, selected: unknown, blank = 'Choose') {
  return [{ value: '', text: blank, selected: !selected }, ...list.map((entry) => ({ value: entry.code, text: entry.label, selected: entry.code === selected }))];
}

/** Items for govukSelect from value/text pairs (people, teams), with a blank first choice. */
export function optionItems(list: readonly { value: string; text: string }[], selected: unknown, blank = 'Choose') {
  return [{ value: '', text: blank, selected: !selected }, ...list.map((item) => ({ ...item, selected: item.value === selected }))];
}
