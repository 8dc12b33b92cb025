// What a chronology page, filter and manual entry may contain. The same schemas validate the forms
// and the API, so the two cannot accept different things.
import { z } from 'zod';
import { isIsoDate } from '../calendar/index.ts';
import { CATEGORIES, type Category, type Significance } from './event-types.ts';

/**
 * The kinds of entry a worker types into the chronology. Everything else in it is assembled from what
 * the other services record. 'history' is what happened before children's social care knew the
 * child, family history included (Newham 2014 ¶2, ¶11: chronologies left out pre-referral events).
 */
export const ENTRY_KINDS = [
  {
    code: 'history',
    label: 'History before Lantern',
    hint: 'Something that happened before children’s social care knew the child, including family history from before the child was born',
  },
  {
    code: 'partner',
    label: 'Information from a partner agency',
    hint: 'For example, from the police, a school, a GP or a health visitor',
  },
  { code: 'note', label: 'Other significant event', hint: 'Anything else that matters to the child’s story' },
] as const;

export type EntryKind = (typeof ENTRY_KINDS)[number]['code'];
export const ENTRY_KIND_CODES = ENTRY_KINDS.map((k) => k.code) as [EntryKind, ...EntryKind[]];

export const SIGNIFICANCES = [
  { code: 'high', label: 'High', hint: 'A key event: anyone reading the chronology must see it' },
  { code: 'normal', label: 'Normal', hint: undefined },
  { code: 'low', label: 'Low', hint: 'Background detail' },
] as const satisfies readonly { code: Significance; label: string; hint: string | undefined }[];

const SIGNIFICANCE_CODES = SIGNIFICANCES.map((s) => s.code) as [Significance, ...Significance[]];
export const CATEGORY_CODES = Object.keys(CATEGORIES) as [Category, ...Category[]];

/** The earliest date a history entry may carry: a grandparent's story, not an archive. */
export const EARLIEST_DATE = '1900-01-01';

// ---------------------------------------------------------------------------------------------
// Filters (query string of the page, the print view and the API)
// ---------------------------------------------------------------------------------------------

/** A date filter: '' or absent means none; 'invalid' comes from foldDateInputs when a part is wrong. */
const dateFilter = (end: 'start' | 'end') =>
  z
    .string()
    .optional()
    .refine((v) => !v || isIsoDate(v), { message: `The ${end} of the date range must be a real date, for example 27 3 2024` })
    .transform((v) => (v ? v : undefined));

const oneOrMany = (value: unknown) =>
  value === undefined || value === '' ? [] : Array.isArray(value) ? value : String(value).split(',');

const filterFields = {
  category: z.preprocess(oneOrMany, z.array(z.enum(CATEGORY_CODES, { error: 'Choose categories from the list' }))),
  significance: z.enum(['all', 'high'], { error: 'Choose high significance only or all entries' }).default('all'),
  from: dateFilter('start'),
  to: dateFilter('end'),
  order: z.enum(['newest', 'oldest'], { error: 'Choose newest first or oldest first' }).default('newest'),
  page: z.coerce.number({ error: 'The page must be a number' }).int().min(1).max(100_000).default(1),
};

const datesInOrder = (f: { from?: string | undefined; to?: string | undefined }) => !f.from || !f.to || f.from <= f.to;
const datesInOrderMessage = { message: 'The end of the date range must be the same as or after the start', path: ['to'] };

export const ChronologyFilters = z.object(filterFields).refine(datesInOrder, datesInOrderMessage);
export type ChronologyFilterValues = z.output<typeof ChronologyFilters>;

/** The API takes the same filters, dates as YYYY-MM-DD, and may ask for a bigger page. */
export const ApiChronologyQuery = z
  .object({ ...filterFields, pageSize: z.coerce.number({ error: 'The page size must be a number' }).int().min(1).max(5_000).default(100) })
  .refine(datesInOrder, datesInOrderMessage);

// ---------------------------------------------------------------------------------------------
// Manual entries
// ---------------------------------------------------------------------------------------------

const entryFields = {
  occurredOn: z
    .string({ error: 'Enter the date it happened' })
    .trim()
    .superRefine((v, c) => {
      if (v === '') c.addIssue({ code: 'custom', message: 'Enter the date it happened' });
      else if (!isIsoDate(v)) c.addIssue({ code: 'custom', message: 'The date it happened must be a real date, for example 27 3 2024' });
      else if (v < EARLIEST_DATE) c.addIssue({ code: 'custom', message: 'The date it happened must be in 1900 or later' });
    }),
  kind: z.enum(ENTRY_KIND_CODES, { error: 'Select what kind of entry this is' }),
  source: z.string().trim().max(200, 'The source must be 200 characters or fewer').optional().default(''),
  title: z.string({ error: 'Enter what happened' }).trim().min(1, 'Enter what happened').max(200, 'What happened must be 200 characters or fewer: put the rest in the detail'),
  detail: z
    .string()
    .trim()
    .max(20_000, 'The detail must be 20,000 characters or fewer')
    .optional()
    .transform((v) => (v ? v : null)),
  significance: z.enum(SIGNIFICANCE_CODES, { error: 'Select how significant this is' }).default('normal'),
};

/** A partner's information names the agency; history says where it comes from, so a court can weigh it. */
const sourceNamed = (entry: { kind: EntryKind; source: string }, c: z.RefinementCtx) => {
  if (entry.source) return;
  if (entry.kind === 'partner') c.addIssue({ code: 'custom', path: ['source'], message: 'Enter the agency the information came from' });
  if (entry.kind === 'history') c.addIssue({ code: 'custom', path: ['source'], message: 'Enter where this history comes from, for example the previous council’s records or the mother' });
};

export const ChronologyEntryInput = z.object(entryFields).superRefine(sourceNamed);
export type ChronologyEntryInput = z.output<typeof ChronologyEntryInput>;

/** A correction: the same fields, why (kept with the old version), and the version the worker saw. */
export const ChronologyEntryCorrection = z
  .object({
    ...entryFields,
    reason: z.string({ error: 'Say why you are correcting this entry' }).trim().min(1, 'Say why you are correcting this entry').max(1000, 'The reason must be 1,000 characters or fewer'),
    version: z.coerce.number({ error: 'Reload the page and try again' }).int().min(1).optional(),
  })
  .superRefine(sourceNamed);
export type ChronologyEntryCorrection = z.output<typeof ChronologyEntryCorrection>;

// guid, not uuid: ids made by other systems (imports, the synthetic council) need not be RFC 4122 v4.
export const ChildParams = z.object({ childId: z.guid() });
export const EntryParams = z.object({ childId: z.guid(), entryId: z.guid() });
