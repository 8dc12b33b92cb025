// Each step of pre-proceedings and care proceedings, and each correction, is one form drawn from a
// list of fields (proceedings/views/form.njk). A step is declared as data and becomes a child form
// (src/server/child-pages.ts): the guard, the audit rows, the re-render with errors and the redirect
// to the child's proceedings page follow from it.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../server/context.ts';
import { childForm, type Page, type Values } from '../server/child-pages.ts';
import type { ChildGuard } from '../server/guard.ts';
import { APPLICATION_TYPE, HEARING_TYPE, ORDER_TYPE } from './codes.ts';

export type Field =
  | { type: 'date'; name: string; label: string; hint?: string }
  | { type: 'radios'; name: string; label: string; hint?: string; options: readonly { code: string; label: string }[] }
  | { type: 'checkboxes'; name: string; label: string; hint?: string; empty: string; options: readonly { code: string; label: string; hint?: string }[] }
  | { type: 'textarea' | 'input'; name: string; label: string; hint?: string; classes?: string };

export interface Step<S extends z.ZodType, D> {
  /** Path under /children/:childId/proceedings/. */
  path: string;
  /** Other ids in the path, each with the record it names: the guard checks each is this child's. */
  records?: ChildGuard['records'];
  /** What the step records, as the audit names it. */
  objectType: string;
  title: string | ((data: D) => string);
  intro?: (data: D) => string | null;
  button: string;
  fields: readonly Field[];
  schema: S;
  /** What the step needs to know from the record (for the intro, or a correction's first values). */
  load?: (page: Page) => Promise<D>;
  /** The first values: dates default to today where the record knows nothing better. */
  initial: (data: D, page: Page) => Values;
  /** A correction: asks why, and sends back the version the worker saw. */
  correcting?: boolean;
  save: (input: z.output<S>, page: Page) => Promise<{ id: string; action: 'create' | 'update' }>;
}

export const proceedingsPage = (childId: string) => `/children/${childId}/proceedings`;

export function step<S extends z.ZodType, D = undefined>(app: FastifyInstance, ctx: AppContext, s: Step<S, D>): void {
  childForm(app, ctx, {
    path: `/children/:childId/proceedings/${s.path}`,
    ...(s.records ? { records: s.records } : {}),
    audit: s.objectType,
    template: 'proceedings/views/form.njk',
    schema: s.schema,
    dates: s.fields.filter((f) => f.type === 'date').map((f) => f.name),
    fields: [...s.fields.map((f) => f.name), ...(s.correcting ? ['reason'] : [])],
    load: s.load ?? (async () => undefined as D),
    initial: s.initial,
    view: (data) => ({
      title: typeof s.title === 'function' ? s.title(data) : s.title,
      intro: s.intro?.(data) ?? null,
      button: s.button,
      fields: s.fields,
      correcting: s.correcting ?? false,
    }),
    save: async (input, page) => {
      const { id, action } = await s.save(input, page);
      return { next: proceedingsPage(page.child.id), audit: { action, objectType: s.objectType, objectId: id } };
    },
  });
}

// The fields of the steps that are also corrected: recording and correcting ask the same.
export const HEARING_FIELDS: readonly Field[] = [
  { type: 'date', name: 'heardOn', label: 'Date of the hearing' },
  { type: 'radios', name: 'hearingType', label: 'Kind of hearing', options: HEARING_TYPE },
  { type: 'textarea', name: 'outcome', label: 'What the court decided or directed', hint: 'Including filing deadlines' },
  { type: 'date', name: 'nextHearingOn', label: 'Date of the next hearing (optional)' },
];

export const ORDER_FIELDS: readonly Field[] = [
  { type: 'date', name: 'madeOn', label: 'Date the order was made' },
  { type: 'radios', name: 'orderType', label: 'Order', options: ORDER_TYPE },
  { type: 'textarea', name: 'note', label: 'Note (optional)' },
];

export const ISSUE_FIELDS: readonly Field[] = [
  { type: 'date', name: 'issuedOn', label: 'Date the application was issued' },
  { type: 'input', name: 'court', label: 'Court', hint: 'For example ‘Family Court at East London’' },
  { type: 'input', name: 'caseNumber', label: 'Case number', classes: 'govuk-input--width-20' },
  { type: 'radios', name: 'applicationType', label: 'What was applied for', options: APPLICATION_TYPE },
  { type: 'date', name: 'firstHearingOn', label: 'Date of the first hearing (optional)' },
  { type: 'date', name: 'letterInitiatingSentOn', label: 'Date the letter initiating proceedings was sent to the parents (optional)', hint: 'On or after the application date' },
];
