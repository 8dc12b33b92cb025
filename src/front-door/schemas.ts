// What the front door's forms and API bodies must look like. One schema reads a posted form
// (strings, date inputs folded to YYYY-MM-DD, checkboxes as one string or many) and a JSON body.
// Rules that need the record (a decision after the contact arrived) are in service.ts.
import { z } from 'zod';
import { isIsoDate } from '../calendar/index.ts';
import { codesOf, PRIMARY_NEED, REFERRAL_SOURCE } from '../codes/index.ts';
import { fail, listOf, optionalText, requiredText } from '../people/fields.ts';
import { SeenVersion } from '../plans/fields.ts';
import { CHECK_AGENCY, CONSENT, CONTACT_OUTCOME, FEEDBACK_METHOD, RISK_INDICATOR, SECOND_LOOK_CONCLUSION } from './codes.ts';

export const TEXT_MAX = 200;
export const LONG_TEXT_MAX = 10_000;

/** A required date: from a folded GOV.UK date input ('' or 'invalid') or an ISO string from JSON. */
export const requiredDate = (label: string, missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .transform((value, ctx) => {
      if (value === '') {
        ctx.addIssue({ code: 'custom', message: missing, input: value });
        return z.NEVER;
      }
      if (!isIsoDate(value) || value < '1900-01-01') {
        ctx.addIssue({ code: 'custom', message: `${label} must be a real date`, input: value });
        return z.NEVER;
      }
      return value;
    });

/** An optional date: blank becomes null. */
export const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .nullish()
    .transform((value, ctx) => {
      if (!value) return null;
      if (!isIsoDate(value) || value < '1900-01-01') {
        ctx.addIssue({ code: 'custom', message: `${label} must be a real date`, input: value });
        return z.NEVER;
      }
      return value;
    });

/** A time of day as HH:MM (24-hour); '9:05' and '09.05' are accepted and tidied. */
export const timeOfDay = (label: string, missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .transform((value, ctx) => {
      if (value === '') {
        ctx.addIssue({ code: 'custom', message: missing, input: value });
        return z.NEVER;
      }
      const match = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(value);
      if (!match) {
        ctx.addIssue({ code: 'custom', message: `${label} must be a time on the 24-hour clock, for example 09:30 or 14:05`, input: value });
        return z.NEVER;
      }
      return `${match[1]!.padStart(2, '0')}:${match[2]}`;
    });

/** A select or radios from a code list: '' (nothing chosen) gives the `missing` message. */
export const codeField = <const C extends readonly [string, ...string[]]>(codes: C, missing: string) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.enum(codes, { error: missing }));

/** An optional code: '' or absent becomes null. */
export const optionalCode = <const C extends readonly [string, ...string[]]>(codes: C, wrong: string) =>
  z
    .preprocess((v) => (v === '' ? null : v), z.enum(codes, { error: wrong }).nullable())
    .optional()
    .transform((v) => v ?? null);

const asTuple = <T extends string>(codes: ReadonlyArray<T>) => codes as unknown as readonly [T, ...T[]];

export const REFERRAL_SOURCE_CODES = asTuple(codesOf(REFERRAL_SOURCE));
export const PRIMARY_NEED_CODES = asTuple(codesOf(PRIMARY_NEED));
export const RISK_CODES = asTuple(codesOf(RISK_INDICATOR));
export const OUTCOME_CODES = asTuple(codesOf(CONTACT_OUTCOME));

const riskIndicators = listOf(z.enum(RISK_CODES, { error: 'Select worries from the list' })).transform((codes) => [...new Set(codes)]);

/** A contact recorded by a front door worker about a child Lantern knows. */
export const ContactInput = z.object({
  receivedOn: requiredDate('Date received', 'Enter the date the contact was received'),
  receivedTime: timeOfDay('Time received', 'Enter the time the contact was received'),
  source: codeField(REFERRAL_SOURCE_CODES, 'Select who made the contact'),
  referrerName: optionalText('Referrer’s name', TEXT_MAX),
  referrerRole: optionalText('Referrer’s role', TEXT_MAX),
  referrerAgency: optionalText('Referrer’s agency', TEXT_MAX),
  referrerPhone: optionalText('Referrer’s phone number', 40),
  worry: requiredText('What the worry is', LONG_TEXT_MAX, 'Say what the worry about the child is'),
  riskIndicators: riskIndicators,
  consent: codeField(asTuple(codesOf(CONSENT)), 'Select whether the family agreed to the contact'),
});
export type ContactInput = z.infer<typeof ContactInput>;

/** Why a record is corrected: asked every time, kept with the version it replaces. */
export const Reason = requiredText('The reason', 1000, 'Say why you are correcting it');

/** A contact corrected: what was reported, when, and by whom, with the reason. */
export const ContactCorrection = ContactInput.extend({ reason: Reason, version: SeenVersion });
export type ContactCorrection = z.infer<typeof ContactCorrection>;

/** A partner agency's online referral: the child as the partner knows them, and the worry. */
export const PartnerReferralInput = z.object({
  firstName: requiredText('Child’s first name', 100, 'Enter the child’s first name'),
  lastName: requiredText('Child’s last name', 100, 'Enter the child’s last name'),
  dateOfBirth: optionalDate('Date of birth'),
  address: optionalText('Address', TEXT_MAX),
  postcode: optionalText('Postcode', 10),
  source: codeField(REFERRAL_SOURCE_CODES, 'Select which kind of agency you are'),
  referrerRole: optionalText('Your role', TEXT_MAX),
  referrerPhone: optionalText('Your phone number', 40),
  worry: requiredText('What the worry is', LONG_TEXT_MAX, 'Say what the worry about the child is'),
  riskIndicators: riskIndicators,
  consent: codeField(asTuple(codesOf(CONSENT)), 'Select whether the family agreed to the referral'),
});
export type PartnerReferralInput = z.infer<typeof PartnerReferralInput>;

export const MatchInput = z.object({ childId: z.uuid('Select the child this contact is about') });

/** A child the front door adds to Lantern while matching a partner's referral. */
export const NewChildForMatch = z.object({
  firstName: requiredText('First name', 100, 'Enter the child’s first name'),
  lastName: requiredText('Last name', 100, 'Enter the child’s last name'),
  dateOfBirth: requiredDate('Date of birth', 'Enter the child’s date of birth'),
  sex: codeField(['M', 'F', 'U'] as const, 'Select the child’s sex'),
  notDuplicateReason: optionalText('Reason', 1000),
});

/** The matching page's three forms: a child Lantern offers, a child by LA child ID, or a new child. */
export const MatchForm = z.discriminatedUnion(
  'how',
  [
    z.object({ how: z.literal('candidate'), childId: z.uuid('Select the child this referral is about') }),
    z.object({ how: z.literal('la'), laChildId: requiredText('LA child ID', 40, 'Enter the child’s LA child ID') }),
    NewChildForMatch.extend({ how: z.literal('new') }),
  ],
  { error: 'Choose how to match the referral' },
);
export type MatchForm = z.infer<typeof MatchForm>;

const checkFields = {
  agency: codeField(asTuple(codesOf(CHECK_AGENCY)), 'Select the agency'),
  askedOn: requiredDate('Date asked', 'Enter the date the agency was asked'),
  answeredOn: optionalDate('Date answered'),
  summary: optionalText('What they told us', LONG_TEXT_MAX),
};

const checkAnswered = (v: { askedOn: string; answeredOn: string | null; summary: string | null }, ctx: z.RefinementCtx) => {
  if (v.answeredOn && !v.summary) fail(ctx, 'summary', 'Say what the agency told us');
  if (v.answeredOn && v.answeredOn < v.askedOn) fail(ctx, 'answeredOn', 'The answer cannot come before the agency was asked');
};

export const AgencyCheckInput = z.object(checkFields).superRefine(checkAnswered);
export type AgencyCheckInput = z.infer<typeof AgencyCheckInput>;

/** A check corrected (agency, when asked, the answer), with the reason. */
export const CheckCorrection = z.object({ ...checkFields, reason: Reason, version: SeenVersion }).superRefine(checkAnswered);
export type CheckCorrection = z.infer<typeof CheckCorrection>;

export const AgencyAnswerInput = z.object({
  answeredOn: requiredDate('Date answered', 'Enter the date the agency answered'),
  summary: requiredText('What they told us', LONG_TEXT_MAX, 'Say what the agency told us'),
});
export type AgencyAnswerInput = z.infer<typeof AgencyAnswerInput>;

/** The threshold decision: four required inputs, the rest prefilled from the contact. */
export const DecisionInput = z.object({
  decidedOn: requiredDate('Date of the decision', 'Enter the date of the decision'),
  decidedTime: timeOfDay('Time of the decision', 'Enter the time of the decision'),
  outcome: codeField(OUTCOME_CODES, 'Select the decision'),
  rationale: requiredText('Rationale', LONG_TEXT_MAX, 'Give the reasons for the decision'),
  primaryNeed: optionalCode(PRIMARY_NEED_CODES, 'Select the primary need from the list'),
});
export type DecisionInput = z.infer<typeof DecisionInput>;

export const ReferrerInformedInput = z.object({
  informedOn: requiredDate('Date the referrer was told', 'Enter the date the referrer was told the outcome'),
  method: codeField(asTuple(codesOf(FEEDBACK_METHOD)), 'Select how the referrer was told'),
  note: optionalText('Note', LONG_TEXT_MAX),
});
export type ReferrerInformedInput = z.infer<typeof ReferrerInformedInput>;

export const SecondLookInput = z
  .object({
    reviewedOn: requiredDate('Date of the second look', 'Enter the date of the second look'),
    conclusion: codeField(asTuple(codesOf(SECOND_LOOK_CONCLUSION)), 'Select whether you agree with the decision'),
    newOutcome: optionalCode(OUTCOME_CODES, 'Select the new decision from the list'),
    notes: requiredText('Your reasons', LONG_TEXT_MAX, 'Give the reasons for your conclusion'),
    primaryNeed: optionalCode(PRIMARY_NEED_CODES, 'Select the primary need from the list'),
  })
  .superRefine((v, ctx) => {
    if (v.conclusion === 'CHANGE' && !v.newOutcome) fail(ctx, 'newOutcome', 'Select the new decision');
  })
  .transform((v) => ({ ...v, newOutcome: v.conclusion === 'CHANGE' ? v.newOutcome : null }));
export type SecondLookInput = z.infer<typeof SecondLookInput>;

export const ContactParams = z.object({ contactId: z.guid('Not found') });
export const ChildParams = z.object({ childId: z.guid('Not found') });
export const CheckParams = z.object({ contactId: z.guid('Not found'), checkId: z.guid('Not found') });
