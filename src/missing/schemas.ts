// What recording a missing episode, a return and a return interview asks, for the pages and the API
// alike. Each time is a date (GOV.UK date input, or YYYY-MM-DD in JSON) and a 24-hour time
// ("HH:MM"); the service turns the pair into an instant in England's time (london-time.ts).
import { z } from 'zod';
import { CorrectionReason, fail, optionalDate, optionalText, requiredDate, SeenVersion, yesNo } from '../plans/fields.ts';
import { listOf } from '../people/fields.ts';
import { timeOfDay } from '../front-door/schemas.ts';
import { EXPLOITATION_RISK_CODES, INTERVIEW_OUTCOME_CODES, MISSING_KIND_CODES, PUSH_PULL_CODES } from './codes.ts';
import { midSentence } from '../server/format.ts';

/** An optional time: blank becomes null. */
const optionalTime = (label: string) =>
  z
    .preprocess((v) => (v === '' || v === null ? undefined : v), timeOfDay(label, `Enter ${midSentence(label)}`).optional())
    .transform((v) => v ?? null);

/** A date and a time given together or not at all. */
function pair(value: Record<string, unknown>, ctx: z.RefinementCtx, name: string, what: string): void {
  const on = value[`${name}On`];
  const time = value[`${name}Time`];
  if (on && !time) fail(ctx, `${name}Time`, `Enter the time ${what}, on the 24-hour clock`);
  if (!on && time) fail(ctx, `${name}On`, `Enter the date ${what}`);
}

const episodeFields = {
  wentMissingOn: requiredDate('The date the child went missing', 'Enter the date the child went missing'),
  wentMissingTime: timeOfDay('The time the child went missing', 'Enter the time the child went missing, or when they were last seen'),
  kind: z.enum(MISSING_KIND_CODES, { error: 'Choose whether the child was missing or away from their placement without permission' }),
  policeOn: optionalDate('The date the police were told'),
  policeTime: optionalTime('The time the police were told'),
};

export const MissingEpisodeInput = z.object(episodeFields).superRefine((v, ctx) => pair(v, ctx, 'police', 'the police were told'));
export type MissingEpisodeInput = z.output<typeof MissingEpisodeInput>;

const returnFields = {
  returnedOn: requiredDate('The date the child returned', 'Enter the date the child returned'),
  returnedTime: timeOfDay('The time the child returned', 'Enter the time the child returned'),
  whereFound: optionalText('Where the child was found', 500),
};

export const ReturnInput = z.object(returnFields);
export type ReturnInput = z.output<typeof ReturnInput>;

/** A correction of the episode: what was recorded when they went, and the return if there was one. */
export const EpisodeCorrection = z
  .object({
    ...episodeFields,
    returnedOn: optionalDate('The date the child returned'),
    returnedTime: optionalTime('The time the child returned'),
    whereFound: returnFields.whereFound,
    reason: CorrectionReason,
    version: SeenVersion,
  })
  .superRefine((v, ctx) => {
    pair(v, ctx, 'police', 'the police were told');
    pair(v, ctx, 'returned', 'the child returned');
  });
export type EpisodeCorrection = z.output<typeof EpisodeCorrection>;

const optionalYesNo = (missing: string) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), yesNo(missing).optional()).transform((v) => (v === undefined ? null : v));

const interviewFields = {
  outcome: z.enum(INTERVIEW_OUTCOME_CODES, { error: 'Choose whether the interview took place, was declined, or the child could not be reached' }),
  offeredOn: optionalDate('The date the interview was offered'),
  offeredTime: optionalTime('The time the interview was offered'),
  doneOn: optionalDate('The date of the interview'),
  doneTime: optionalTime('The time of the interview'),
  interviewer: optionalText('Who did the interview', 200),
  interviewerIndependent: optionalYesNo('Say whether the interviewer was independent of the child’s care'),
  othersPresent: optionalText('Who else was there', 500),
  triggers: optionalText('What led to the child going', 10_000),
  whereTheyWere: optionalText('Where the child was', 2000),
  whoWith: optionalText('Who the child was with', 2000),
  factors: listOf(z.enum(PUSH_PULL_CODES, { error: 'Choose the reasons from the list' })).transform((codes) => [...new Set(codes)]),
  exploitationRisk: z.preprocess((v) => (v === '' ? null : v), z.enum(EXPLOITATION_RISK_CODES, { error: 'Choose whether exploitation was indicated' }).nullish()).transform((v) => v ?? null),
};

type InterviewFields = z.output<z.ZodObject<typeof interviewFields>>;

/** Done needs when, who and whether they were independent, and the exploitation question; otherwise when it was offered. */
function interviewRule(v: InterviewFields, ctx: z.RefinementCtx): void {
  pair(v, ctx, 'offered', 'the interview was offered');
  pair(v, ctx, 'done', 'of the interview');
  if (v.outcome === 'done') {
    if (!v.doneOn && !v.doneTime) fail(ctx, 'doneOn', 'Enter the date of the interview');
    if (!v.interviewer) fail(ctx, 'interviewer', 'Enter who did the interview');
    if (v.interviewerIndependent === null) fail(ctx, 'interviewerIndependent', 'Say whether the interviewer was independent of the child’s care');
    if (!v.exploitationRisk) fail(ctx, 'exploitationRisk', 'Choose whether the interview indicated a risk of exploitation');
  } else if (!v.offeredOn && !v.offeredTime) {
    fail(ctx, 'offeredOn', v.outcome === 'declined' ? 'Enter the date the interview was offered' : 'Enter the date the interview was offered or tried');
  }
}

export const ReturnInterviewInput = z.object(interviewFields).superRefine(interviewRule);
export type ReturnInterviewInput = z.output<typeof ReturnInterviewInput>;

export const ReturnInterviewCorrection = z.object({ ...interviewFields, reason: CorrectionReason, version: SeenVersion }).superRefine(interviewRule);
export type ReturnInterviewCorrection = z.output<typeof ReturnInterviewCorrection>;

export const EpisodeParams = z.object({ childId: z.guid(), episodeId: z.guid() });
export const InterviewParams = z.object({ childId: z.guid(), interviewId: z.guid() });
