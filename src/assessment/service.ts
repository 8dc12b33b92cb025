// The child and family assessment: what may be recorded and in what order.
// - It belongs to an episode of need and starts on or after the referral (CIN census rule 1103); one
//   at a time in an episode (8896).
// - It is complete when its factors (CIN census AssessmentFactors; '21' stands alone, rule 8869) and
//   outcome are recorded, and only once what inspections found missing is there: the child seen (and
//   seen alone) and their views, whether the father and other significant adults took part (Newham
//   2020), culture and identity, use of history, and analysis (seed AS-02; WW ¶24, N14 ¶34).
// - The 45 working days run from the referral, not from allocation (Working Together 2023 ch.3;
//   timescales.md CP2). Completion after that needs the reason for the delay, as Working Together
//   asks. The due date is the clock the referral started, so a council's tighter setting applies.
// - A team manager authorises it with a rationale.
// - No date is before the child was born, nor (but the authorisation) before the referral.
// Who may see, record or authorise is checked once, by the route guard, before any of this runs.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import { recordEvent } from '../chronology/journal.ts';
import type { SignedInUser } from '../access/policy.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { ASSESSMENT_FACTORS, labelFor } from '../codes/index.ts';
import { workingDaysBetween } from '../calendar/index.ts';
import { dueDate, effectiveAmount } from '../clocks/engine.ts';
import { ruleById } from '../clocks/rules.ts';
import { loadSettings } from '../settings/council-settings.ts';
import { episodeOf, openEpisodeOf } from '../episodes/service.ts';
import { clocksIn, firstClock, inTransaction } from '../episodes/repository.ts';
import { assertNotBeforeReferral } from '../episodes/dates.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { ASSESSMENT_OUTCOME } from './codes.ts';
import type { AssessmentAuthorisation, AssessmentCompletion, AssessmentFindings, AssessmentStart } from './schemas.ts';
import type { AssessmentTable } from './tables.ts';
import type { Selectable } from 'kysely';

export type Assessment = Selectable<AssessmentTable>;

const RULE_ID = 'assessment-completed';

async function loadAssessment(db: Db, childId: string, assessmentId: string): Promise<Assessment> {
  const assessment = await db
    .selectFrom('assessment')
    .selectAll()
    .where('id', '=', assessmentId)
    .where('child_id', '=', childId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!assessment) throw new NotFound('No assessment with that id for this child');
  return assessment;
}

export async function assessmentsOf(db: Db, childId: string): Promise<Assessment[]> {
  return db.selectFrom('assessment').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('started_on', 'desc').execute();
}

/** When the episode's assessment is due: the clock its referral started. */
export async function assessmentDueOn(db: Db, childId: string, episode: { id: string; referral_date: string }): Promise<string> {
  const clock = firstClock(await clocksIn(db, childId, [episode.id]), RULE_ID, episode.id);
  if (clock) return clock.dueOn;
  // An episode whose referral predates the journal: work the date out from the same rule.
  const rule = ruleById(RULE_ID);
  if (!rule) throw new Error(`The ${RULE_ID} timescale rule is missing`);
  return dueDate(episode.referral_date, rule.due.unit, effectiveAmount(rule, await loadSettings(db), true));
}

/** What must be recorded on the findings page before the assessment can be completed. */
export function missingBeforeCompletion(a: Assessment): string[] {
  const missing: string[] = [];
  if (!a.child_seen_on && !a.child_not_seen_reason) missing.push('the date the child was seen, or why they were not seen');
  if (a.child_seen_on && !a.child_seen_alone) missing.push('whether the child was seen alone');
  if (!a.child_views) missing.push('the child’s views');
  if (!a.father_involved) missing.push('whether the child’s father took part');
  if (a.father_involved && a.father_involved !== 'yes' && !a.father_not_involved_reason) missing.push('why the father did not take part, or why it is not known');
  if (!a.culture_and_identity) missing.push('culture and identity');
  if (!a.use_of_history) missing.push('how the child’s history was used');
  if (!a.analysis) missing.push('the analysis');
  return missing;
}

export interface AssessmentPage {
  assessment: Assessment;
  episode: Awaited<ReturnType<typeof episodeOf>>;
  dueOn: string;
  /** Working days from the referral to completion, or to today while it is open. */
  workingDaysFromReferral: number;
  overdue: boolean;
  missing: string[];
  authorisedBy: string | null;
}

export async function assessmentPage(db: Db, childId: string, assessmentId: string, today: string): Promise<AssessmentPage> {
  const assessment = await loadAssessment(db, childId, assessmentId);
  const episode = await episodeOf(db, childId, assessment.episode_id);
  const dueOn = await assessmentDueOn(db, childId, episode);
  const until = assessment.completed_on ?? today;
  const authoriser = assessment.authorised_by
    ? await db.selectFrom('app_user').select('display_name').where('id', '=', assessment.authorised_by).executeTakeFirst()
    : undefined;
  return {
    assessment,
    episode,
    dueOn,
    workingDaysFromReferral: workingDaysBetween(episode.referral_date, until),
    overdue: until > dueOn,
    missing: missingBeforeCompletion(assessment),
    authorisedBy: authoriser?.display_name ?? null,
  };
}

export async function startAssessment(db: Db, user: SignedInUser, childId: string, input: AssessmentStart, today: string): Promise<string> {
  return inTransaction(db, async (tx) => {
    const episode = input.episodeId ? await episodeOf(tx, childId, input.episodeId) : await openEpisodeOf(tx, childId);
    if (!episode) throw new RuleBroken('This child has no open episode of need. Record the referral first: an assessment belongs to an episode', 'startedOn');
    if (episode.closed_on) throw new RuleBroken(`This episode closed on ${formatDate(episode.closed_on)}. An assessment cannot start in a closed episode`, 'startedOn');
    if (input.startedOn > today) throw new RuleBroken('The start date cannot be in the future', 'startedOn');
    assertNotBeforeBirth(await childDates(tx, childId), input.startedOn, 'startedOn', 'The start of the assessment');
    // CIN census rule 1103: an assessment starts on or after the referral.
    assertNotBeforeReferral(episode, input.startedOn, 'startedOn', 'The start of the assessment');
    const open = await tx
      .selectFrom('assessment')
      .select('started_on')
      .where('episode_id', '=', episode.id)
      .where('completed_on', 'is', null)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (open) {
      throw new RuleBroken(`The assessment started on ${formatDate(open.started_on)} is still in progress. Complete it before starting another`, 'startedOn');
    }
    const id = randomUUID();
    await tx
      .insertInto('assessment')
      .values({ id, child_id: childId, episode_id: episode.id, started_on: input.startedOn, factors: JSON.stringify([]), recorded_by: user.id })
      .execute();
    await recordEvent(
      tx,
      { childId, type: 'assessment.started', occurredOn: input.startedOn, sourceTable: 'assessment', sourceId: id, scopeId: episode.id, title: 'Child and family assessment started' },
      user.id,
    );
    return id;
  });
}

export async function recordFindings(db: Db, user: SignedInUser, childId: string, assessmentId: string, input: AssessmentFindings, today: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const assessment = await loadAssessment(tx, childId, assessmentId);
    if (assessment.authorised_on) {
      throw new RuleBroken(`This assessment was authorised on ${formatDate(assessment.authorised_on)} and can no longer be changed`);
    }
    const episode = await episodeOf(tx, childId, assessment.episode_id);
    if (input.childSeenOn) {
      if (input.childSeenOn > today) throw new RuleBroken('The date the child was seen cannot be in the future', 'childSeenOn');
      assertNotBeforeBirth(await childDates(tx, childId), input.childSeenOn, 'childSeenOn', 'The date the child was seen');
      assertNotBeforeReferral(episode, input.childSeenOn, 'childSeenOn', 'The date the child was seen');
    }
    await updateRecord(
      tx,
      'assessment',
      assessmentId,
      {
        child_seen_on: input.childSeenOn,
        child_seen_alone: input.childSeenOn ? input.childSeenAlone : null,
        child_not_seen_reason: input.childNotSeenReason,
        child_views: input.childViews,
        adults_involved: input.adultsInvolved,
        father_involved: input.fatherInvolved,
        father_not_involved_reason: input.fatherInvolved === 'yes' ? null : input.fatherNotInvolvedReason,
        culture_and_identity: input.cultureAndIdentity,
        use_of_history: input.useOfHistory,
        analysis: input.analysis,
      },
      user.id,
      input.version,
    );
  });
}

export async function completeAssessment(db: Db, user: SignedInUser, childId: string, assessmentId: string, input: AssessmentCompletion, today: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const assessment = await loadAssessment(tx, childId, assessmentId);
    if (assessment.completed_on) throw new RuleBroken(`This assessment was already completed on ${formatDate(assessment.completed_on)}`);
    const episode = await episodeOf(tx, childId, assessment.episode_id);
    const { completedOn } = input;
    if (completedOn > today) throw new RuleBroken('The completion date cannot be in the future', 'completedOn');
    assertNotBeforeBirth(await childDates(tx, childId), completedOn, 'completedOn', 'The completion of the assessment');
    assertNotBeforeReferral(episode, completedOn, 'completedOn', 'The completion of the assessment');
    if (completedOn < assessment.started_on) {
      throw new RuleBroken(`The assessment cannot be completed before it started (${formatDate(assessment.started_on)})`, 'completedOn');
    }
    if (episode.closed_on && completedOn > episode.closed_on) {
      throw new RuleBroken(`The episode closed on ${formatDate(episode.closed_on)}: the assessment must have been completed by then`, 'completedOn');
    }
    const factors = [...new Set(input.factors)];
    if (factors.includes('21') && factors.length > 1) {
      throw new RuleBroken('‘No factors identified’ cannot be chosen with any other factor (CIN census rule 8869)', 'factors');
    }
    const missing = missingBeforeCompletion(assessment);
    if (missing.length > 0) throw new RuleBroken(`Before completing the assessment, record ${listInWords(missing)}`);

    // Working Together: past 45 working days from the referral, record why. Only the assessment that
    // meets the episode's clock can be late against it.
    const earlier = await tx
      .selectFrom('assessment')
      .select('id')
      .where('episode_id', '=', episode.id)
      .where('id', '<>', assessmentId)
      .where('completed_on', 'is not', null)
      .where('completed_on', '<=', completedOn)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    const dueOn = await assessmentDueOn(tx, childId, episode);
    const late = !earlier && completedOn > dueOn;
    if (late && !input.delayReason) {
      throw new RuleBroken(
        `This assessment is completed ${workingDaysBetween(episode.referral_date, completedOn)} working days after the referral on ${formatDate(episode.referral_date)}; it was due by ${formatDate(dueOn)}. Give the reason for the delay`,
        'delayReason',
      );
    }
    await updateRecord(
      tx,
      'assessment',
      assessmentId,
      { completed_on: completedOn, factors: JSON.stringify(factors), outcome: input.outcome, delay_reason: input.delayReason },
      user.id,
    );
    const outcome = labelFor(ASSESSMENT_OUTCOME, input.outcome);
    await recordEvent(
      tx,
      {
        childId,
        type: 'assessment.completed',
        occurredOn: completedOn,
        sourceTable: 'assessment',
        sourceId: assessmentId,
        scopeId: episode.id,
        title: `Child and family assessment completed: ${outcome}`,
        detail: [
          `Factors: ${factors.map((f) => labelFor(ASSESSMENT_FACTORS, f) ?? f).join('; ')}`,
          late ? `Completed after it was due (${formatDate(dueOn)}): ${input.delayReason}` : null,
        ]
          .filter(Boolean)
          .join('\n'),
      },
      user.id,
    );
  });
}

export async function authoriseAssessment(db: Db, user: SignedInUser, childId: string, assessmentId: string, input: AssessmentAuthorisation, today: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const assessment = await loadAssessment(tx, childId, assessmentId);
    if (!assessment.completed_on) throw new RuleBroken('The assessment must be completed before it can be authorised');
    if (assessment.authorised_on) throw new RuleBroken(`This assessment was already authorised on ${formatDate(assessment.authorised_on)}`);
    if (input.authorisedOn > today) throw new RuleBroken('The authorisation date cannot be in the future', 'authorisedOn');
    assertNotBeforeBirth(await childDates(tx, childId), input.authorisedOn, 'authorisedOn', 'The authorisation');
    if (input.authorisedOn < assessment.completed_on) {
      throw new RuleBroken(`The assessment cannot be authorised before it was completed (${formatDate(assessment.completed_on)})`, 'authorisedOn');
    }
    await updateRecord(
      tx,
      'assessment',
      assessmentId,
      { authorised_on: input.authorisedOn, authorised_by: user.id, authorisation_rationale: input.rationale },
      user.id,
    );
    await recordEvent(
      tx,
      {
        childId,
        type: 'assessment.authorised',
        occurredOn: input.authorisedOn,
        sourceTable: 'assessment',
        sourceId: assessmentId,
        scopeId: assessment.episode_id,
        title: `Assessment authorised by ${user.displayName}`,
        detail: input.rationale,
      },
      user.id,
    );
  });
}

/** 'a, b and c' */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
