// What recording a child's route to permanence asks, for the pages and the API alike.
import { z } from 'zod';
import { codesOf } from '../codes/code-list.ts';
import { AUTHORITY_TO_PLACE, PERMANENCE_ORDER, PERMANENCE_ROUTE } from '../codes/lantern.ts';
import { ADOPTION_DECISION_REVERSED_REASON, PLACEMENT_PROVIDER, REASON_EPISODE_CEASED } from '../codes/ssda903.ts';
import { CorrectionReason, fail, optionalId, optionalText, requiredDate, requiredText, SeenVersion, yesNo } from '../plans/fields.ts';

const ROUTE_CODES = codesOf(PERMANENCE_ROUTE) as [string, ...string[]];
const blankToNull = (v: unknown) => (v === '' ? null : v);

const planFields = {
  decidedOn: requiredDate('The date the plan was decided', 'Enter the date the plan was decided'),
  plan: z.enum(ROUTE_CODES, { error: 'Choose the permanence plan' }),
  planDetail: optionalText('More about the plan', 2000),
  parallelPlan: z.preprocess(blankToNull, z.enum(ROUTE_CODES, { error: 'Choose the parallel plan, or none' }).nullish()),
  reviewId: optionalId('Choose the looked-after review, or none'),
};

function planRule(v: { plan: string; parallelPlan?: string | null; planDetail: string | null }, ctx: z.RefinementCtx): void {
  if (v.plan === 'other' && !v.planDetail) fail(ctx, 'planDetail', 'Say what the plan is');
  if (v.parallelPlan && v.parallelPlan === v.plan) fail(ctx, 'parallelPlan', 'The parallel plan must be a different route from the plan');
}

export const PlanInput = z.object(planFields).superRefine(planRule);
export type PlanInput = z.output<typeof PlanInput>;

/**
 * A change of plan. Away from adoption, the decision that the child should be placed for adoption is
 * reversed: the return asks why (SSDA903 REASON_PLACED_CEASED, rules 119 and 120; decision 0041).
 */
export const PlanChangeInput = z
  .object({ ...planFields, reversedReason: z.preprocess(blankToNull, z.enum(codesOf(ADOPTION_DECISION_REVERSED_REASON), { error: 'Choose why the decision to place for adoption was reversed' }).nullish()) })
  .superRefine(planRule);
export type PlanChangeInput = z.output<typeof PlanChangeInput>;

export const PlanCorrection = z.object({ ...planFields, reason: CorrectionReason, version: SeenVersion }).superRefine(planRule);
export type PlanCorrection = z.output<typeof PlanCorrection>;

export const FamilyFindingInput = z.object({
  startedOn: requiredDate('The date family finding started', 'Enter the date family finding started'),
  note: optionalText('The note', 5000),
});
export type FamilyFindingInput = z.output<typeof FamilyFindingInput>;

export const AuthorityInput = z
  .object({
    authority: z.enum(codesOf(AUTHORITY_TO_PLACE) as [string, ...string[]], { error: 'Choose whether a court made a placement order or the parents consented' }),
    grantedOn: requiredDate('The date of the authority to place', 'Enter the date the order was made or the consent given'),
    court: optionalText('The court', 200),
    caseNumber: optionalText('The case number', 50),
  })
  .superRefine((v, ctx) => {
    if (v.authority === 'placement_order' && !v.court) fail(ctx, 'court', 'Enter the court that made the placement order');
  });
export type AuthorityInput = z.output<typeof AuthorityInput>;

export const MatchInput = z.object({
  householdId: z.guid({ error: 'Choose the approved adopters' }),
  panelOn: requiredDate('The date of the adoption panel', 'Enter the date the adoption panel recommended the match'),
  decidedOn: requiredDate('The date of the agency decision', 'Enter the date the agency decision maker decided on the match'),
});
export type MatchInput = z.output<typeof MatchInput>;

export const MatchCorrection = MatchInput.omit({ householdId: true }).extend({ reason: CorrectionReason, version: SeenVersion });
export type MatchCorrection = z.output<typeof MatchCorrection>;

export const PlacedInput = z.object({
  movedOn: requiredDate('The date the child moved in', 'Enter the date the child moved in with the adopters'),
  currentCarers: yesNo('Say whether the adopters are the child’s foster carers now'),
  provider: z.enum(codesOf(PLACEMENT_PROVIDER) as [string, ...string[]], { error: 'Choose who provides the placement' }).default('PR1'),
});
export type PlacedInput = z.output<typeof PlacedInput>;

export const DisruptionInput = z.object({
  disruptedOn: requiredDate('The date the placement disrupted', 'Enter the date the placement with the adopters ended'),
  reason: requiredText('Enter why the placement disrupted', 'Why it disrupted', 5000),
});
export type DisruptionInput = z.output<typeof DisruptionInput>;

export const OrderInput = z.object({
  orderKind: z.enum(codesOf(PERMANENCE_ORDER) as [string, ...string[]], { error: 'Choose the order' }),
  madeOn: requiredDate('The date the order was made', 'Enter the date the order was made'),
  court: requiredText('Enter the court that made the order', 'The court', 200),
  caseNumber: optionalText('The case number', 50),
  reasonCeased: z.enum(codesOf(REASON_EPISODE_CEASED) as [string, ...string[]], { error: 'Choose how the child left care' }),
});
export type OrderInput = z.output<typeof OrderInput>;

export const LongTermFosteringInput = z.object({
  confirmedOn: requiredDate('The date long-term fostering was confirmed', 'Enter the date the match with the long-term foster carers was confirmed'),
  note: optionalText('The note', 5000),
});
export type LongTermFosteringInput = z.output<typeof LongTermFosteringInput>;

export const StepCorrection = z.object({
  occurredOn: requiredDate('The date', 'Enter the date'),
  court: optionalText('The court', 200),
  caseNumber: optionalText('The case number', 50),
  note: optionalText('The note', 5000),
  reason: CorrectionReason,
  version: SeenVersion,
});
export type StepCorrection = z.output<typeof StepCorrection>;

export const PlanParams = z.object({ childId: z.guid(), planId: z.guid() });
export const StepParams = z.object({ childId: z.guid(), stepId: z.guid() });
export const MatchParams = z.object({ childId: z.guid(), matchId: z.guid() });
export const TrackerQuery = z.object({
  route: z.enum(ROUTE_CODES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

/** Brothers and sisters to be placed for adoption together, or apart, with the reason (seed PS-05). */
const SiblingGroupFields = {
  decidedOn: requiredDate('The date of the decision', 'Enter the date of the decision'),
  decision: z.enum(['together', 'apart'], { error: 'Say whether they are to be placed together or apart' }),
  why: requiredText('Enter the reason: what the sibling assessment concluded', 'The reason', 5000),
  // A form posts one checkbox as a string, several as a list; JSON sends a list.
  siblings: z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.guid({ error: 'Choose the brothers and sisters from the list' })))
    .refine((ids) => ids.length > 0, 'Choose at least one brother or sister'),
};
export const SiblingGroupInput = z.object(SiblingGroupFields);
export type SiblingGroupInput = z.output<typeof SiblingGroupInput>;
export const SiblingGroupCorrection = z.object({ ...SiblingGroupFields, reason: CorrectionReason, version: SeenVersion });
export type SiblingGroupCorrection = z.output<typeof SiblingGroupCorrection>;
