// The lists care leaver records use: Lantern's own (contact methods, support) and the SSDA903 OC3
// accommodation letters, read from src/codes/ssda903.ts so the return and the record agree.
import type { CodeEntry } from '../codes/code-list.ts';
import { CARE_LEAVER_ACCOMMODATION } from '../codes/ssda903.ts';

export const CONTACT_METHOD = [
  { code: 'face_to_face', label: 'Face to face' },
  { code: 'phone', label: 'Phone call' },
  { code: 'video', label: 'Video call' },
  { code: 'message', label: 'Text or message' },
] as const;
export const CONTACT_METHOD_CODES = CONTACT_METHOD.map((c) => c.code) as [string, ...string[]];

/** Kinds of accommodation: the OC3 letters, each once, named without the suitability. */
export const ACCOMMODATION_KINDS: readonly CodeEntry[] = (() => {
  const seen = new Map<string, string>();
  for (const entry of CARE_LEAVER_ACCOMMODATION) {
    if (entry.code === '0') continue;
    const letter = entry.code.charAt(0);
    if (!seen.has(letter)) seen.set(letter, entry.label.split(' – ')[0] as string);
  }
  return [...seen].map(([code, label]) => ({ code, label }));
})();
export const ACCOMMODATION_KIND_CODES = ACCOMMODATION_KINDS.map((k) => k.code) as [string, ...string[]];
/** OC3 has no suitable code for these: homeless and in custody are always unsuitable. */
export const ALWAYS_UNSUITABLE: readonly string[] = ['S', 'X'];
/** Bed and breakfast: never without a plan to move and a date (Wandsworth 2017 rec 6; seed CL-05). */
export const BED_AND_BREAKFAST = 'W';
/** With former foster carers: staying put (seed CL-07). */
export const WITH_FORMER_FOSTER_CARERS = 'Z';

/** The OC3 accommodation code: the letter, and 1 if suitable or 2 if not. */
export const oc3Accommodation = (kind: string, suitable: boolean) => `${kind}${suitable ? 1 : 2}`;

/** What the council owes a care leaver beyond the plan, recorded as it is done (seed CL-07, CL-10, CL-12, CL-13; the 2026 Act s.7). */
export const SUPPORT_KIND = [
  { code: 'health_history_given', label: 'Health history given to the young person', hint: 'Their health passport: what they need to know about their health' },
  { code: 'entitlements_explained', label: 'Entitlements explained', hint: 'The local offer for care leavers, money, housing, education' },
  { code: 'entitlements_confirmed', label: 'Young person confirmed they received the entitlements information' },
  { code: 'staying_put_agreed', label: 'Staying put arrangement agreed', hint: 'Living with their former foster carers after 18' },
  { code: 'staying_close_assessed', label: 'Staying close: assessed whether support is needed', hint: 'For a former relevant young person under 25 (Children’s Wellbeing and Schools Act 2026 s.7). Say the outcome.' },
  { code: 'staying_close_support_started', label: 'Staying close support started' },
  { code: 'passport_held', label: 'Passport held by the young person' },
  { code: 'national_insurance_number_held', label: 'National insurance number held by the young person' },
] as const;
export const SUPPORT_KIND_CODES = SUPPORT_KIND.map((k) => k.code) as [string, ...string[]];
export const NEEDS_OUTCOME: readonly string[] = ['staying_close_assessed'];
