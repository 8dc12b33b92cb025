// What an audit, a moderation, a sample and a tool must say. One structured schema for the API and
// the service; the page's flat fields (a grade and comment per question, three action rows) are
// read into it by `AuditGradingForm`, so the messages name the field on the page.
import { z } from 'zod';
import { NewCaseAction } from '../actions/schemas.ts';
import { CorrectionReason, fail, optionalDate, optionalId, optionalText, requiredDate, requiredText, SeenVersion } from '../plans/fields.ts';
import { AUDITOR_ROLE_CODES, GRADE_CODES, SAMPLE_KIND_CODES } from './codes.ts';
import { FACT_CODES, type FactCode } from './facts.ts';

const grade = (missing: string) => z.enum(GRADE_CODES, { error: missing });

export const AuditAnswer = z.object({
  questionKey: z.string().min(1).max(100),
  grade: grade('Choose a grade for the question'),
  comment: optionalText('The comment', 4000),
  overrideReason: optionalText('Why you graded it against the record', 2000),
});
export type AuditAnswer = z.output<typeof AuditAnswer>;

/** A graded audit (QA-01): who graded it as what, each question, the overall grade, the child's experience and the impact. */
export const AuditGrading = z.object({
  auditedOn: requiredDate('The date of the audit', 'Enter the date of the audit'),
  auditorRole: z.enum(AUDITOR_ROLE_CODES, { error: 'Choose the role you are auditing in' }),
  answers: z.array(AuditAnswer).min(1).max(100),
  overallGrade: grade('Choose the overall grade'),
  childExperience: requiredText('Enter what life is like for the child, and how the work has changed it', 'The child’s experience', 20_000),
  impact: requiredText('Enter the impact of the work: what is better, or not, for the child because of it', 'The impact of the work', 20_000),
  actions: z.array(NewCaseAction).max(20).default([]),
});
export type AuditGrading = z.output<typeof AuditGrading>;

/** The form asks for up to this many actions at once. */
export const ACTION_SLOTS = [1, 2, 3] as const;

/** The grading page's flat fields, read into an AuditGrading: `questionKeys` lists the questions the page showed. */
export const AuditGradingForm = z
  .looseObject({
    questionKeys: z.string({ error: 'Reload the page and try again' }).min(1, 'Reload the page and try again'),
    auditedOn: AuditGrading.shape.auditedOn,
    auditorRole: AuditGrading.shape.auditorRole,
    overallGrade: AuditGrading.shape.overallGrade,
    childExperience: AuditGrading.shape.childExperience,
    impact: AuditGrading.shape.impact,
  })
  .superRefine((v, ctx) => {
    const keys = v.questionKeys.split(',');
    keys.forEach((key, i) => {
      if (!GRADE_CODES.includes(v[`grade-${key}`] as never)) fail(ctx, `grade-${key}`, `Choose a grade for question ${i + 1}`);
    });
    for (const n of ACTION_SLOTS) {
      const [action, owner, due] = [v[`action${n}`], v[`owner${n}`], v[`due${n}`]].map((x) => (typeof x === 'string' ? x.trim() : ''));
      if (!action && !owner && !due) continue;
      // An action with no owner or date is refused (decision 0020; Southend 2016 ¶27).
      if (!action) fail(ctx, `action${n}`, `Enter what action ${n} is`);
      if (!owner) fail(ctx, `owner${n}`, `Enter who will do action ${n}: a named person, role or agency`);
      if (!due) fail(ctx, `due${n}`, `Enter the date action ${n} is due`);
      else if (due === 'invalid') fail(ctx, `due${n}`, `The date action ${n} is due must be a real date, for example 27 3 2026`);
    }
  })
  .transform(
    (v): AuditGrading => ({
      auditedOn: v.auditedOn,
      auditorRole: v.auditorRole,
      overallGrade: v.overallGrade,
      childExperience: v.childExperience,
      impact: v.impact,
      answers: v.questionKeys.split(',').map((key) => ({
        questionKey: key,
        grade: v[`grade-${key}`] as AuditAnswer['grade'],
        comment: text(v[`comment-${key}`]),
        overrideReason: text(v[`override-${key}`]),
      })),
      actions: ACTION_SLOTS.filter((n) => text(v[`action${n}`])).map((n) => ({
        description: text(v[`action${n}`])!,
        owner: text(v[`owner${n}`])!,
        ownerUserId: null,
        dueOn: String(v[`due${n}`]),
      })),
    }),
  );

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** A moderator's second grade (QA-01, QA-02, DQ-42). */
export const AuditModeration = z.object({
  moderatedOn: requiredDate('The date of the moderation', 'Enter the date you moderated the audit'),
  moderatorRole: z.enum(AUDITOR_ROLE_CODES, { error: 'Choose the role you are moderating in' }),
  overallGrade: grade('Choose your overall grade'),
  comment: requiredText('Enter why you agree or disagree with the auditor’s grade', 'The comment', 4000),
});
export type AuditModeration = z.output<typeof AuditModeration>;

/** A correction of a completed audit's summary, with the reason (the answers are kept as graded). */
export const AuditCorrection = z.object({
  overallGrade: grade('Choose the overall grade'),
  childExperience: AuditGrading.shape.childExperience,
  impact: AuditGrading.shape.impact,
  reason: CorrectionReason,
  version: SeenVersion,
});
export type AuditCorrection = z.output<typeof AuditCorrection>;

/** A dip sample (QA-06, MO-07). */
export const SampleInput = z
  .object({
    kind: z.enum(SAMPLE_KIND_CODES, { error: 'Choose what to sample' }),
    toolId: z.guid({ error: 'Choose the audit tool' }),
    teamId: optionalId('Choose a team'),
    periodFrom: requiredDate('The first day of the period', 'Enter the first day of the period'),
    periodTo: requiredDate('The last day of the period', 'Enter the last day of the period'),
    size: z.coerce.number({ error: 'Enter how many children to audit' }).int('Enter a whole number of children').min(1, 'Audit at least 1 child').max(100, 'Audit at most 100 children in one sample'),
    // Blank: Lantern chooses one and records it, so the same draw can be made again.
    seed: z.preprocess((v) => (v === '' || v === undefined || v === null ? null : v), z.coerce.number({ error: 'The seed must be a whole number' }).int('The seed must be a whole number').min(0).max(2_147_483_647).nullable()),
  })
  .superRefine((v, ctx) => {
    if (v.periodTo < v.periodFrom) fail(ctx, 'periodTo', 'The last day must be on or after the first day');
    if (v.kind === 'team_random' && !v.teamId) fail(ctx, 'teamId', 'Choose the team to sample');
  });
export type SampleInput = z.output<typeof SampleInput>;

/** A council's own tool: its name, purpose, domains of questions typed one a line, and the factual items from the record it includes. */
export const ToolInput = z.object({
  name: requiredText('Enter the tool’s name', 'The name', 200),
  purpose: requiredText('Enter what the tool audits and why', 'The purpose', 2000),
  questions: requiredText('Enter the domains and their questions', 'The questions', 20_000),
  facts: z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(FACT_CODES as [FactCode, ...FactCode[]], { error: 'Choose factual items from the list' }))),
});
export type ToolInput = z.output<typeof ToolInput>;

export const AuditParams = z.object({ childId: z.guid(), auditId: z.guid() });
export const ReportQuery = z.object({
  from: optionalDate('From'),
  to: optionalDate('To'),
  tool: z.preprocess((v) => (v === '' ? undefined : v), z.guid().optional()),
});
