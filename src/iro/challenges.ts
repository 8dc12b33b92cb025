// What the IRO challenges pages show: one child's challenges with each stage and its answer, and
// across the children a user may see, the open ones (with the response owed) and the trend by
// category over the last 12 months (seed IR-03: "IROs could not identify the trends arising").
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { labelFor } from '../codes/code-list.ts';
import { addMonths, daysBetween } from '../calendar/index.ts';
import { CHALLENGE_CATEGORY, CHALLENGE_STAGE } from './codes.ts';
import * as repo from './repository.ts';

const stageLabel = (code: string | null) => (code ? (labelFor(CHALLENGE_STAGE, code) ?? code) : '');

export async function challengesOf(db: Db, childId: string, today: string) {
  const [challenges, stages, clocks] = await Promise.all([repo.challengesOfChild(db, childId), repo.stagesOfChild(db, childId), repo.responseClocks(db, childId)]);
  return {
    challenges: challenges.map((c) => {
      const own = stages.filter((s) => s.challenge_id === c.id).map((s) => ({ ...s, stageLabel: stageLabel(s.stage) }));
      const current = own.at(-1) ?? null;
      const due = clocks.find((k) => k.scope_id === c.id)?.due_on ?? null;
      return {
        ...c,
        categoryLabel: labelFor(CHALLENGE_CATEGORY, c.category) ?? c.category,
        stages: own,
        current,
        open: c.resolved_on === null,
        daysOpen: daysBetween(c.raised_on, c.resolved_on ?? today),
        responseDueOn: due,
        responseOverdue: due !== null && due < today,
      };
    }),
  };
}

export async function challengeOverview(db: Db, user: SignedInUser, today: string) {
  const since = addMonths(today, -12);
  const rows = await repo.challengesVisible(db, user, since);
  const shaped = rows.map((r) => ({
    ...r,
    childName: `${r.first_name} ${r.last_name}`,
    categoryLabel: labelFor(CHALLENGE_CATEGORY, r.category) ?? r.category,
    stageLabel: stageLabel(r.stage),
    daysOpen: daysBetween(r.raised_on, r.resolved_on ?? today),
    responseOverdue: r.response_due_on !== null && r.response_due_on < today,
  }));
  const lastYear = shaped.filter((r) => r.raised_on >= since);
  const trend = CHALLENGE_CATEGORY.map((c) => ({ ...c, raised: lastYear.filter((r) => r.category === c.code).length, open: shaped.filter((r) => r.category === c.code && r.resolved_on === null).length })).filter(
    (c) => c.raised > 0 || c.open > 0,
  );
  return {
    open: shaped.filter((r) => r.resolved_on === null),
    raisedInYear: lastYear.length,
    resolvedInYear: lastYear.filter((r) => r.resolved_on !== null).length,
    trend,
  };
}
