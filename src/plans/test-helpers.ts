// Test helpers for plans, child in need, visits and proceedings: a child allocated to a worker, an
// open episode, and a plan, made straight in the database so each test starts where it needs to.
import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../test/support/app.ts';
import { TEST_TODAY } from '../../test/support/app.ts';
import { receiveReferral } from '../episodes/service.ts';
import { startPlan } from './lifecycle.ts';
import type { PlanKind } from './tables.ts';

export async function makeChild(t: TestApp, options: { allocatedTo?: string | null; firstName?: string; dateOfBirth?: string } = {}): Promise<string> {
  const id = randomUUID();
  const db = t.ctx.db;
  await db
    .insertInto('person')
    .values({
      id,
      kind: 'child',
      first_name: options.firstName ?? 'Ayo',
      last_name: 'Adeyemi',
      date_of_birth: options.dateOfBirth ?? '2018-05-04',
      recorded_by: t.users.admin,
    })
    .execute();
  const worker = options.allocatedTo === undefined ? t.users.worker : options.allocatedTo;
  if (worker) {
    await db
      .insertInto('allocation')
      .values({ id: randomUUID(), child_id: id, worker_id: worker, role: 'social_worker', from_date: '2026-01-05', recorded_by: t.users.manager })
      .execute();
  }
  return id;
}

export async function openEpisode(t: TestApp, childId: string, referralDate = '2026-03-02'): Promise<string> {
  return receiveReferral(t.ctx.db, { childId, referralDate, referralSource: '2A' }, t.users.worker, TEST_TODAY);
}

export async function makePlan(t: TestApp, childId: string, kind: PlanKind, startedOn: string, episodeId?: string): Promise<string> {
  return startPlan(t.ctx.db, { childId, kind, startedOn, episodeId: episodeId ?? null }, t.users.worker, TEST_TODAY);
}

/** The form fields of a GOV.UK date input. */
export const dateFields = (name: string, iso: string): Record<string, string> => {
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! };
};

/** The text of a page without tags, for asserting what a user reads. */
export const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
