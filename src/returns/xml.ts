// What the returns' XML files (the CIN census, the SSDA903) write the same way.
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';

/** Adds <name>value</name> when there is a value: optional items are left out, not sent empty. */
export function item(parent: XMLBuilder, name: string, value: string | number | null | undefined): void {
  if (value !== null && value !== undefined && value !== '') parent.ele(name).txt(String(value));
}
