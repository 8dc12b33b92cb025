// The codes visits and case notes use. Lantern's own lists.
import type { CodeList, CodeOf } from '../codes/index.ts';
import { codesOf } from '../codes/index.ts';

export const VISIT_KIND = [
  { code: 'cp', label: 'Child protection visit' },
  { code: 'cin', label: 'Child in need visit' },
  { code: 'looked_after', label: 'Statutory visit to a child in care', note: 'Regulation 28: the child in their placement' },
  { code: 'other', label: 'Another visit' },
] as const satisfies CodeList;
export type VisitKindCode = CodeOf<typeof VISIT_KIND>;
export const VISIT_KIND_CODES = codesOf(VISIT_KIND) as [VisitKindCode, ...VisitKindCode[]];

/** Seen alone (VI-01; Southend 2016 ¶29: "when children are seen, they are seen alone"). */
export const SEEN_ALONE = [
  { code: 'yes', label: 'Yes' },
  { code: 'no', label: 'No' },
  { code: 'not_applicable', label: 'Not applicable', note: 'For example a baby, or the child was not seen' },
] as const satisfies CodeList;
export type SeenAloneCode = CodeOf<typeof SEEN_ALONE>;
export const SEEN_ALONE_CODES = codesOf(SEEN_ALONE) as [SeenAloneCode, ...SeenAloneCode[]];

export const CASE_NOTE_SIGNIFICANCE = [
  { code: 'high', label: 'High', note: 'A key event: anyone reading the chronology must see it' },
  { code: 'normal', label: 'Normal' },
  { code: 'low', label: 'Low', note: 'Background detail' },
] as const satisfies CodeList;
export type CaseNoteSignificance = CodeOf<typeof CASE_NOTE_SIGNIFICANCE>;
export const CASE_NOTE_SIGNIFICANCE_CODES = codesOf(CASE_NOTE_SIGNIFICANCE) as [CaseNoteSignificance, ...CaseNoteSignificance[]];
