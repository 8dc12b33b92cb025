// What an oversight entry and a management decision must say. The analysis of the child's experience
// and the impact of the work is required (MO-01, Newham 2014 ¶133: oversight "overly focused on
// compliance"), as is the direction given; each action has an owner and a date (NewCaseAction).
import { z } from 'zod';
import { NewCaseAction } from '../actions/schemas.ts';
import { CorrectionReason, SeenVersion, fail, optionalId, optionalText, requiredDate, requiredText } from '../plans/fields.ts';
import { DECISION_KIND_CODES, OVERSIGHT_KIND_CODES, RECORD_PART_CODES } from './codes.ts';

/** Ticks post one value as a string and several as an array; JSON sends an array. */
const ticks = z.preprocess(
  (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(RECORD_PART_CODES, { error: 'Choose the parts of the record from the list' })).max(RECORD_PART_CODES.length),
);

const entryFields = {
  overseenOn: requiredDate('The date of the oversight', 'Enter the date you read the case'),
  partsRead: ticks,
  whatRead: optionalText('What you read', 2000),
  analysis: requiredText('Enter your analysis: the child’s experience and the impact of the work on it, not only what has been done on time', 'Your analysis', 20_000),
  direction: requiredText('Enter the direction you give: what must happen next', 'The direction', 10_000),
  addressedTo: optionalText('Whom it is to', 200),
  addressedToUserId: optionalId('Choose the Lantern user from the list'),
};

const checkEntry = (entry: { kind: string; partsRead: readonly string[]; whatRead: string | null; addressedTo: string | null }, ctx: z.RefinementCtx) => {
  if (entry.partsRead.length === 0 && !entry.whatRead) fail(ctx, 'partsRead', 'Say what you read: tick the parts of the record, or describe what you read');
  if (entry.kind !== 'oversight' && !entry.addressedTo) {
    fail(ctx, 'addressedTo', `Enter whom the ${entry.kind} is to: a named person, role or service`);
  }
};

export const OversightInput = z
  .object({
    kind: z.enum(OVERSIGHT_KIND_CODES, { error: 'Choose whether this is oversight, a challenge or an escalation' }),
    ...entryFields,
    actions: z.array(NewCaseAction).max(20).default([]),
  })
  .superRefine(checkEntry);
export type OversightInput = z.output<typeof OversightInput>;

/** A correction keeps the kind and the actions (actions change status on their own). */
export const OversightCorrection = z
  .object({ kind: z.enum(OVERSIGHT_KIND_CODES).optional(), ...entryFields, reason: CorrectionReason, version: SeenVersion })
  .superRefine((entry, ctx) => checkEntry({ ...entry, kind: entry.kind ?? 'oversight' }, ctx));
export type OversightCorrection = z.output<typeof OversightCorrection>;

/** The answer to a challenge or escalation, and whether it is resolved. */
export const ChallengeResponse = z.object({
  respondedOn: requiredDate('The date of the response', 'Enter the date of the response'),
  response: requiredText('Enter the response', 'The response', 10_000),
  resolved: z.union([z.boolean(), z.enum(['yes', 'no'])], { error: 'Say whether the challenge is resolved' }).transform((v) => v === true || v === 'yes'),
  version: SeenVersion,
});
export type ChallengeResponse = z.output<typeof ChallengeResponse>;

const decisionFields = {
  decidedOn: requiredDate('The date of the decision', 'Enter the date of the decision'),
  authorises: requiredText('Enter what the decision authorises', 'What it authorises', 1000),
  rationale: requiredText('Enter the rationale: why this is the right decision for the child', 'The rationale', 10_000),
  workSummary: optionalText('The summary of the work', 10_000),
  situationAtClosure: optionalText('The child’s situation at closure', 10_000),
};

const checkClosureSummary = (d: { kind: string; workSummary: string | null; situationAtClosure: string | null }, ctx: z.RefinementCtx) => {
  if (d.kind === 'closure' && !d.workSummary) fail(ctx, 'workSummary', 'Enter a summary of the work done with the child and family');
  if (d.kind === 'closure' && !d.situationAtClosure) fail(ctx, 'situationAtClosure', 'Enter the child’s situation at closure');
};

export const DecisionInput = z
  .object({ kind: z.enum(DECISION_KIND_CODES, { error: 'Choose what the decision is about' }), ...decisionFields })
  .superRefine(checkClosureSummary);
export type DecisionInput = z.output<typeof DecisionInput>;

/**
 * A correction keeps the kind (a decision about something else is a new decision); the service checks
 * the closure summary against the stored kind.
 */
export const DecisionCorrection = z.object({ ...decisionFields, reason: CorrectionReason, version: SeenVersion });
export type DecisionCorrection = z.output<typeof DecisionCorrection>;

export const DecisionParams = z.object({ childId: z.guid(), decisionId: z.guid() });

export const OversightParams = z.object({ childId: z.guid(), entryId: z.guid() });
