// Children who go missing, in care or at home: the child goes missing (or is away from their
// placement without permission), comes back, and is offered a return interview. Each is one fact
// recorded once, with its journal event in the same transaction; the chronology and the 72-hour
// return interview clock follow from them. Who may record is checked once, by the route guard.
//
// Times are typed as a date and a 24-hour time on the clock in England and kept as instants
// (london-time.ts); a journal event's day is the day in England the time falls on.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { softDelete, updateRecord } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { EVENT_TYPES } from '../chronology/event-types.ts';
import { refreshClocks } from '../clocks/refresh.ts';
import { correctRecord, deleteRecord } from '../server/corrections.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import type { TimeSource } from '../server/time.ts';
import { assertNotBeforeBirth, childDates, type ChildDates } from '../people/dates.ts';
import { formatLondon, hoursText, londonDate, londonInstant, londonParts, minutesBetween } from './london-time.ts';
import * as repo from './repository.ts';
import type { EpisodeCorrection, MissingEpisodeInput, ReturnInput, ReturnInterviewCorrection, ReturnInterviewInput } from './schemas.ts';
import { placementOnDate } from '../looked-after/repository.ts';

/** "Now" from Lantern's clock: today's date in England, and the instant (for times typed today). */
export interface Now {
  today: string;
  at: Date;
}
export const nowOf = (time: TimeSource): Now => ({ today: time.today(), at: time.now() });

/** A date and time typed together: the instant, checked against the child's life and the clock. */
function instantOf(child: ChildDates, now: Now, name: string, date: string, time: string, what: string): Date {
  const dateField = `${name}On`;
  const timeField = `${name}Time`;
  if (date > now.today) throw new RuleBroken(`${what} cannot be in the future: record it once it has happened`, dateField);
  assertNotBeforeBirth(child, date, dateField, what);
  const instant = londonInstant(date, time);
  if (!instant) {
    throw new RuleBroken(`${what}: ${time} on ${formatDate(date)} did not happen in England, because the clocks went forward an hour at 1am. Check the time`, timeField);
  }
  if (instant > now.at) throw new RuleBroken(`${what} (${time} today) is later than the time now: check the time`, timeField);
  return instant;
}

const optionalInstant = (child: ChildDates, now: Now, name: string, date: string | null, time: string | null, what: string) =>
  date && time ? instantOf(child, now, name, date, time, what) : null;

async function episodeOfChild(db: Db, childId: string, episodeId: string, options: { lock?: boolean } = {}) {
  const episode = await repo.findEpisode(db, episodeId, options);
  if (!episode || episode.child_id !== childId) throw new NotFound('No missing episode with that id for this child');
  return episode;
}

export async function interviewOfChild(db: Db, childId: string, interviewId: string) {
  const interview = await repo.findInterview(db, interviewId);
  if (!interview || interview.child_id !== childId) throw new NotFound('No return interview with that id for this child');
  return interview;
}

export { episodeOfChild };

interface EpisodeFacts {
  went: Date;
  returned: Date | null;
  police: Date | null;
  kind: 'M' | 'A';
}

/**
 * The rules an episode keeps, recorded or corrected: the return after going, the police told after
 * going, no two episodes of the child at once (SSDA903 rule 574), and "away from placement" only for
 * a child in a placement. Returns the placement the child went missing from.
 */
async function checkEpisode(tx: Db, childId: string, facts: EpisodeFacts, exceptId: string | null) {
  if (facts.returned && facts.returned <= facts.went) {
    throw new RuleBroken(`The child cannot have returned before they went missing (${formatLondon(facts.went)}): check the dates and times`, 'returnedOn');
  }
  if (facts.police && facts.police < facts.went) {
    throw new RuleBroken(`The police cannot have been told before the child went missing (${formatLondon(facts.went)}): check the date and time`, 'policeOn');
  }
  const overlap = await repo.overlappingEpisode(tx, childId, facts.went, facts.returned, exceptId);
  if (overlap) {
    throw new RuleBroken(
      overlap.returned_at
        ? `The child was already missing from ${formatLondon(overlap.went_missing_at)} to ${formatLondon(overlap.returned_at)}: one episode cannot overlap another`
        : `The child is recorded as missing since ${formatLondon(overlap.went_missing_at)}: record that they returned before recording another episode`,
      'wentMissingOn',
    );
  }
  const placement = await placementOnDate(tx, childId, londonDate(facts.went));
  if (facts.kind === 'A' && !placement) {
    throw new RuleBroken(`“Away from placement without authorisation” is for a child in care, and the child was not in a placement on ${formatDate(londonDate(facts.went))}: choose “Missing”`, 'kind');
  }
  return placement ?? null;
}

const KIND_TITLES = { M: 'Went missing', A: 'Away from placement without authorisation' } as const;

function startedEvent(facts: EpisodeFacts, placement: { carer_name: string } | null) {
  return {
    occurredOn: londonDate(facts.went),
    title: `${KIND_TITLES[facts.kind]}${placement ? ` from ${placement.carer_name}` : ''} at ${londonParts(facts.went).time}`,
    detail: facts.police ? `Police told ${formatLondon(facts.police)}.` : null,
  };
}

function returnedEvent(went: Date, returned: Date, whereFound: string | null) {
  return { occurredOn: londonDate(returned), title: `Returned after ${hoursText(minutesBetween(went, returned))}${whereFound ? `; found: ${whereFound}` : ''}` };
}

/** The child went missing (or was away from their placement without permission). */
export async function recordMissingEpisode(db: Kysely<Database>, user: SignedInUser, childId: string, input: MissingEpisodeInput, now: Now): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const child = await childDates(tx, childId);
    await repo.lockChild(tx, childId);
    const facts: EpisodeFacts = {
      went: instantOf(child, now, 'wentMissing', input.wentMissingOn, input.wentMissingTime, 'The time the child went missing'),
      returned: null,
      police: optionalInstant(child, now, 'police', input.policeOn, input.policeTime, 'The time the police were told'),
      kind: input.kind,
    };
    const placement = await checkEpisode(tx, childId, facts, null);
    const id = randomUUID();
    await tx
      .insertInto('missing_episode')
      .values({ id, child_id: childId, went_missing_at: facts.went, kind: facts.kind, reported_to_police_at: facts.police, placement_id: placement?.id ?? null, recorded_by: user.id })
      .execute();
    await recordEvent(tx, { childId, type: 'missing.started', sourceTable: 'missing_episode', sourceId: id, scopeId: id, ...startedEvent(facts, placement) }, user.id);
    return id;
  });
}

/** The child came back: starts the 72-hour return interview clock. */
export async function recordReturn(db: Kysely<Database>, user: SignedInUser, childId: string, episodeId: string, input: ReturnInput, now: Now): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const child = await childDates(tx, childId);
    await repo.lockChild(tx, childId);
    const episode = await episodeOfChild(tx, childId, episodeId, { lock: true });
    if (episode.returned_at) throw new RuleBroken(`The child’s return is already recorded (${formatLondon(episode.returned_at)}): correct the episode to change it`, 'returnedOn');
    const returned = instantOf(child, now, 'returned', input.returnedOn, input.returnedTime, 'The time the child returned');
    await checkEpisode(tx, childId, { went: episode.went_missing_at, returned, police: episode.reported_to_police_at, kind: episode.kind }, episodeId);
    await updateRecord(tx, 'missing_episode', episodeId, { returned_at: returned, where_found: input.whereFound }, user.id);
    await recordEvent(
      tx,
      { childId, type: 'missing.returned', sourceTable: 'missing_episode', sourceId: episodeId, scopeId: episodeId, ...returnedEvent(episode.went_missing_at, returned, input.whereFound) },
      user.id,
    );
  });
}

/** Keeps one of an episode's two journal events (going, returning) in step with a correction. */
async function correctEpisodeEvent(tx: Db, episodeId: string, type: 'missing.started' | 'missing.returned', changes: { occurredOn: string; title: string; detail?: string | null }) {
  await tx
    .updateTable('child_event')
    .set({ occurred_on: changes.occurredOn, title: changes.title, ...(changes.detail !== undefined ? { detail: changes.detail } : {}) })
    .where('source_id', '=', episodeId)
    .where('type', '=', type)
    .execute();
}

/**
 * Corrects what was recorded about an episode, with the reason (the old version is kept). A return
 * is corrected here but not added or taken away: "Record the return" adds it; an episode recorded
 * in error is deleted. Its return interviews must still come after the return.
 */
export async function correctEpisode(db: Kysely<Database>, user: SignedInUser, childId: string, episodeId: string, input: EpisodeCorrection, now: Now): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const child = await childDates(tx, childId);
    await repo.lockChild(tx, childId);
    const episode = await episodeOfChild(tx, childId, episodeId, { lock: true });
    if (episode.returned_at && !input.returnedOn) {
      throw new RuleBroken('Enter when the child returned: a correction cannot take a return away. If the episode was recorded in error, delete it', 'returnedOn');
    }
    if (!episode.returned_at && input.returnedOn) {
      throw new RuleBroken('The child’s return is not recorded yet: use “Record the return” for it', 'returnedOn');
    }
    const facts: EpisodeFacts = {
      went: instantOf(child, now, 'wentMissing', input.wentMissingOn, input.wentMissingTime, 'The time the child went missing'),
      returned: optionalInstant(child, now, 'returned', input.returnedOn, input.returnedTime, 'The time the child returned'),
      police: optionalInstant(child, now, 'police', input.policeOn, input.policeTime, 'The time the police were told'),
      kind: input.kind,
    };
    const placement = await checkEpisode(tx, childId, facts, episodeId);
    if (facts.returned) {
      const returned = facts.returned;
      const early = (await repo.interviewsOfEpisode(tx, episodeId)).find((i) => i.offered_at < returned || (i.done_at !== null && i.done_at < returned));
      if (early) {
        throw new RuleBroken(`A return interview was offered on ${formatLondon(early.offered_at)}, before this time of return: correct the interview first`, 'returnedOn');
      }
    }
    await correctRecord(tx, {
      table: 'missing_episode',
      id: episodeId,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: {
        went_missing_at: facts.went,
        returned_at: facts.returned,
        kind: facts.kind,
        reported_to_police_at: facts.police,
        where_found: facts.returned ? input.whereFound : null,
        placement_id: placement?.id ?? null,
      },
    });
    await correctEpisodeEvent(tx, episodeId, 'missing.started', startedEvent(facts, placement));
    if (facts.returned) await correctEpisodeEvent(tx, episodeId, 'missing.returned', returnedEvent(facts.went, facts.returned, input.whereFound));
    await refreshClocks(tx, childId);
  });
}

/** Deletes an episode recorded in error, with the reason; its return interviews go with it, with the same reason. */
export async function deleteEpisode(db: Kysely<Database>, user: SignedInUser, childId: string, episodeId: string, reason: string): Promise<{ interviewsDeleted: number }> {
  return db.transaction().execute(async (tx) => {
    await episodeOfChild(tx, childId, episodeId, { lock: true });
    const interviews = await repo.interviewsOfEpisode(tx, episodeId);
    for (const interview of interviews) await softDelete(tx, 'return_interview', interview.id, user.id, reason);
    await deleteRecord(tx, { table: 'missing_episode', id: episodeId, actorId: user.id, reason, childId });
    return { interviewsDeleted: interviews.length };
  });
}

// --- Return interviews ---------------------------------------------------------------------

const OUTCOME_EVENT = { done: 'return-interview.done', declined: 'return-interview.declined', not_reached: 'return-interview.not-reached' } as const;

/**
 * The rules a return interview keeps, recorded or corrected: after the return (which must be
 * recorded), not in the future, done after it was offered, and one outcome an episode (done or
 * declined; tries that did not reach the child may come before it).
 */
async function checkInterview(tx: Db, child: ChildDates, episode: { id: string; returned_at: Date | null }, input: ReturnInterviewInput, now: Now, exceptId: string | null) {
  if (!episode.returned_at) throw new RuleBroken('The child has not returned yet: record their return before the return interview', 'outcome');
  const returned = episode.returned_at;
  const done = input.outcome === 'done' ? instantOf(child, now, 'done', input.doneOn!, input.doneTime!, 'The time of the interview') : null;
  const offered = optionalInstant(child, now, 'offered', input.offeredOn, input.offeredTime, 'The time the interview was offered') ?? done!;
  if (offered < returned) {
    throw new RuleBroken(`The interview cannot have been offered before the child returned (${formatLondon(returned)})`, input.offeredOn ? 'offeredOn' : 'doneOn');
  }
  if (done && done < returned) throw new RuleBroken(`The interview cannot have been held before the child returned (${formatLondon(returned)})`, 'doneOn');
  if (done && done < offered) throw new RuleBroken(`The interview cannot have been held before it was offered (${formatLondon(offered)})`, 'doneOn');
  const others = (await repo.interviewsOfEpisode(tx, episode.id)).filter((i) => i.id !== exceptId);
  const settled = others.find((i) => i.outcome !== 'not_reached');
  if (settled) {
    const what = settled.outcome === 'done' ? `held on ${formatLondon(settled.done_at!)}` : `declined when offered on ${formatLondon(settled.offered_at)}`;
    throw new RuleBroken(`The return interview for this episode is already recorded (${what}): correct that record instead`, 'outcome');
  }
  if (input.outcome !== 'not_reached') {
    const later = others.find((i) => i.offered_at > (done ?? offered));
    if (later) throw new RuleBroken(`A later try to reach the child is recorded (${formatLondon(later.offered_at)}): the outcome cannot come before it`, input.outcome === 'done' ? 'doneOn' : 'offeredOn');
  }
  return { offered, done };
}

function interviewRow(input: ReturnInterviewInput, when: { offered: Date; done: Date | null }) {
  const done = input.outcome === 'done';
  return {
    outcome: input.outcome,
    offered_at: when.offered,
    done_at: when.done,
    interviewer: done ? input.interviewer : null,
    interviewer_independent: done ? input.interviewerIndependent : null,
    others_present: done ? input.othersPresent : null,
    triggers: input.triggers,
    where_they_were: input.whereTheyWere,
    who_with: input.whoWith,
    push_pull_factors: JSON.stringify(input.factors),
    exploitation_risk: input.exploitationRisk,
  };
}

function interviewEvent(input: ReturnInterviewInput, when: { offered: Date; done: Date | null }) {
  const type = OUTCOME_EVENT[input.outcome];
  const title =
    input.outcome === 'done'
      ? `Return interview by ${input.interviewer}${input.interviewerIndependent ? '' : ' (not independent of the child’s care)'}`
      : input.outcome === 'declined'
        ? 'Return interview offered: the child declined'
        : 'Return interview offered: the child could not be reached';
  return { type, occurredOn: londonDate(when.done ?? when.offered), title, detail: input.triggers };
}

export async function recordReturnInterview(db: Kysely<Database>, user: SignedInUser, childId: string, episodeId: string, input: ReturnInterviewInput, now: Now): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const child = await childDates(tx, childId);
    const episode = await episodeOfChild(tx, childId, episodeId, { lock: true });
    const when = await checkInterview(tx, child, episode, input, now, null);
    const id = randomUUID();
    await tx
      .insertInto('return_interview')
      .values({ id, episode_id: episodeId, child_id: childId, ...interviewRow(input, when), recorded_by: user.id })
      .execute();
    await recordEvent(tx, { childId, sourceTable: 'return_interview', sourceId: id, scopeId: episodeId, ...interviewEvent(input, when) }, user.id);
    return id;
  });
}

/** Corrects a return interview with the reason (the old version is kept); the outcome may change, and the clock follows. */
export async function correctReturnInterview(db: Kysely<Database>, user: SignedInUser, childId: string, interviewId: string, input: ReturnInterviewCorrection, now: Now): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const child = await childDates(tx, childId);
    const interview = await interviewOfChild(tx, childId, interviewId);
    const episode = await episodeOfChild(tx, childId, interview.episode_id, { lock: true });
    const when = await checkInterview(tx, child, episode, input, now, interviewId);
    await correctRecord(tx, { table: 'return_interview', id: interviewId, actorId: user.id, reason: input.reason, expectedVersion: input.version, changes: interviewRow(input, when) });
    const event = interviewEvent(input, when);
    const definition = EVENT_TYPES[event.type];
    await tx
      .updateTable('child_event')
      .set({ type: event.type, category: definition.category, significance: definition.significance, occurred_on: event.occurredOn, title: event.title, detail: event.detail })
      .where('source_id', '=', interviewId)
      .execute();
    await refreshClocks(tx, childId);
  });
}

export async function deleteReturnInterview(db: Kysely<Database>, user: SignedInUser, childId: string, interviewId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await interviewOfChild(tx, childId, interviewId);
    await deleteRecord(tx, { table: 'return_interview', id: interviewId, actorId: user.id, reason, childId });
  });
}
