// What a plan's outcomes and actions, and a written agreement, must contain. The same schemas read
// the forms and the API bodies.
import { z } from 'zod';
import { ACTION_STATUS_CODES } from './codes.ts';
import { CorrectionReason, fail, optionalDate, optionalId, optionalText, requiredDate, requiredText, SeenVersion } from './fields.ts';

export const OutcomeInput = z.object({
  description: requiredText('Enter what should be better for the child', 'What should be better', 1000),
  measure: optionalText('How you will know', 1000),
  version: z.coerce.number().int().min(1).optional(),
});
export type OutcomeInput = z.output<typeof OutcomeInput>;

const actionFields = {
  description: requiredText('Enter what will be done', 'What will be done', 1000),
  owner: requiredText('Enter who will do it: a named person, role or agency', 'Who will do it', 200),
  ownerUserId: optionalId('Choose the Lantern user from the list'),
  // No default, ever: an action's date is its own, not the next review's (Southend 2016 ¶27).
  dueOn: requiredDate('The date it is due', 'Enter the date the action is due'),
  outcomeId: optionalId('Choose the outcome from the list'),
  status: z.enum(ACTION_STATUS_CODES, { error: 'Choose the status of the action' }).default('not_started'),
  statusReason: optionalText('Why it is no longer needed', 1000),
  completedOn: optionalDate('The date it was done'),
};

type ActionFields = z.output<z.ZodObject<typeof actionFields>>;

/** A done action says when; a dropped one says why. */
function statusRules(action: ActionFields, ctx: z.RefinementCtx) {
  if (action.status === 'no_longer_needed' && !action.statusReason) fail(ctx, 'statusReason', 'Say why the action is no longer needed');
  if (action.status === 'done' && !action.completedOn) fail(ctx, 'completedOn', 'Enter the date the action was done');
}

const clearUnused = <T extends ActionFields>(action: T): T => ({
  ...action,
  completedOn: action.status === 'done' ? action.completedOn : null,
  statusReason: action.status === 'no_longer_needed' ? action.statusReason : null,
});

export const ActionInput = z.object(actionFields).superRefine(statusRules).transform(clearUnused);
export type ActionInput = z.output<typeof ActionInput>;

export const ActionChange = z
  .object({ ...actionFields, version: z.coerce.number({ error: 'Reload the page and try again' }).int().min(1).optional() })
  .superRefine(statusRules)
  .transform(clearUnused);
export type ActionChange = z.output<typeof ActionChange>;

export const AgreementTerm = z.object({
  action: z.string().trim().max(1000, 'What was agreed must be 1,000 characters or fewer').default(''),
  consequence: z.string().trim().max(1000, 'The consequence must be 1,000 characters or fewer').default(''),
});

const agreementFields = {
  madeOn: requiredDate('The date it was made', 'Enter the date the agreement was made'),
  withWhom: requiredText('Enter the parents or carers who made the agreement, by name', 'Who it was made with', 500),
  reviewOn: requiredDate('The review date', 'Enter the date the agreement will be reviewed'),
  terms: z.array(AgreementTerm).max(30, 'An agreement can have at most 30 actions').default([]),
};

type AgreementFields = z.output<z.ZodObject<typeof agreementFields>>;

/** Newham 2020 F8: the consequences of not keeping an agreement must be explicit. */
function agreementRules(agreement: AgreementFields, ctx: z.RefinementCtx) {
  agreement.terms.forEach((term, i) => {
    if (term.action && !term.consequence) {
      ctx.addIssue({ code: 'custom', path: ['terms', i, 'consequence'], message: `Say what will happen if action ${i + 1} is not kept`, input: undefined });
    }
    if (!term.action && term.consequence) {
      ctx.addIssue({ code: 'custom', path: ['terms', i, 'action'], message: `Enter what was agreed for action ${i + 1}`, input: undefined });
    }
  });
  if (!agreement.terms.some((t) => t.action || t.consequence)) {
    ctx.addIssue({ code: 'custom', path: ['terms', 0, 'action'], message: 'Enter at least one agreed action and what will happen if it is not kept', input: undefined });
  }
  if (agreement.madeOn && agreement.reviewOn && agreement.reviewOn <= agreement.madeOn) {
    fail(ctx, 'reviewOn', 'The review date must be after the date the agreement was made');
  }
}

const keptTerms = <T extends AgreementFields>(agreement: T): T => ({ ...agreement, terms: agreement.terms.filter((t) => t.action && t.consequence) });

export const WrittenAgreementInput = z
  .object({ ...agreementFields, planId: optionalId('Choose the plan from the list') })
  .superRefine(agreementRules)
  .transform(keptTerms);
export type WrittenAgreementInput = z.output<typeof WrittenAgreementInput>;

/** A correction of a written agreement: what it says, with the reason. The plan it belongs to stays. */
export const WrittenAgreementCorrection = z
  .object({ ...agreementFields, reason: CorrectionReason, version: SeenVersion })
  .superRefine(agreementRules)
  .transform(keptTerms);
export type WrittenAgreementCorrection = z.output<typeof WrittenAgreementCorrection>;

export const PlanParams = z.object({ childId: z.guid(), planId: z.guid() });
export const ActionParams = z.object({ childId: z.guid(), planId: z.guid(), actionId: z.guid() });
export const AgreementParams = z.object({ childId: z.guid(), agreementId: z.guid() });
export const OutcomeParams = z.object({ childId: z.guid(), planId: z.guid(), outcomeId: z.guid() });

export const OverdueQuery = z.object({
  worker: z.guid({ error: 'worker must be a user id' }).optional(),
  team: z.guid({ error: 'team must be a team id' }).optional(),
});

/** The IRO has read the changes to a care plan (CPPCR 2010 reg 45). */
export const CarePlanReadInput = z.object({
  readOn: requiredDate('The date you read the changes', 'Enter the date you read the changes'),
  comment: optionalText('What you think of the changes', 5000),
});
export type CarePlanReadInput = z.output<typeof CarePlanReadInput>;
