// Children, allocations and journal events for tests, written straight to the tables (the people
// and casework areas have their own services; these tests are about what the clocks make of them).
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/history.ts';
import { recordEvent } from '../chronology/journal.ts';
import type { EventType } from '../chronology/event-types.ts';

export interface TestChild {
  firstName: string;
  lastName: string;
  dateOfBirth?: string | null;
  laChildId?: string | null;
  restricted?: boolean;
}

export async function addChild(db: Db, child: TestChild, recordedBy: string): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('person')
    .values({
      id,
      kind: 'child',
      first_name: child.firstName,
      last_name: child.lastName,
      date_of_birth: child.dateOfBirth ?? null,
      la_child_id: child.laChildId ?? null,
      restricted: child.restricted ?? false,
      recorded_by: recordedBy,
    })
    .execute();
  return id;
}

export async function allocate(db: Db, childId: string, workerId: string, fromDate: string, recordedBy: string, toDate: string | null = null): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('allocation')
    .values({ id, child_id: childId, worker_id: workerId, role: 'social_worker', from_date: fromDate, to_date: toDate, recorded_by: recordedBy })
    .execute();
  return id;
}

/** Records an event in the child's journal (which re-derives the child's clocks). */
export async function happened(db: Db, childId: string, type: EventType, occurredOn: string, scopeId: string | null, actorId: string): Promise<string> {
  return recordEvent(db, { childId, type, occurredOn, sourceTable: 'test', sourceId: randomUUID(), scopeId, title: type }, actorId);
}
