// What the fostering pages and the API show: the sufficiency figures (each with the href of the list
// behind it), a household's page, and the households that match a child.
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { labelFor } from '../codes/code-list.ts';
import { PLACEMENT_PROVIDER, PLACEMENT_TYPE } from '../codes/ssda903.ts';
import { centroidsOf, currentHomePostcode } from '../looked-after/repository.ts';
import { milesBetween, outwardCode } from '../looked-after/distance.ts';
import { HOUSEHOLD_KINDS, HOUSEHOLD_STATUSES, kindLabel, PLACEMENT_ROUTES, relationshipLabel, statusLabel, type PlacementRoute } from './codes.ts';
import { birthdayAt } from '../clocks/milestones.ts';
import { ageOn, midSentence } from '../server/format.ts';
import { addDays } from '../calendar/index.ts';
import { DBS_RULE, subjectOf } from './clocks.ts';
import { householdName } from './placing.ts';
import * as repo from './repository.ts';
import { householdOf } from './service.ts';
import type { HouseholdKind } from './tables.ts';

export const householdsHref = (filter: { status?: string | undefined; kind?: string | undefined; show?: string | undefined }, page = 1) => {
  const params = new URLSearchParams();
  if (filter.status) params.set('status', filter.status);
  if (filter.kind) params.set('kind', filter.kind);
  if (filter.show) params.set('show', filter.show);
  if (page > 1) params.set('page', String(page));
  const q = params.toString();
  return `/fostering/households${q ? `?${q}` : ''}`;
};
export const dueHref = (filter: { what?: string | undefined; overdue?: boolean | undefined }, page = 1) => {
  const params = new URLSearchParams();
  if (filter.what) params.set('what', filter.what);
  if (filter.overdue) params.set('overdue', 'yes');
  if (page > 1) params.set('page', String(page));
  const q = params.toString();
  return `/fostering/due${q ? `?${q}` : ''}`;
};
export const childrenHref = (filter: { route: string } | { kind: string }, page = 1) =>
  `/fostering/children?${new URLSearchParams({ ...filter, ...(page > 1 ? { page: String(page) } : {}) }).toString()}`;

/** The sufficiency page: households by status and kind, places and vacancies, and where children in care live. */
export async function sufficiencyOf(db: Db, user: SignedInUser, today: string) {
  const [figures, routes, oversight] = await Promise.all([repo.householdFigures(db, today), repo.childrenByRoute(db, user), repo.oversightFigures(db, today)]);
  const sum = (pick: (f: repo.HouseholdFigures) => number, where: (f: repo.HouseholdFigures) => boolean = () => true) => figures.filter(where).reduce((n, f) => n + pick(f), 0);
  const byStatus = HOUSEHOLD_STATUSES.map((s) => ({
    ...s,
    cells: HOUSEHOLD_KINDS.map((k) => ({ kind: k.code, households: sum((f) => f.households, (f) => f.status === s.code && f.kind === k.code), href: householdsHref({ status: s.code, kind: k.code }) })),
    total: sum((f) => f.households, (f) => f.status === s.code),
    href: householdsHref({ status: s.code }),
  }));
  const byKind = HOUSEHOLD_KINDS.map((k) => ({
    ...k,
    approved: sum((f) => f.households, (f) => f.kind === k.code && f.status === 'approved'),
    places: sum((f) => f.places, (f) => f.kind === k.code),
    placed: sum((f) => f.placed, (f) => f.kind === k.code),
    vacancies: sum((f) => f.vacancies, (f) => f.kind === k.code),
    hrefs: {
      approved: householdsHref({ status: 'approved', kind: k.code }),
      placed: childrenHref({ kind: k.code }),
      vacancies: householdsHref({ kind: k.code, show: 'vacancies' }),
    },
  }));
  const childrenIn = (key: PlacementRoute) => routes.find((r) => r.route === key)?.children ?? 0;
  const inCare = routes.reduce((n, r) => n + r.children, 0);
  const fostered = childrenIn('in-house') + childrenIn('ifa') + childrenIn('other-fostering');
  const share = (n: number, of: number) => (of ? Math.round((n / of) * 100) : 0);
  return {
    byStatus,
    byKind,
    totals: {
      households: sum((f) => f.households),
      approved: sum((f) => f.households, (f) => f.status === 'approved'),
      places: sum((f) => f.places),
      placed: sum((f) => f.placed),
      vacancies: sum((f) => f.vacancies),
      hrefs: { households: householdsHref({}), approved: householdsHref({ status: 'approved' }), vacancies: householdsHref({ show: 'vacancies' }), placed: householdsHref({ show: 'placed' }) },
    },
    late: {
      reviewsOverdue: sum((f) => f.reviews_overdue),
      temporaryInForce: sum((f) => f.temporary_in_force),
      temporaryExpired: sum((f) => f.temporary_expired),
      hrefs: { reviews: householdsHref({ show: 'review-overdue' }), temporary: householdsHref({ show: 'temporary' }) },
    },
    oversight: {
      due: repo.DUE_RULES.map((r) => {
        const f = oversight.find((o) => o.what === r.what);
        return { ...r, overdue: f?.overdue ?? 0, soon: f?.soon ?? 0, hrefs: { overdue: dueHref({ what: r.what, overdue: true }), soon: dueHref({ what: r.what }) } };
      }),
      withoutSupervisingWorker: oversight.find((o) => o.what === 'no-supervising-worker')?.overdue ?? 0,
      hrefs: { withoutSupervisingWorker: householdsHref({ show: 'no-supervising-worker' }), due: dueHref({}) },
    },
    routes: PLACEMENT_ROUTES.map((r) => ({ ...r, children: childrenIn(r.key), href: childrenHref({ route: r.key }) })),
    inCare,
    fostering: { fostered, inHouse: share(childrenIn('in-house'), fostered), ifa: share(childrenIn('ifa'), fostered) },
  };
}

export type Sufficiency = Awaited<ReturnType<typeof sufficiencyOf>>;

const pageCount = (total: number) => Math.max(1, Math.ceil(total / repo.PAGE_SIZE));

/** A list of households, a page at a time, each with its vacancies and what is late. */
export async function householdsListed(db: Db, filter: repo.HouseholdListFilter, today: string, page: number) {
  const rows = await repo.householdList(db, filter, today, page);
  const total = rows[0]?.total ?? 0;
  return {
    total,
    pages: pageCount(total),
    rows: rows.map((h) => ({
      ...h,
      name: householdName(h),
      kindLabel: kindLabel(h.kind),
      statusLabel: statusLabel(h.status),
      vacancies: h.status === 'approved' && h.places !== null ? Math.max(0, h.places - h.placed) : null,
      reviewOverdue: (h.status === 'approved' || h.status === 'on_hold') && h.review_due_on !== null && h.review_due_on < today,
      temporaryExpired: h.status === 'in_assessment' && h.temporary_until !== null && h.temporary_until < today,
    })),
  };
}

/** What a household list is called, from its filter. */
export function householdListHeading(filter: repo.HouseholdListFilter): string {
  const parts: string[] = [];
  if (filter.show === 'vacancies') parts.push('Approved households with a vacancy');
  else if (filter.show === 'placed') parts.push('Households with children placed now');
  else if (filter.show === 'review-overdue') parts.push('Households whose annual review is overdue');
  else if (filter.show === 'temporary') parts.push('Connected persons temporarily approved, not yet decided');
  else if (filter.show === 'no-supervising-worker') parts.push('Approved households without a supervising social worker');
  else parts.push(filter.status ? `${statusLabel(filter.status)} households` : 'Fostering households');
  if (filter.kind) parts.push(`: ${midSentence(kindLabel(filter.kind))}`);
  if (filter.show && filter.status) parts.push(` (${midSentence(statusLabel(filter.status))})`);
  return parts.join('');
}

/** The fostering team's due list: DBS renewals, visits and reviews due soon or overdue, soonest first. */
export async function dueListed(db: Db, filter: { what?: repo.DueWhat | undefined; overdue?: boolean | undefined }, today: string, page: number) {
  const rows = await repo.dueList(db, filter, today, page);
  const total = rows[0]?.total ?? 0;
  const rule = repo.DUE_RULES.find((r) => r.what === filter.what);
  return {
    total,
    pages: pageCount(total),
    heading: `${rule ? `${rule.label}s` : 'Foster carers’ checks, visits and reviews'} ${filter.overdue ? 'overdue' : 'due soon or overdue'}`,
    hint: filter.overdue ? null : rule ? `Due in the next ${rule.aheadDays} days, or overdue` : `Due in the next ${repo.DUE_RULES.map((r) => `${r.aheadDays} days (${midSentence(r.label)}s)`).join(', ')}, or overdue`,
    rows: rows.map((r) => ({
      ...r,
      name: householdName(r),
      what: repo.DUE_RULES.find((d) => d.ruleId === r.rule_id)?.label ?? r.rule_id,
      whose: r.subject ? subjectLabel(r, r.subject, r.member_name) : null,
      overdue: r.due_on < today,
    })),
  };
}

export async function childrenListed(db: Db, user: SignedInUser, filter: { route: PlacementRoute } | { kind: HouseholdKind }, page: number) {
  const rows = await repo.childrenInCare(db, user, filter, page);
  const total = rows[0]?.total ?? 0;
  return {
    total,
    pages: pageCount(total),
    heading: 'route' in filter ? `Children in care ${midSentence(PLACEMENT_ROUTES.find((r) => r.key === filter.route)!.label)}` : `Children placed with ${midSentence(kindLabel(filter.kind))} households`,
    rows: rows.map((r) => ({
      ...r,
      name: `${r.first_name} ${r.last_name}`,
      typeLabel: labelFor(PLACEMENT_TYPE, r.placement_type) ?? r.placement_type,
      providerLabel: r.provider ? (labelFor(PLACEMENT_PROVIDER, r.provider) ?? r.provider) : null,
    })),
  };
}

/** A household's page: who they are, their approval, its timescales, and the children placed now and before. */
export async function householdPage(db: Db, user: SignedInUser, id: string, today: string) {
  const h = await householdOf(db, id);
  const { statuses, reviews, placements, checks, workers, visits, clocks, riskAssessments, members } = await repo.householdHistory(db, user, id);
  const reviewClocks = clocks.filter((c) => c.rule_id === 'foster-carer-review');
  const now = placements.filter((p) => p.ended_on === null);
  const shape = (p: (typeof placements)[number]) => ({
    ...p,
    name: p.visible ? `${p.first_name} ${p.last_name}` : null,
    typeLabel: labelFor(PLACEMENT_TYPE, p.placement_type) ?? p.placement_type,
  });
  const temporaryUntil = h.temporary_extended_until ?? h.temporary_expires_on;
  return {
    household: {
      ...h,
      name: householdName(h),
      kindLabel: kindLabel(h.kind),
      statusLabel: statusLabel(h.status),
    },
    statuses: statuses.map((s) => ({ ...s, label: statusLabel(s.status) })).reverse(),
    reviews: reviews
      .map((r) => {
        const met = reviewClocks.find((c) => c.met_on === r.reviewed_on);
        return { ...r, dueOn: met?.due_on ?? null, late: met ? r.reviewed_on > met.due_on : false };
      })
      .reverse(),
    review: { dueOn: h.review_due_on, overdue: h.review_due_on !== null && h.review_due_on < today },
    temporary: h.temporary_approved_on
      ? {
          approvedOn: h.temporary_approved_on,
          expiresOn: h.temporary_expires_on,
          until: temporaryUntil,
          decided: h.decided_on !== null || h.status !== 'in_assessment',
          expired: h.status === 'in_assessment' && temporaryUntil !== null && temporaryUntil < today,
        }
      : null,
    placedNow: now.map(shape),
    placedBefore: placements.filter((p) => p.ended_on !== null).map(shape),
    vacancies: h.status === 'approved' && h.places !== null ? Math.max(0, h.places - now.length) : null,
    members: membersShown(h, members, clocks, checks, today),
    ...oversightOf(h, { checks, workers, visits, clocks, riskAssessments, members }, today),
  };
}

/**
 * The household's members (decision 0062): the carers, from the record of the household, then everyone
 * else living there now, then those who moved out, each with their age today and whether a DBS check is
 * owed of them now (Schedule 3 para 2: each member aged 18 or over).
 */
function membersShown(h: { first_carer: string; second_carer: string | null }, members: History['members'], clocks: History['clocks'], checks: History['checks'], today: string) {
  // The member's check or renewal owed (one open clock at most: the next check meets the last).
  const owed = (subject: string) => clocks.find((c) => c.rule_id === DBS_RULE && c.subject === subject && c.met_on === null && c.stopped_on === null && dbsOwedBy(c, today));
  return {
    carers: [h.first_carer, ...(h.second_carer ? [h.second_carer] : [])],
    list: members.map((m) => ({
      ...m,
      relationshipLabel: relationshipLabel(m.relationship),
      age: m.date_of_birth ? ageOn(m.date_of_birth, today) : null,
      adultOn: m.date_of_birth ? birthdayAt(m.date_of_birth, 18) : null,
      livingThere: m.to_on === null,
      check: ((c) => (c ? { dueOn: c.due_on, overdue: c.due_on < today, first: !checks.some((k) => k.member_id === m.id && k.barred_list) } : null))(owed(`member:${m.id}`)),
    })),
  };
}

/**
 * A DBS clock shown as owed: begun by today, or due within the due list's horizon (a son or daughter
 * turning 18 in the next 90 days); a younger child's first check, years ahead, is not yet.
 */
const DBS_AHEAD_DAYS = repo.DUE_RULES.find((r) => r.ruleId === DBS_RULE)!.aheadDays;
const dbsOwedBy = (c: { started_on: string; due_on: string }, today: string) => c.started_on <= today || c.due_on <= addDays(today, DBS_AHEAD_DAYS);

/** Whose DBS check a clock or check is, as the page says it: a carer, or a member of the household by name. */
export const subjectLabel = (h: { first_carer: string; second_carer: string | null }, subject: string, memberName?: string | null) =>
  subject === 'carer:1' ? h.first_carer : subject === 'carer:2' ? (h.second_carer ?? 'The second carer') : `${memberName ?? 'A member'} (member of the household)`;

type History = Awaited<ReturnType<typeof repo.householdHistory>>;

/** The household's supervising social worker, DBS checks and visits, each with what is due next. */
function oversightOf(h: { first_carer: string; second_carer: string | null }, { checks, workers, visits, clocks, riskAssessments, members }: Pick<History, 'checks' | 'workers' | 'visits' | 'clocks' | 'riskAssessments' | 'members'>, today: string) {
  const whose = (subject: string) => subjectLabel(h, subject, members.find((m) => `member:${m.id}` === subject)?.name);
  // FO-04: the risk assessment in force today for a person whose check is owed (decision 0060).
  const inForce = (subject: string) => riskAssessments.find((r) => r.subject === subject && r.decided_on <= today && r.until_on >= today) ?? null;
  const open = (ruleId: string) => clocks.filter((c) => c.rule_id === ruleId && c.met_on === null && c.stopped_on === null).sort((a, b) => (a.due_on < b.due_on ? -1 : 1));
  const due = (c: { due_on: string } | undefined) => (c ? { dueOn: c.due_on, overdue: c.due_on < today } : null);
  const shownWorkers = workers.map((w) => ({ id: w.id, worker_id: w.worker_id, display_name: w.staff_name, from_on: w.from_on, to_on: w.to_on }));
  return {
    supervising: { now: shownWorkers.find((w) => w.to_on === null) ?? null, history: shownWorkers },
    dbs: {
      // Each person owed a renewal now, soonest first; then every check recorded, newest first.
      due: open(DBS_RULE).filter((c) => dbsOwedBy(c, today)).map((c) => ({ subject: whose(c.subject), ...due(c)!, riskAssessed: inForce(c.subject) })),
      checks: checks.map((c) => ({ ...c, subject: whose(subjectOf(c)) })),
      riskAssessments: riskAssessments.map((r) => ({ ...r, subject: whose(r.subject), inForce: r.decided_on <= today && r.until_on >= today })),
    },
    visits: {
      supervisory: due(open('foster-carer-supervisory-visit')[0]),
      unannounced: due(open('foster-carer-unannounced-visit')[0]),
      list: visits.map((v) => ({ id: v.id, visited_on: v.visited_on, unannounced: v.unannounced, summary: v.summary, visited_by: v.staff_name, version: v.version })),
    },
  };
}

export type HouseholdPage = Awaited<ReturnType<typeof householdPage>>;

/** The approved households with a vacancy whose age range fits the child, nearest to home shown. */
export async function matchesFor(db: Db, child: { id: string; age: number | null }, page: number) {
  const placement = await repo.childPlacementNow(db, child.id);
  const current = placement ? { ...placement, household: placement.first_carer ? householdName({ first_carer: placement.first_carer, second_carer: placement.second_carer }) : null } : null;
  if (child.age === null) return { current, age: null, total: 0, pages: 1, rows: [] };
  const rows = await repo.matchingHouseholds(db, child.age, page);
  const home = current?.home_postcode ?? (await currentHomePostcode(db, child.id));
  const postcodes = [...new Set([home, ...rows.map((r) => r.postcode)].filter((p): p is string => p !== null))];
  const centroids = await centroidsOf(db, [...postcodes, ...postcodes.map(outwardCode)]);
  const find = (postcode: string | null) => (postcode ? (centroids.find((c) => c.postcode === postcode) ?? centroids.find((c) => c.postcode === outwardCode(postcode))) : undefined);
  const from = find(home);
  const total = rows[0]?.total ?? 0;
  return {
    current,
    age: child.age,
    total,
    pages: pageCount(total),
    rows: rows.map((r) => {
      const at = find(r.postcode);
      return { ...r, name: householdName(r), kindLabel: kindLabel(r.kind), vacancies: r.places - r.placed, miles: from && at ? milesBetween(from, at) : null };
    }),
  };
}
