// Events the record implies rather than records: the day a young person becomes eligible for
// leaving-care support (CPPCR 2010 reg 40) follows from their date of birth and their time in care,
// and nobody types it. The clock engine reads these beside the journal, so the pathway plan is due
// 3 months after it (reg 42) without anyone remembering to start it. They are derived again with the
// clocks whenever the journal changes (a child who leaves care before 16 loses the milestone).
import { createHash } from 'node:crypto';
import type { Db } from '../db/history.ts';
import { eligibleFrom, type CareSpan } from '../care-leavers/status.ts';
import { comingOfAge, type ClockEvent } from './engine.ts';
import { TIMESCALE_RULES } from './rules.ts';
import { receptionStartOf } from '../education/school-age.ts';
import { KINSHIP_OFFER_DUTY_FROM } from '../kinship/duty.ts';

/** Short breaks (V3, V4) do not count towards the 13 weeks (reg 40(1)). */
const SHORT_BREAKS = ['V3', 'V4'];

/** The birthdays at which a duty to a child ends (rules with `endsAtAge`: decision 0049). */
const AGES_THAT_END_DUTIES = [...new Set(TIMESCALE_RULES.flatMap((rule) => (rule.endsAtAge === undefined ? [] : [rule.endsAtAge])))];

/** The day a child born on `dob` turns `age` (29 February: 1 March in a common year, as ageOn counts). */
export function birthdayAt(dob: string, age: number): string {
  const year = Number(dob.slice(0, 4)) + age;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return dob.slice(5) === '02-29' && !leap ? `${year}-03-01` : `${year}${dob.slice(4)}`;
}

/** A stable id for a derived event, so that the same record always gives the same clocks. */
function milestoneId(childId: string, type: string, on: string): string {
  const h = createHash('sha256').update(`${childId}|${type}|${on}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The birthdays that end a duty to a child (an exploitation risk review stops at 18), derived whether
 * or not they have come: the engine stops only clocks that would fall due from them on. The record's
 * clocks and the measures' clocks as recorded on a past day (src/measures/known.ts) both take them from here.
 */
export function comingOfAgeOf(childId: string, dateOfBirth: string): ClockEvent[] {
  return AGES_THAT_END_DUTIES.map((age) => {
    const on = birthdayAt(dateOfBirth, age);
    return { id: milestoneId(childId, comingOfAge(age), on), type: comingOfAge(age), occurredOn: on, scopeId: null };
  });
}

/** The derived events of these children, by child. */
export async function milestonesOf(db: Db, childIds: readonly string[]): Promise<Map<string, ClockEvent[]>> {
  const result = new Map<string, ClockEvent[]>();
  if (childIds.length === 0) return result;
  const add = (childId: string, event: ClockEvent) => {
    const list = result.get(childId);
    if (list) list.push(event);
    else result.set(childId, [event]);
  };
  if (AGES_THAT_END_DUTIES.length > 0) {
    const people = await db.selectFrom('person').select(['id', 'date_of_birth']).where('id', 'in', childIds).where('date_of_birth', 'is not', null).execute();
    for (const p of people) for (const event of comingOfAgeOf(p.id, p.date_of_birth!)) add(p.id, event); // not null: filtered above
  }
  const rows = await db
    .selectFrom('legal_status as s')
    .innerJoin('person as p', 'p.id', 's.child_id')
    .select(['s.child_id', 'p.date_of_birth', 's.started_on', 's.ended_on', 's.legal_status'])
    .where('s.child_id', 'in', childIds)
    .where('s.deleted_at', 'is', null)
    .execute();
  const byChild = new Map<string, { dob: string | null; spans: CareSpan[] }>();
  for (const r of rows) {
    const entry = byChild.get(r.child_id) ?? { dob: r.date_of_birth, spans: [] as CareSpan[] };
    entry.spans.push({ from: r.started_on, to: r.ended_on, counts: !SHORT_BREAKS.includes(r.legal_status) });
    byChild.set(r.child_id, entry);
  }
  for (const [childId, { dob, spans }] of byChild) {
    if (!dob) continue;
    const on = eligibleFrom(dob, spans);
    if (on) add(childId, { id: milestoneId(childId, 'leaving-care.eligible', on), type: 'leaving-care.eligible', occurredOn: on, scopeId: null });
  }
  // A child in care needs a personal education plan from the day they are both looked after and of
  // school age (from the reception year: decision 0013), in each period of care.
  const periods = await db
    .selectFrom('care_period as c')
    .innerJoin('person as p', 'p.id', 'c.child_id')
    .select(['c.child_id', 'p.date_of_birth', 'c.started_on', 'c.ended_on'])
    .where('c.child_id', 'in', childIds)
    .where('c.deleted_at', 'is', null)
    .execute();
  for (const c of periods) {
    if (!c.date_of_birth) continue;
    const reception = receptionStartOf(c.date_of_birth);
    const on = c.started_on > reception ? c.started_on : reception;
    if (c.ended_on === null || on <= c.ended_on) add(c.child_id, { id: milestoneId(c.child_id, 'pep.needed', on), type: 'pep.needed', occurredOn: on, scopeId: null });
  }
  // The kinship local offer is owed to the carers of every arrangement from its start, or from the
  // day the duty came into force for those that began before it (2026 Act s.5; decision 0013).
  const kinship = await db
    .selectFrom('kinship_arrangement')
    .select(['id', 'child_id', 'started_on', 'ended_on'])
    .where('child_id', 'in', childIds)
    .where('deleted_at', 'is', null)
    .execute();
  for (const k of kinship) {
    const on = k.started_on > KINSHIP_OFFER_DUTY_FROM ? k.started_on : KINSHIP_OFFER_DUTY_FROM;
    if (k.ended_on === null || on <= k.ended_on) add(k.child_id, { id: milestoneId(k.child_id, `kinship.offer-owed|${k.id}`, on), type: 'kinship.offer-owed', occurredOn: on, scopeId: k.id });
  }
  return result;
}
