// What the child's details forms ("Add a child", "Change details") show beside what was typed: the
// items of their radios, select and checkboxes, from the code lists (src/server/form-items.ts).
import { checkboxItems, radioItems, selectItems } from '../server/form-items.ts';
import { DISABILITY, ETHNICITY, SEX } from '../codes/index.ts';

/** Select, radio and checkbox items for the child's details forms. */
export function childFormOptions(values: Record<string, unknown>) {
  return {
    sexItems: radioItems(SEX, values['sex']),
    ethnicityItems: selectItems(ETHNICITY, values['ethnicity'], 'Not recorded yet'),
    disabilityItems: checkboxItems(DISABILITY, values['disabilities']),
  };
}
