// How someone is related to a child, and how the child is related back to them. No DfE list covers
// family relationships, so this is Lantern's own (it could move to src/codes/lantern.ts).
export const RELATIONSHIP_KINDS = [
  { code: 'mother', label: 'Mother', inverse: 'child' },
  { code: 'father', label: 'Father', inverse: 'child' },
  { code: 'parent', label: 'Parent', inverse: 'child' },
  { code: 'step-parent', label: 'Step-parent', inverse: 'step-child' },
  { code: 'partner-of-parent', label: 'Parent’s partner', inverse: 'partner’s child' },
  { code: 'grandparent', label: 'Grandparent', inverse: 'grandchild' },
  { code: 'sibling', label: 'Brother or sister', inverse: 'sibling' },
  { code: 'half-sibling', label: 'Half-brother or half-sister', inverse: 'half-sibling' },
  { code: 'aunt-uncle', label: 'Aunt or uncle', inverse: 'niece or nephew' },
  { code: 'cousin', label: 'Cousin', inverse: 'cousin' },
  { code: 'special-guardian', label: 'Special guardian', inverse: 'child under special guardianship' },
  { code: 'foster-carer', label: 'Foster carer', inverse: 'fostered child' },
  { code: 'kinship-carer', label: 'Kinship carer', inverse: 'child in kinship care' },
  { code: 'family-friend', label: 'Family friend', inverse: 'family friend' },
  { code: 'other', label: 'Other', inverse: 'other' },
] as const;

export type RelationshipKind = (typeof RELATIONSHIP_KINDS)[number]['code'];

export const RELATIONSHIP_KIND_CODES = RELATIONSHIP_KINDS.map((k) => k.code) as [RelationshipKind, ...RelationshipKind[]];

export function relationshipLabel(code: string, fromOtherSide = false): string {
  const kind = RELATIONSHIP_KINDS.find((k) => k.code === code);
  if (!kind) return code;
  if (!fromOtherSide) return kind.label;
  return kind.inverse.charAt(0).toUpperCase() + kind.inverse.slice(1);
}
