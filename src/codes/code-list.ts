// Shared shape and helpers for code lists.
//
// Lists are plain `as const` arrays so the code union type is derived from the data (one source of
// truth) and the same array drives select options, labels and zod validation.
import { z } from 'zod';

/** A DfE collection year, e.g. '2024-25' (1 April to 31 March). Compares correctly as a string. */
export type CollectionYear = `20${number}-${number}`;

export interface CodeEntry {
  readonly code: string;
  /** What a social worker sees. */
  readonly label: string;
  /** Caveats: changes between years, uncertain meanings. */
  readonly note?: string;
  /** First collection year the code is valid in (absent: valid in every year Lantern covers). */
  readonly from?: CollectionYear;
  /** Last collection year the code is valid in (absent: still valid). */
  readonly until?: CollectionYear;
}

export type CodeList = readonly CodeEntry[];

/** The union of codes in a list. */
export type CodeOf<L extends CodeList> = L[number]['code'];

/** The codes of a list, in list order. */
export function codesOf<const L extends CodeList>(list: L): ReadonlyArray<CodeOf<L>> {
  return list.map((entry) => entry.code);
}

/** Label for a code. Typed codes always have one; an unchecked string may not. */
export function labelFor<const L extends CodeList>(list: L, code: CodeOf<L>): string;
export function labelFor(list: CodeList, code: string): string | undefined;
export function labelFor(list: CodeList, code: string): string | undefined {
  return list.find((entry) => entry.code === code)?.label;
}

/** Narrows an unchecked string (form input, imported file) to a list's code type. */
export function isCode<const L extends CodeList>(list: L, value: unknown): value is CodeOf<L> {
  return typeof value === 'string' && list.some((entry) => entry.code === value);
}

/** A zod enum of a list's codes, for validating forms and imported data. */
export function zodEnumOf<const L extends CodeList>(list: L) {
  return z.enum(codesOf(list));
}

/** Entries valid in a collection year, using `from` / `until`. */
export function validIn<const L extends CodeList>(list: L, year: CollectionYear): L[number][] {
  return list.filter(
    (entry) =>
      (entry.from === undefined || entry.from <= year) &&
      (entry.until === undefined || year <= entry.until),
  );
}

/** A sub-list of the given codes, keeping their literal types (for lists defined as subsets). */
export function pickCodes<const L extends CodeList, const C extends CodeOf<L>>(
  list: L,
  codes: readonly C[],
): Array<Extract<L[number], { readonly code: C }>> {
  return list.filter((entry): entry is Extract<L[number], { readonly code: C }> =>
    (codes as readonly string[]).includes(entry.code),
  );
}
