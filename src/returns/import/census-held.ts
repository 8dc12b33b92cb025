// What Lantern already holds of the children in part of a CIN census file, read in a few statements for
// them all, so that the import matches each fact on its natural key (decision 0039) without a statement
// per fact. The import adds what it writes, so a later fact in the same file sees it as the database would.
import { sql } from 'kysely';
import type { Db } from '../../db/history.ts';

export interface HeldAssessment { startedOn: string; completedOn: string | null }
export interface HeldEnquiry { startedOn: string; outcome: string | null }
export interface HeldEpisode { id: string; referralDate: string; closedOn: string | null; assessments: HeldAssessment[]; enquiries: HeldEnquiry[] }
export interface HeldPlan { id: string; kind: string; startedOn: string; endedOn: string | null; reviews: Set<string> }
export interface HeldChild { id: string; disabilities: Set<string>; episodes: HeldEpisode[]; plans: HeldPlan[] }

/** Each child Lantern holds (not deleted) with one of these LA child IDs, by LA child ID. */
export async function readHeld(db: Db, laChildIds: readonly string[]): Promise<Map<string, HeldChild>> {
  const held = new Map<string, HeldChild>();
  if (laChildIds.length === 0) return held;
  const people = await db.selectFrom('person').select(['id', 'la_child_id']).where('la_child_id', 'in', laChildIds).where('deleted_at', 'is', null).execute();
  const byId = new Map<string, HeldChild>();
  for (const p of people) {
    if (p.la_child_id === null || held.has(p.la_child_id)) continue;
    const child: HeldChild = { id: p.id, disabilities: new Set(), episodes: [], plans: [] };
    held.set(p.la_child_id, child);
    byId.set(p.id, child);
  }
  const ids = [...byId.keys()];
  if (ids.length === 0) return held;
  const [disabilities, episodes, plans] = await Promise.all([
    db.selectFrom('person_disability').select(['person_id', 'code']).where('person_id', 'in', ids).where('deleted_at', 'is', null).execute(),
    db.selectFrom('cin_episode').select(['id', 'child_id', 'referral_date', 'closed_on']).where('child_id', 'in', ids).where('deleted_at', 'is', null).execute(),
    db.selectFrom('plan').select(['id', 'child_id', 'kind', 'started_on', 'ended_on']).where('child_id', 'in', ids).where('kind', 'in', ['cin', 'cp']).where('deleted_at', 'is', null).execute(),
  ]);
  for (const d of disabilities) byId.get(d.person_id)?.disabilities.add(d.code);
  const episodeById = new Map<string, HeldEpisode>();
  for (const e of episodes) {
    const episode: HeldEpisode = { id: e.id, referralDate: e.referral_date, closedOn: e.closed_on, assessments: [], enquiries: [] };
    episodeById.set(e.id, episode);
    byId.get(e.child_id)?.episodes.push(episode);
  }
  const planById = new Map<string, HeldPlan>();
  for (const p of plans) {
    const plan: HeldPlan = { id: p.id, kind: p.kind, startedOn: p.started_on, endedOn: p.ended_on, reviews: new Set() };
    planById.set(p.id, plan);
    byId.get(p.child_id)?.plans.push(plan);
  }
  const episodeIds = [...episodeById.keys()];
  const planIds = [...planById.keys()];
  const [assessments, enquiries, reviews] = await Promise.all([
    episodeIds.length ? db.selectFrom('assessment').select(['episode_id', 'started_on', 'completed_on']).where('episode_id', 'in', episodeIds).where('deleted_at', 'is', null).execute() : [],
    episodeIds.length ? db.selectFrom('s47_enquiry').select(['episode_id', 'started_on', 'outcome']).where('episode_id', 'in', episodeIds).where('deleted_at', 'is', null).execute() : [],
    planIds.length
      ? db.selectFrom('child_protection_conference').select(['plan_id', sql<string>`held_on::text`.as('held_on')]).where('plan_id', 'in', planIds).where('kind', '=', 'review').where('deleted_at', 'is', null).execute()
      : [],
  ]);
  for (const a of assessments) if (a.episode_id) episodeById.get(a.episode_id)?.assessments.push({ startedOn: a.started_on, completedOn: a.completed_on });
  for (const s of enquiries) if (s.episode_id) episodeById.get(s.episode_id)?.enquiries.push({ startedOn: s.started_on, outcome: s.outcome });
  for (const r of reviews) if (r.plan_id) planById.get(r.plan_id)?.reviews.add(r.held_on);
  return held;
}
