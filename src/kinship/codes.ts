// Kinship care's code lists: the legal status of the arrangement (CA 1989 s.22I, inserted by the
// Children's Wellbeing and Schools Act 2026 s.5, covers every one) and how the local offer went out.
export const KINSHIP_KINDS = [
  { code: 'informal', label: 'Informal family and friends care', hint: 'No order and not looked after: arranged by the family' },
  { code: 'kinship_foster', label: 'Kinship foster care', hint: 'Looked after, placed with a connected person (placement types U1 to U3)' },
  { code: 'sgo', label: 'Special guardianship order', hint: 'The carers are the child’s special guardians' },
  { code: 'cao', label: 'Child arrangements order (lives with)', hint: 'The order says the child lives with the carers' },
] as const;
export type KinshipKind = (typeof KINSHIP_KINDS)[number]['code'];
export const KINSHIP_KIND_CODES = KINSHIP_KINDS.map((k) => k.code) as [KinshipKind, ...KinshipKind[]];
export const kinshipKindLabel = (code: string) => KINSHIP_KINDS.find((k) => k.code === code)?.label ?? code;

export const OFFER_METHODS = [
  { code: 'post', label: 'By post' },
  { code: 'email', label: 'By email' },
  { code: 'in_person', label: 'Given in person' },
  { code: 'phone', label: 'Talked through by phone, with a link sent' },
] as const;
export type OfferMethod = (typeof OFFER_METHODS)[number]['code'];
export const OFFER_METHOD_CODES = OFFER_METHODS.map((m) => m.code) as [OfferMethod, ...OfferMethod[]];
export const offerMethodLabel = (code: string) => OFFER_METHODS.find((m) => m.code === code)?.label ?? code;

/** SSDA903 placement types with a relative or friend (connected person): kinship foster care. */
export const CONNECTED_PERSON_PLACEMENTS: readonly string[] = ['U1', 'U2', 'U3'];
