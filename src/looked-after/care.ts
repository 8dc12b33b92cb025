// What the "Children in care" page and API show about one child: each period of care with its
// placements, legal statuses, the SSDA903 episodes they make, the reviews, placement stability over
// the last 12 months, the care plan, deprivation of liberty and what is due. Nine indexed queries, whatever the length of the history.
import type { Db } from '../db/history.ts';
import { labelFor } from '../codes/code-list.ts';
import { CATEGORY_OF_NEED, LEGAL_STATUS, PLACEMENT_PROVIDER, PLACEMENT_TYPE, REASON_EPISODE_CEASED, REASON_PLACE_CHANGE, REVIEW_PARTICIPATION } from '../codes/ssda903.ts';
import { addMonths } from '../calendar/index.ts';
import { ruleById } from '../clocks/rules.ts';
import { episodesOf, socialWorkerEpisodes, stabilityOver12Months } from './episodes.ts';
import { previousPermanenceTitle } from './previous-permanence.ts';
import * as repo from './repository.ts';
import { libertyOf } from './liberty.ts';

export async function careOf(db: Db, childId: string, today: string) {
  const [periods, placements, statuses, reviews, clocks, carePlan, liberty, socialWorkers] = await Promise.all([
    repo.periodsOf(db, childId),
    repo.placementsOfChild(db, childId),
    repo.legalStatusesOfChild(db, childId),
    repo.reviewsOfChild(db, childId),
    repo.openCareClocks(db, childId),
    repo.openCarePlan(db, childId),
    libertyOf(db, childId, today),
    repo.socialWorkerAllocations(db, childId),
  ]);
  const placementNames = new Map(placements.map((p) => [p.id, p.carer_name]));
  const shaped = periods
    .map((period) => {
      const own = placements.filter((p) => p.period_id === period.id);
      const ownStatuses = statuses.filter((s) => s.period_id === period.id);
      return {
        ...period,
        open: period.ended_on === null,
        categoryOfNeedLabel: labelFor(CATEGORY_OF_NEED, period.category_of_need) ?? period.category_of_need,
        previousPermanenceTitle: period.previous_permanence ? previousPermanenceTitle(period.previous_permanence, period.previous_permanence_la, period.previous_permanence_on) : null,
        reasonCeasedLabel: period.reason_ceased ? (labelFor(REASON_EPISODE_CEASED, period.reason_ceased) ?? period.reason_ceased) : null,
        placements: own
          .map((p) => ({
            ...p,
            typeLabel: labelFor(PLACEMENT_TYPE, p.placement_type) ?? p.placement_type,
            providerLabel: p.provider ? (labelFor(PLACEMENT_PROVIDER, p.provider) ?? p.provider) : null,
            changeReasonLabel: p.change_reason ? (labelFor(REASON_PLACE_CHANGE, p.change_reason) ?? p.change_reason) : null,
          }))
          .reverse(),
        legalStatuses: ownStatuses.map((s) => ({ ...s, label: labelFor(LEGAL_STATUS, s.legal_status) ?? s.legal_status })).reverse(),
        episodes: episodesOf(period, own, ownStatuses),
        reviews: reviews
          .filter((r) => r.period_id === period.id)
          .map((r) => ({ ...r, participationLabel: labelFor(REVIEW_PARTICIPATION, r.participation) ?? r.participation }))
          .reverse(),
      };
    })
    .reverse();
  const current = shaped.find((p) => p.open) ?? null;
  const yearAgo = addMonths(today, -12);
  const stability = stabilityOver12Months(placements, new Map(periods.map((p) => [p.id, p.started_on])), yearAgo, today);
  const due = clocks.map((c) => ({
    ...c,
    title: ruleById(c.rule_id)?.title ?? c.rule_id,
    overdue: c.due_on < today,
    placementName: placementNames.get(c.scope_id ?? '') ?? null,
  }));
  return {
    periods: shaped,
    current,
    currentPlacement: current?.placements.find((p) => p.ended_on === null) ?? null,
    currentLegalStatus: current?.legalStatuses.find((s) => s.ended_on === null) ?? null,
    carePlan: carePlan ?? null,
    socialWorkers: socialWorkerEpisodes(socialWorkers, yearAgo, today),
    liberty,
    stability,
    due,
  };
}

export type CareOfChild = Awaited<ReturnType<typeof careOf>>;
