// Helpers the plan, child in need, visit and proceedings pages share: the child at the top of the
// page, and putting a broken rule back on the form beside the field it is about.
import type { FastifyReply } from 'fastify';
import type { Db } from '../db/history.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { dateInputItems, singleError, type FormErrors } from '../server/forms.ts';
import { ageOn } from '../server/format.ts';

export interface ChildHeading {
  id: string;
  name: string;
  dateOfBirth: string | null;
  age: number | null;
  href: string;
}

/** The child the page is about. Call after the access check. */
export async function childHeading(db: Db, childId: string, today: string): Promise<ChildHeading> {
  const child = await db
    .selectFrom('person')
    .select(['id', 'first_name', 'last_name', 'date_of_birth'])
    .where('id', '=', childId)
    .where('deleted_at', 'is', null)
    .where('kind', '<>', 'adult')
    .executeTakeFirst();
  if (!child) throw new NotFound('No child with that id');
  return {
    id: child.id,
    name: `${child.first_name} ${child.last_name}`,
    dateOfBirth: child.date_of_birth,
    age: child.date_of_birth ? ageOn(child.date_of_birth, today) : null,
    href: `/children/${child.id}`,
  };
}

/**
 * Runs a change; a broken rule of the record comes back as form errors (shown on the same page,
 * status 422) instead of an error page, so that nothing the worker typed is lost.
 */
export async function attempt<T>(change: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; errors: FormErrors }> {
  try {
    return { ok: true, value: await change() };
  } catch (error) {
    if (error instanceof RuleBroken) return { ok: false, errors: singleError(error.field ?? 'form', error.message) };
    throw error;
  }
}

/** Re-renders a form with its errors and everything typed. */
export function renderWithErrors(reply: FastifyReply, status: number, template: string, context: Record<string, unknown>, errors: FormErrors) {
  return reply.code(status).render(template, { ...context, errors });
}

/** A form's body as a plain record. */
export const formBody = (body: unknown): Record<string, unknown> => (body && typeof body === 'object' ? (body as Record<string, unknown>) : {});

/** What every form page needs: the values typed or stored, the errors, and date input items. */
export function formContext(values: Record<string, unknown>, errors?: FormErrors) {
  return {
    values,
    errors,
    dateItems: (name: string) => dateInputItems(name, values, Boolean(errors?.fields[name])),
  };
}
