// What the missing pages and API show. For one child: each episode with its duration, the police,
// where they were found, the placement they went from (in or out of the area), the return interview
// in hours against the 72 (not against the clock's date), what the child said, the last 12 months in
// figures and what recurs (seed MI-01..MI-04, MI-06). For managers: every child who went missing in
// the last 90 days that they may see, the interviews not done or late, and the places and people
// named by more than one child (MI-03, MI-06, MI-10). A handful of indexed queries a page.
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import type { Guard } from '../server/guard.ts';
import { addDays, addMonths } from '../calendar/index.ts';
import { labelFor } from '../codes/code-list.ts';
import { MISSING_EPISODE_TYPE } from '../codes/ssda903.ts';
import { EXPLOITATION_RISKS, INTERVIEW_OUTCOMES, LIST_WINDOW_DAYS, PUSH_PULL_FACTORS, REPEAT_MISSING, REPEAT_MISSING_SOURCE, RETURN_INTERVIEW_HOURS, RETURN_INTERVIEW_SOURCE } from './codes.ts';
import { formatLondon, hoursText, londonDate, londonInstant, minutesBetween } from './london-time.ts';
import { groupNamed, namedEntries, type Named } from './patterns.ts';
import * as repo from './repository.ts';
import type { Now } from './service.ts';
import type { InterviewOutcome } from './tables.ts';

const LIMIT_MINUTES = RETURN_INTERVIEW_HOURS * 60;
const label = (list: readonly { code: string; label: string }[], code: string | null) => (code ? (list.find((e) => e.code === code)?.label ?? code) : null);

export type InterviewStatusKey = 'missing' | 'in-time' | 'late' | 'declined' | 'not-yet' | 'overdue';

export interface InterviewStatus {
  key: InterviewStatusKey;
  /** What the page says, with the hours ("In time: 70.5 hours after the return"). */
  text: string;
  /** The same after a tag that says the first part ("70.5 hours after the return"). */
  detail: string;
  /** Minutes from the return to the interview (done), the offer (declined), or now (none yet). */
  minutes: number | null;
}

/**
 * Where the return interview stands, in hours from the return (timescales.md MI1: 72 hours). Done
 * within 72 hours is in time (exactly 72 too); declined is never late (the offer was made); with
 * neither, it is "not yet" until 72 hours have passed and then overdue.
 */
export function interviewStatus(returnedAt: Date | null, interviews: readonly { outcome: InterviewOutcome; offered_at: Date; done_at: Date | null }[], now: Date): InterviewStatus {
  if (!returnedAt) return { key: 'missing', text: 'Still missing', detail: 'still missing', minutes: null };
  const done = interviews.find((i) => i.outcome === 'done');
  if (done?.done_at) {
    const minutes = minutesBetween(returnedAt, done.done_at);
    const after = `${hoursText(minutes)} after the return`;
    return minutes <= LIMIT_MINUTES
      ? { key: 'in-time', text: `In time: ${after}`, detail: after, minutes }
      : { key: 'late', text: `Late by ${hoursText(minutes - LIMIT_MINUTES)}: ${after}`, detail: `${after}, ${hoursText(minutes - LIMIT_MINUTES)} past the 72`, minutes };
  }
  const declined = interviews.find((i) => i.outcome === 'declined');
  if (declined) {
    const minutes = minutesBetween(returnedAt, declined.offered_at);
    const detail = `offered ${hoursText(minutes)} after the return`;
    return { key: 'declined', text: `Declined: ${detail}`, detail, minutes };
  }
  const minutes = Math.max(0, minutesBetween(returnedAt, now));
  const dueBy = new Date(returnedAt.getTime() + LIMIT_MINUTES * 60_000);
  if (minutes <= LIMIT_MINUTES) {
    const detail = `${hoursText(minutes)} since the return; due by ${formatLondon(dueBy)}`;
    return { key: 'not-yet', text: `Not yet: ${detail}`, detail, minutes };
  }
  const detail = `${hoursText(minutes)} since the return, ${hoursText(minutes - LIMIT_MINUTES)} past the 72 hours`;
  return { key: 'overdue', text: `Not done: ${detail}`, detail, minutes };
}

export const STATUS_TAGS: Record<InterviewStatusKey, { text: string; classes: string }> = {
  missing: { text: 'Missing now', classes: 'govuk-tag--red' },
  'in-time': { text: 'In time', classes: 'govuk-tag--green' },
  late: { text: 'Late', classes: 'govuk-tag--orange' },
  declined: { text: 'Declined', classes: 'govuk-tag--grey' },
  'not-yet': { text: 'Not yet', classes: 'govuk-tag--blue' },
  overdue: { text: 'Not done', classes: 'govuk-tag--red' },
};

type EpisodeRow = Awaited<ReturnType<typeof repo.episodesOfChild>>[number];
type InterviewRow = Awaited<ReturnType<typeof repo.interviewsOfChild>>[number];

const factorsOf = (i: { push_pull_factors: unknown }): string[] => (Array.isArray(i.push_pull_factors) ? (i.push_pull_factors as string[]) : []);

const CARD_TITLES: Record<InterviewOutcome, string> = { done: 'Return interview', declined: 'Return interview declined', not_reached: 'Return interview offered: the child could not be reached' };

function interviewView(i: InterviewRow, returnedAt: Date | null) {
  return {
    id: i.id,
    version: i.version,
    outcome: i.outcome,
    outcomeLabel: label(INTERVIEW_OUTCOMES, i.outcome),
    title: CARD_TITLES[i.outcome],
    /** Offered at another time than it was held (or not held). */
    offeredApart: !i.done_at || i.done_at.getTime() !== i.offered_at.getTime(),
    offered: formatLondon(i.offered_at),
    done: i.done_at ? formatLondon(i.done_at) : null,
    hoursAfterReturn: returnedAt ? hoursText(minutesBetween(returnedAt, i.done_at ?? i.offered_at)) : null,
    interviewer: i.interviewer,
    independent: i.interviewer_independent,
    othersPresent: i.others_present,
    triggers: i.triggers,
    places: namedEntries(i.where_they_were),
    people: namedEntries(i.who_with),
    factors: factorsOf(i).map((code) => label(PUSH_PULL_FACTORS, code)!),
    exploitationRisk: i.exploitation_risk,
    exploitationLabel: label(EXPLOITATION_RISKS, i.exploitation_risk),
  };
}

function episodeView(e: EpisodeRow, interviews: InterviewRow[], now: Date) {
  const end = e.returned_at ?? now;
  const minutes = minutesBetween(e.went_missing_at, end);
  const status = interviewStatus(e.returned_at, interviews, now);
  return {
    id: e.id,
    version: e.version,
    kind: e.kind,
    kindLabel: labelFor(MISSING_EPISODE_TYPE, e.kind) ?? e.kind,
    wentMissing: formatLondon(e.went_missing_at),
    wentMissingOn: londonDate(e.went_missing_at),
    returned: e.returned_at ? formatLondon(e.returned_at) : null,
    open: e.returned_at === null,
    minutes,
    duration: e.returned_at ? hoursText(minutes) : `${hoursText(minutes)} so far`,
    police: e.reported_to_police_at ? formatLondon(e.reported_to_police_at) : null,
    policeAfter: e.reported_to_police_at ? hoursText(minutesBetween(e.went_missing_at, e.reported_to_police_at)) : null,
    whereFound: e.where_found,
    placement: e.placement_id ? { name: e.carer_name, inArea: e.in_council_area, hostCouncil: e.host_council } : null,
    status,
    statusTag: STATUS_TAGS[status.key],
    /** Another try, or the interview, may still be recorded. */
    mayRecordInterview: e.returned_at !== null && !interviews.some((i) => i.outcome !== 'not_reached'),
    interviews: interviews.map((i) => interviewView(i, e.returned_at)),
  };
}

export type EpisodeView = ReturnType<typeof episodeView>;

/** The London date `days` before today, as the instant its midnight falls on (the window's start). */
function windowStart(today: string, daysBack: number): Date {
  return londonInstant(addDays(today, -daysBack), '00:00') ?? new Date(`${addDays(today, -daysBack)}T00:00:00Z`);
}

/** A child's missing episodes and return interviews: two queries. */
export async function missingOf(db: Db, childId: string, now: Now) {
  const [episodes, interviews] = await Promise.all([repo.episodesOfChild(db, childId), repo.interviewsOfChild(db, childId)]);
  const byEpisode = new Map<string, InterviewRow[]>();
  for (const i of interviews) byEpisode.set(i.episode_id, [...(byEpisode.get(i.episode_id) ?? []), i]);
  const views = episodes.map((e) => episodeView(e, byEpisode.get(e.id) ?? [], now.at));

  // The last 12 months, in figures (seed MI-06).
  const yearAgo = addMonths(now.today, -12);
  const lastYear = views.filter((v) => v.wentMissingOn >= yearAgo);
  const repeatFrom = addDays(now.today, -REPEAT_MISSING.days);
  const inRepeatWindow = views.filter((v) => v.wentMissingOn > repeatFrom).length;
  const count = (key: InterviewStatusKey) => lastYear.filter((v) => v.status.key === key).length;
  const summary = {
    episodes: lastYear.length,
    missing: lastYear.filter((v) => v.kind === 'M').length,
    away: lastYear.filter((v) => v.kind === 'A').length,
    hours: hoursText(lastYear.reduce((sum, v) => sum + v.minutes, 0)),
    policeTold: lastYear.filter((v) => v.police).length,
    fromOutsideTheArea: lastYear.filter((v) => v.placement?.inArea === false).length,
    interviews: { inTime: count('in-time'), late: count('late'), declined: count('declined'), notYet: count('not-yet'), overdue: count('overdue') },
    repeat: { flagged: inRepeatWindow >= REPEAT_MISSING.episodes, episodes: inRepeatWindow, days: REPEAT_MISSING.days, source: REPEAT_MISSING_SOURCE },
  };

  // What recurs across this child's episodes (seed MI-04): reasons coded at interview, places, people.
  const factorEpisodes = new Map<string, Set<string>>();
  for (const i of interviews) for (const code of factorsOf(i)) factorEpisodes.set(code, (factorEpisodes.get(code) ?? new Set()).add(i.episode_id));
  const factors = PUSH_PULL_FACTORS.filter((f) => factorEpisodes.has(f.code))
    .map((f) => ({ label: f.label, episodes: factorEpisodes.get(f.code)!.size }))
    .sort((a, b) => b.episodes - a.episodes);
  const recurring = (named: Named[]) => named.filter((n) => n.episodeIds.length >= 2).map((n) => ({ label: n.label, episodes: n.episodeIds.length }));
  const items = (pick: (i: InterviewRow) => string | null) => interviews.map((i) => ({ childId: childId, episodeId: i.episode_id, text: pick(i) }));
  const patterns = {
    factors,
    places: recurring(groupNamed(items((i) => i.where_they_were))),
    people: recurring(groupNamed(items((i) => i.who_with))),
    exploitationIndicated: new Set(interviews.filter((i) => i.exploitation_risk && i.exploitation_risk !== 'none').map((i) => i.episode_id)).size,
  };

  const open = views.find((v) => v.open) ?? null;
  return { episodes: views, missingNow: open, summary, patterns, interviewSource: RETURN_INTERVIEW_SOURCE };
}

export type MissingOfChild = Awaited<ReturnType<typeof missingOf>>;

// --- The managers' list --------------------------------------------------------------------

/** Team managers, analysts and leaders (view-performance), each seeing only the children they may see. */
export const MISSING_LIST_GUARD: Guard = {
  signedIn: true,
  capability: 'view-performance',
  reason: 'Children who went missing, for managers and analysts: lists only the children the user may see (childVisibleTo)',
};

export const LIST_FILTERS = {
  'missing-now': 'Missing now',
  repeat: `Repeat missing (${REPEAT_MISSING.episodes} or more in ${REPEAT_MISSING.days} days)`,
  'in-care': 'In care when they went missing',
  'at-home': 'Not in care when they went missing',
  'outside-area': 'Went missing from a placement outside the area',
  overdue: 'Return interview not done after 72 hours',
  late: 'Return interview late',
  declined: 'Return interview declined',
  exploitation: 'Exploitation indicated at interview',
} as const satisfies Record<repo.ListCondition, string>;
export type ListFilter = keyof typeof LIST_FILTERS;
export const isListFilter = (v: unknown): v is ListFilter => typeof v === 'string' && Object.hasOwn(LIST_FILTERS, v);

export interface MissingListRow {
  childId: string;
  name: string;
  laChildId: string | null;
  episodes: number;
  hours: string;
  lastWentMissing: string;
  missingSince: string | null;
  repeat: boolean;
  inCare: boolean;
  outsideArea: string[];
  interviews: Record<'in-time' | 'late' | 'declined' | 'not-yet' | 'overdue', number>;
  exploitation: boolean;
}

export interface ListChoice {
  show?: ListFilter | null;
  /** A place's or person's key (patterns.ts normaliseName): the children who named it. */
  place?: string | null;
  person?: string | null;
  /** From 1. */
  page?: number;
}

/** Children a page of the managers' list. */
export const LIST_PAGE_SIZE = 50;

const listRow = (r: repo.ListRow): MissingListRow => ({
  childId: r.child_id,
  name: `${r.first_name} ${r.last_name}`,
  laChildId: r.la_child_id,
  episodes: r.episodes,
  hours: hoursText(r.minutes),
  lastWentMissing: formatLondon(r.last_went),
  missingSince: r.missing_since ? formatLondon(r.missing_since) : null,
  repeat: r.repeat,
  inCare: r.in_care,
  outsideArea: [...r.outside_area].sort(),
  interviews: { 'in-time': r.in_time, late: r.late, declined: r.declined, 'not-yet': r.not_yet, overdue: r.overdue },
  exploitation: r.exploitation,
});

/**
 * Every child the user may see who went missing in the last 90 days (or is missing now): the figures
 * in total and behind each filter, the places and people more than one child named, and one page of
 * the children (those behind a figure, a place or a person when one is chosen). Paged in SQL: three
 * statements, whatever the number of children.
 */
export async function missingList(db: Db, user: SignedInUser, now: Now, choice: ListChoice = {}) {
  // The last 90 days: today and the 89 before it, as the child's page counts them.
  const since = windowStart(now.today, LIST_WINDOW_DAYS - 1);
  const window: repo.ListWindow = { since, now: now.at, repeatEpisodes: REPEAT_MISSING.episodes, limitMinutes: LIMIT_MINUTES };
  // Figures and the page in one statement; the names first only when a place or a person is chosen.
  const show = choice.show ?? null;
  const wantsNamed = !show && Boolean(choice.place || choice.person);
  const requested = Math.max(1, Math.trunc(choice.page ?? 1) || 1);
  const pageOf = (childIds: readonly string[] | null, page: number) => repo.listFiguresAndPage(db, user, window, { condition: show, childIds }, LIST_PAGE_SIZE, (page - 1) * LIST_PAGE_SIZE);
  const names = wantsNamed ? await repo.recentNamesVisible(db, user, since) : null;
  const items = (all: NonNullable<typeof names>, pick: (i: NonNullable<typeof names>[number]) => string | null) => all.map((i) => ({ childId: i.child_id, episodeId: i.episode_id, text: pick(i) }));
  const sharedOf = (all: NonNullable<typeof names>) => ({
    places: groupNamed(items(all, (i) => i.where_they_were)).filter((n) => n.childIds.length >= 2),
    people: groupNamed(items(all, (i) => i.who_with)).filter((n) => n.childIds.length >= 2),
  });
  const early = names ? sharedOf(names) : null;
  const named = early ? (choice.place ? early.places.find((n) => n.key === choice.place) : early.people.find((n) => n.key === choice.person)) : undefined;
  const childIds = named ? named.childIds : null;
  const [first, lateNames] = await Promise.all([pageOf(childIds, requested), names ? Promise.resolve(names) : repo.recentNamesVisible(db, user, since)]);
  let answer = first;
  const shared = early ?? sharedOf(lateNames);
  const { figures } = answer;
  const heading = show ? LIST_FILTERS[show] : named ? `${choice.place ? 'Named the place' : 'Named the person'} “${named.label}”` : null;
  const total = show ? figures.byCondition[show] : named ? named.childIds.length : figures.children;
  const pageCount = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
  const page = Math.min(pageCount, requested);
  // A page past the last: the last one (a second statement, only then).
  if (page !== requested) answer = await pageOf(childIds, page);
  const rows = answer.rows;

  return {
    since: londonDate(since),
    windowDays: LIST_WINDOW_DAYS,
    repeatSource: REPEAT_MISSING_SOURCE,
    interviewSource: RETURN_INTERVIEW_SOURCE,
    counts: { children: figures.children, episodes: figures.episodes, byFilter: figures.byCondition as Record<ListFilter, number>, interviews: figures.interviews },
    shared,
    /** What the rows are: a filter's, a place's or a person's children, or null for every child. */
    heading,
    choice: (show ? { show } : named ? (choice.place ? { place: named.key } : { person: named.key }) : {}) as Record<string, string>,
    total,
    page,
    pageCount,
    pageSize: LIST_PAGE_SIZE,
    rows: rows.map(listRow),
  };
}

export type MissingList = Awaited<ReturnType<typeof missingList>>;

/** Places or people shown on a list page: the most named first, the rest behind "show all" (a large council names hundreds). */
export const NAMES_SHOWN = 20;
export function namesShown<T>(names: readonly T[], all: boolean): { shown: readonly T[]; more: number } {
  return all ? { shown: names, more: 0 } : { shown: names.slice(0, NAMES_SHOWN), more: Math.max(0, names.length - NAMES_SHOWN) };
}
