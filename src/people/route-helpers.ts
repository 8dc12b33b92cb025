// What every people route needs: the child's id checked, merged records followed to the record that
// was kept, access checked before anything is read, and a rule broken on a field shown on the form.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../server/context.ts';
import type { SignedInUser } from '../access/policy.ts';
import { requireChangeChild, requireSeeChild } from '../access/policy.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { singleError, type FormErrors } from '../server/forms.ts';
import { DISABILITY, ETHNICITY, SEX, type CodeList } from '../codes/index.ts';
import { survivorOf } from './record.ts';

export const signedIn = (request: FastifyRequest): SignedInUser => {
  // The app's onRequest hook has already turned away anyone not signed in.
  return request.user!;
};

export function childIdFrom(request: FastifyRequest): string {
  const id = (request.params as { id?: string }).id;
  if (!z.uuid().safeParse(id).success) throw new NotFound('No child with that id');
  return id!;
}

/** Where a merged record's page now lives, or null. */
export async function mergedRedirect(ctx: AppContext, request: FastifyRequest, id: string): Promise<string | null> {
  const survivor = await survivorOf(ctx.db, id);
  return survivor ? request.url.split('?')[0]!.replace(id, survivor) : null;
}

export async function checkSee(ctx: AppContext, request: FastifyRequest, id: string): Promise<void> {
  await requireSeeChild(ctx.db, signedIn(request), id);
}

export async function checkChange(ctx: AppContext, request: FastifyRequest, id: string): Promise<void> {
  await requireChangeChild(ctx.db, signedIn(request), id);
}

export async function auditView(request: FastifyRequest, childId: string, objectType = 'person', objectId: string = childId): Promise<void> {
  await request.audit({ action: 'view-child', childId, objectType, objectId });
}

/** A broken rule is shown on the form: against its field when it names one. */
export function fieldErrorFrom(error: unknown): FormErrors | null {
  return error instanceof RuleBroken ? singleError(error.field ?? 'form', error.message) : null;
}

const options = (list: CodeList, chosen: unknown, blank?: string) => [
  ...(blank !== undefined ? [{ value: '', text: blank, selected: !chosen }] : []),
  ...list.map((e) => ({ value: e.code, text: e.label, selected: e.code === chosen })),
];

/** Select, radio and checkbox items for the child's details forms. */
export function childFormOptions(values: Record<string, unknown>) {
  const chosen = ([] as unknown[]).concat(values['disabilities'] ?? []);
  return {
    sexItems: SEX.map((e) => ({ value: e.code, text: e.label, checked: e.code === values['sex'] })),
    ethnicityItems: options(ETHNICITY, values['ethnicity'], 'Not recorded yet'),
    disabilityItems: DISABILITY.map((e) => ({ value: e.code, text: e.label, checked: chosen.includes(e.code) })),
  };
}
