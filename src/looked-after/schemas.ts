// What recording a period of care asks, for the pages and the API alike: at most six required
// inputs a page, the rest optional or prefilled.
import { z } from 'zod';
import { VISITING_RULE_CODES, visitingRuleMisfit, type VisitingRule } from './visiting.ts';
import { CATEGORY_OF_NEED, PREVIOUS_PERMANENCE, REASON_PLACE_CHANGE, REVIEW_PARTICIPATION } from '../codes/ssda903.ts';
import { PERMANENCE_COUNCIL } from '../codes/ssda903.ts';
import { codesOf } from '../codes/code-list.ts';
import { CorrectionReason, fail, optionalDate, optionalId, optionalText, requiredDate, requiredText, SeenVersion, yesNo } from '../plans/fields.ts';
import { CARE_ENDED_REASON_CODES, LEGAL_STATUS_CODES, NO_PROVIDER_TYPES, PLACEMENT_TYPE_CHOICE_CODES, PROVIDER_CODES } from './codes.ts';
import { normalisePostcode } from './distance.ts';

const postcode = (label: string) =>
  z
    .string()
    .trim()
    .nullish()
    .transform((v, ctx) => {
      if (!v) return null;
      const normal = normalisePostcode(v);
      if (!normal) {
        ctx.addIssue({ code: 'custom', message: `${label} must be a UK postcode, for example BW1 2AB` });
        return z.NEVER;
      }
      return normal;
    });

/** Ofsted's unique reference number: "SC" and 6 digits for a children's home, or 6 or 7 digits (SSDA903 rule 1008);
 *  XXXXXXX for a placement through a regional adoption agency (rule 242). Checked against Ofsted's lists when loaded (decision 0077). */
const urn = z
  .string()
  .trim()
  .toUpperCase()
  .nullish()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || /^(SC\d{6}|\d{6,7}|XXXXXXX)$/.test(v), 'The Ofsted URN must be SC followed by 6 digits, or 6 or 7 digits (XXXXXXX for a regional adoption agency)');

/** Callers in code (other areas, tests) may leave the visiting pattern out: it is then the usual one. */
type VisitingOptional<T extends { visitingRule: VisitingRule }> = Omit<T, 'visitingRule'> & { visitingRule?: VisitingRule };

const placementFields = {
  placementType: z.enum(PLACEMENT_TYPE_CHOICE_CODES, { error: 'Choose the type of placement' }),
  provider: z.preprocess((v) => (v === '' ? null : v), z.enum(PROVIDER_CODES, { error: 'Choose who provides the placement' }).nullish()),
  // Blank when the carers are chosen from the council's foster carers: their names are taken from it.
  carerName: optionalText('The carers or home', 200),
  urn,
  postcode: postcode('The placement’s postcode'),
  intendedUntil18: yesNo('Say whether the placement is meant to last until the child is 18').default(false),
  visitingRule: z.enum(VISITING_RULE_CODES, { error: 'Choose how often the child must be visited' }).default('standard'),
  /** The council's own foster carers, for an in-house foster placement (src/fostering). */
  fosteringHouseholdId: optionalId('Choose foster carers from the list').optional(),
};

/** A provider is needed except for temporary moves and Z11-Z14 (SSDA903 rules 178, 213). */
function providerRule(value: { placementType: string; provider?: string | null; carerName: string | null; fosteringHouseholdId?: string | null | undefined; visitingRule?: VisitingRule }, ctx: z.RefinementCtx): void {
  const misfit = value.visitingRule ? visitingRuleMisfit(value.visitingRule, value.placementType) : null;
  if (misfit) fail(ctx, 'visitingRule', misfit);
  if (!value.carerName && !value.fosteringHouseholdId) fail(ctx, 'carerName', 'Enter the carers’ names or the name of the home');
  const needsNone = NO_PROVIDER_TYPES.includes(value.placementType);
  if (!needsNone && !value.provider) fail(ctx, 'provider', 'Choose who provides the placement');
  if (needsNone && value.provider) fail(ctx, 'provider', 'A temporary move has no provider: leave it blank');
}

export const EnterCareInput = z
  .object({
    startedOn: requiredDate('The date the child started to be looked after', 'Enter the date the child started to be looked after'),
    legalStatus: z.enum(LEGAL_STATUS_CODES, { error: 'Choose the legal status' }),
    categoryOfNeed: z.enum(codesOf(CATEGORY_OF_NEED) as [string, ...string[]], { error: 'Choose the category of need' }),
    decidedBy: requiredText('Enter who decided the child should be looked after (a senior manager or a panel)', 'Who decided', 200),
    alternativesConsidered: optionalText('What was considered first', 5000),
    homePostcode: postcode('The child’s home postcode'),
    ...placementFields,
  })
  .superRefine(providerRule);
export type EnterCareInput = VisitingOptional<z.output<typeof EnterCareInput>>;

export const PlacementChangeInput = z
  .object({
    movedOn: requiredDate('The date the child moved', 'Enter the date the child moved'),
    changeReason: z.preprocess((v) => (v === '' ? null : v), z.enum(codesOf(REASON_PLACE_CHANGE) as [string, ...string[]], { error: 'Choose why the placement changed' }).nullish()),
    sameCarers: yesNo('Say whether the child stays with the same carers').default(false),
    ...placementFields,
  })
  .superRefine(providerRule);
export type PlacementChangeInput = VisitingOptional<z.output<typeof PlacementChangeInput>>;

export const LegalStatusChangeInput = z.object({
  changedOn: requiredDate('The date the legal status changed', 'Enter the date the legal status changed'),
  legalStatus: z.enum(LEGAL_STATUS_CODES, { error: 'Choose the new legal status' }),
});
export type LegalStatusChangeInput = z.output<typeof LegalStatusChangeInput>;

export const LeaveCareInput = z.object({
  endedOn: requiredDate('The date the child ceased to be looked after', 'Enter the date the child ceased to be looked after'),
  reasonCeased: z.enum(CARE_ENDED_REASON_CODES, { error: 'Choose why the child ceased to be looked after' }),
});
export type LeaveCareInput = z.output<typeof LeaveCareInput>;

export const CarePlanStart = z.object({
  startedOn: requiredDate('The date the care plan started', 'Enter the date the care plan was agreed'),
});
export type CarePlanStart = z.output<typeof CarePlanStart>;

export const PlacementPlanInput = z.object({
  agreedOn: requiredDate('The date the placement plan was agreed', 'Enter the date the placement plan was agreed with the carers'),
});
export type PlacementPlanInput = z.output<typeof PlacementPlanInput>;

export const NotificationInput = z.object({
  notifiedOn: requiredDate('The date those who must know were told', 'Enter the date the placement was notified'),
  hostCouncilNotified: yesNo('Say whether the council where the child is placed was told').default(false),
});
export type NotificationInput = z.output<typeof NotificationInput>;

export const PlacementCorrection = z
  .object({ ...placementFields, reason: CorrectionReason, version: SeenVersion })
  .superRefine(providerRule);
export type PlacementCorrection = VisitingOptional<z.output<typeof PlacementCorrection>>;

/** The day a move happened, corrected: the last placement's end moves with it (src/looked-after/move-date.ts). */
export const MoveDateCorrection = z.object({
  movedOn: requiredDate('The date the child moved', 'Enter the date the child moved'),
  reason: CorrectionReason,
  version: SeenVersion,
});

export const ReviewInput = z.object({
  heldOn: requiredDate('The date of the review', 'Enter the date of the review'),
  chairId: z.guid({ error: 'Choose the independent reviewing officer who chaired the review' }),
  participation: z.enum(codesOf(REVIEW_PARTICIPATION) as [string, ...string[]], { error: 'Choose how the child took part' }),
  permanencePlan: optionalText('The permanence plan', 5000),
  decisions: requiredText('Enter what the review decided', 'The decisions', 20_000),
});
export type ReviewInput = z.output<typeof ReviewInput>;

export const ReviewCorrection = ReviewInput.extend({ reason: CorrectionReason, version: SeenVersion });
export type ReviewCorrection = z.output<typeof ReviewCorrection>;

export const PeriodParams = z.object({ childId: z.guid(), periodId: z.guid() });
export const PlacementParams = z.object({ childId: z.guid(), placementId: z.guid() });
export const ReviewParams = z.object({ childId: z.guid(), reviewId: z.guid() });

export const LIBERTY_KINDS = [
  { code: 'secure_accommodation', label: 'Secure accommodation order (Children Act 1989 s.25)' },
  { code: 'relevant_accommodation', label: 'Order for relevant accommodation (s.25, as amended by the Children’s Wellbeing and Schools Act 2026)' },
  { code: 'high_court', label: 'High Court order (inherent jurisdiction)' },
] as const;

export const LibertyOrderInput = z.object({
  kind: z.enum(['secure_accommodation', 'relevant_accommodation', 'high_court'], { error: 'Choose the kind of order' }),
  court: requiredText('Enter the court that made the order', 'The court', 200),
  caseNumber: optionalText('The case number', 50),
  madeOn: requiredDate('The date the order was made', 'Enter the date the order was made'),
  expiresOn: requiredDate('The last day the order authorises', 'Enter the last day the order authorises'),
});
export type LibertyOrderInput = z.output<typeof LibertyOrderInput>;

export const LibertyReviewInput = z.object({
  reviewedOn: requiredDate('The date of the review', 'Enter the date of the review'),
  criteriaStillMet: yesNo('Say whether the criteria for keeping the child there are still met'),
  outcome: requiredText('Enter what the review decided', 'The outcome', 5000),
});
export type LibertyReviewInput = z.output<typeof LibertyReviewInput>;

export const LibertyEndInput = z.object({
  endedOn: requiredDate('The date it ended', 'Enter the date the deprivation of liberty ended'),
  reason: requiredText('Enter why it ended (the order expired, was discharged, the child moved …)', 'Why it ended', 1000),
});
export type LibertyEndInput = z.output<typeof LibertyEndInput>;

/**
 * The permanence the child had before this period of care (SSDA903 PrevPerm, rules 630-635): the
 * arrangement, the council that made it (LA_PERM: its 3-digit code, or NIR, SCO, WAL, NUK, 999 not
 * known) and the date of the order. A change after it was first recorded is a correction: say why.
 */
export const PreviousPermanenceInput = z
  .object({
    previousPermanence: z.enum(codesOf(PREVIOUS_PERMANENCE), { error: 'Choose the permanence the child had before coming into care' }),
    permanenceCouncil: z
      .string()
      .trim()
      .toUpperCase()
      .nullish()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || PERMANENCE_COUNCIL.test(v), 'Enter the council’s 3-digit code, or NIR, SCO, WAL, NUK, or 999 if not known'),
    permanenceOn: optionalDate('The date of the order'),
    reason: optionalText('The reason', 1000),
  })
  .superRefine((v, ctx) => {
    if (v.previousPermanence === 'Z1' && v.permanenceCouncil) fail(ctx, 'permanenceCouncil', 'With no previous permanence, leave the council blank (SSDA903 rule 635)');
    if (v.previousPermanence === 'Z1' && v.permanenceOn) fail(ctx, 'permanenceOn', 'With no previous permanence, leave the date blank (SSDA903 rule 635)');
  });
export type PreviousPermanenceInput = z.output<typeof PreviousPermanenceInput>;
