// An episode closes only after its assessment is complete, unless a manager records why it may close
// without one (Southend ¶16, ¶19-21: cases closed before the assessment was finished). That covers
// a closure "after assessment" (RC8, RC9) with none complete, which CIN census rule 8825Q queries.
// Registered with the episode here (this module is imported by the assessment's routes), so the
// episode service does not import the assessment.
import type { Db } from '../db/history.ts';
import { registerClosureCheck, type ClosureCheck } from '../episodes/closure-checks.ts';
import { RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';

export const assessmentMustBeComplete: ClosureCheck = async (db: Db, episodeId, closure) => {
  const assessments = await db
    .selectFrom('assessment')
    .select(['started_on', 'completed_on'])
    .where('episode_id', '=', episodeId)
    .where('deleted_at', 'is', null)
    .orderBy('started_on')
    .execute();
  const completed = assessments.filter((a) => a.completed_on !== null);
  const inProgress = assessments.find((a) => a.completed_on === null);
  const lastCompleted = completed.map((a) => a.completed_on as string).sort().at(-1);
  if (lastCompleted && lastCompleted > closure.closedOn) {
    throw new RuleBroken(`The closure date cannot be before the assessment was completed (${formatDate(lastCompleted)})`, 'closedOn');
  }
  if ((inProgress || completed.length === 0) && !closure.managerReason?.trim()) {
    throw new RuleBroken(
      inProgress
        ? `The assessment started on ${formatDate(inProgress.started_on)} is not complete. Complete it, or a manager must give the reason for closing without it`
        : 'No assessment has been completed in this episode. A manager must give the reason for closing without one',
      'managerReason',
    );
  }
};

registerClosureCheck(assessmentMustBeComplete);
