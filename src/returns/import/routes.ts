// Moving to Lantern (issue 10, decision 0039): an administrator uploads another system's CIN census,
// watches it load, and reads what became of every child and fact in it. HTTP only: the import is
// jobs.ts and cin-census.ts.
import { z } from 'zod';
import type { RegisterRoutes } from '../../server/context.ts';
import type { Guard } from '../../server/guard.ts';
import { apiRoute } from '../../server/api.ts';
import { addNavigationItem } from '../../server/navigation.ts';
import { govukPagination } from '../../server/pagination.ts';
import { singleError } from '../../server/forms.ts';
import { NotFound, RuleBroken } from '../../server/errors.ts';
import { can } from '../../access/roles.ts';
import { jobOf, recentJobs, startCensusImport, startSsda903Import } from './jobs.ts';
import { FIRST_903_YEAR, is903Year, yearsToOffer } from '../ssda903/year.ts';
import { FACT_NAMES, type FactKind } from './report.ts';
import { readSsda903Files, UnreadableFile } from './read-ssda903.ts';

export const IMPORT_GUARD: Guard = {
  signedIn: true,
  capability: 'import-records',
  reason: 'Moving to Lantern: loading another system’s returns creates children’s records in bulk, so only administrators do it; the report names children by LA child ID only',
};

addNavigationItem({ href: '/imports', text: 'Imports', show: (role) => can(role, 'import-records') });

const JobParams = z.object({ jobId: z.uuid() });
const JobQuery = z.object({ page: z.coerce.number().int().min(1).optional() });
/** The form's file, read as text by the multipart parser (src/server/app.ts). */
const Upload = z.object({ file: z.object({ fileName: z.string(), text: z.string() }).optional() });
/** The SSDA903 form: the return's CSV files (one multi-file input) and the collection year they are for. */
const File = z.object({ fileName: z.string(), text: z.string() });
const Upload903 = z.object({ files: z.union([File, z.array(File)]).optional(), year: z.coerce.number().int().optional() });
const REJECTED_PAGE = 100;
/** The page shows the first differences; the API gives them all. */
const DIFFERENCES_SHOWN = 200;

export const importRoutes: RegisterRoutes = (app, ctx) => {
  const page = async (extra: Record<string, unknown> = {}) => ({
    title: 'Imports',
    jobs: await recentJobs(ctx.db),
    years: yearsToOffer(ctx.time.today()).map((y) => ({ value: String(y.year), text: `${y.year - 1} to ${y.year}` })),
    ...extra,
  });

  app.get('/imports', { config: { guard: IMPORT_GUARD } }, async (_request, reply) => {
    return reply.render('returns/import/views/imports.njk', await page());
  });

  app.post('/imports/ssda903', { config: { guard: IMPORT_GUARD } }, async (request, reply) => {
    const upload = Upload903.safeParse(request.body);
    const sent = upload.success ? upload.data.files : undefined;
    const files = (Array.isArray(sent) ? sent : sent ? [sent] : []).filter((f) => f.text.trim() !== '');
    const year = upload.success ? upload.data.year : undefined;
    const today = ctx.time.today();
    if (!year || !is903Year(year, today)) {
      return reply.code(400).render('returns/import/views/imports.njk', await page({ errors: singleError('year', `Choose the collection year of the return (${FIRST_903_YEAR - 1} to ${FIRST_903_YEAR} or later)`), values: { year: year ? String(year) : '' } }));
    }
    if (files.length === 0) {
      return reply.code(400).render('returns/import/views/imports.njk', await page({ errors: singleError('files', 'Choose the CSV files of the SSDA903 return to import: at least the Header and Episodes files'), values: { year: year ? String(year) : '' } }));
    }
    const job = await startSsda903Import(ctx.db, { files, year, actorId: request.user!.id, today });
    await request.audit({ action: 'create', objectType: 'import-job', objectId: job.id });
    return reply.redirect(`/imports/${job.id}`, 303);
  });

  app.post('/imports/cin-census', { config: { guard: IMPORT_GUARD } }, async (request, reply) => {
    const upload = Upload.safeParse(request.body);
    const file = upload.success ? upload.data.file : undefined;
    if (!file || file.text.trim() === '') {
      return reply.code(400).render('returns/import/views/imports.njk', await page({ errors: singleError('file', 'Choose the CIN census XML file to import') }));
    }
    const job = await startCensusImport(ctx.db, { fileName: file.fileName || 'cin-census.xml', xml: file.text, actorId: request.user!.id, today: ctx.time.today() });
    await request.audit({ action: 'create', objectType: 'import-job', objectId: job.id });
    return reply.redirect(`/imports/${job.id}`, 303);
  });

  app.get('/imports/:jobId', { config: { guard: IMPORT_GUARD } }, async (request, reply) => {
    const params = JobParams.safeParse(request.params);
    const job = params.success ? await jobOf(ctx.db, params.data.jobId) : null;
    if (!job) throw new NotFound('There is no such import.');
    const query = JobQuery.safeParse(request.query);
    const rejected = job.report?.rejected ?? [];
    const pageCount = Math.max(1, Math.ceil(rejected.length / REJECTED_PAGE));
    const page = Math.min(query.success ? (query.data.page ?? 1) : 1, pageCount);
    return reply.render('returns/import/views/job.njk', {
      title: `Import of ${job.file_name}`,
      job,
      counts: job.report
        ? (Object.keys(FACT_NAMES) as FactKind[]).filter((kind) => job.report!.counts[kind]).map((kind) => ({ name: FACT_NAMES[kind], ...job.report!.counts[kind] }))
        : [],
      rejected: rejected.slice((page - 1) * REJECTED_PAGE, page * REJECTED_PAGE).map((r) => ({ ...r, kindName: FACT_NAMES[r.kind] })),
      firstShown: (page - 1) * REJECTED_PAGE + 1,
      differences: (job.report?.differences ?? []).slice(0, DIFFERENCES_SHOWN),
      differencesTotal: job.report?.differences.length ?? 0,
      pagination: govukPagination(page, pageCount, (p) => `/imports/${job.id}?page=${p}`),
    });
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/imports/cin-census',
    summary: 'Import a CIN census XML file from another system (body: the XML, Content-Type application/xml). Answers 202 with the job; GET the job for its progress and report',
    tag: 'Moving to Lantern',
    body: z.string(),
    bodyDocument: { contentType: 'application/xml', schema: { type: 'string', description: 'The CIN census XML file' } },
    successStatus: 202,
    guard: IMPORT_GUARD,
    handler: async ({ body, request, reply }) => {
      if (body.trim() === '') throw new RuleBroken('Send the CIN census XML as the body');
      const job = await startCensusImport(ctx.db, { fileName: 'cin-census.xml (API)', xml: body, actorId: request.user!.id, today: ctx.time.today() });
      await request.audit({ action: 'create', objectType: 'import-job', objectId: job.id });
      reply.code(202);
      return { id: job.id };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/imports/ssda903',
    summary:
      'Import an SSDA903 return from another system: its CSV files (at least Header and Episodes; each known by its columns, whatever its name) in the `files` part, and the collection year (2026 for 2025-26) in `year`, as multipart/form-data. A file that is not one of the return’s tables is refused with the reason (422) and nothing is imported. Answers 202 with the job; GET the job for its progress and report. Importing the same files again creates nothing twice',
    tag: 'Moving to Lantern',
    body: Upload903,
    bodyDocument: {
      contentType: 'multipart/form-data',
      schema: {
        type: 'object',
        required: ['files', 'year'],
        properties: {
          files: { type: 'array', items: { type: 'string', format: 'binary' }, description: 'The return’s CSV files, one a table' },
          year: { type: 'integer', description: 'The collection year the return is for, by the year it ends in (2026 for 1 April 2025 to 31 March 2026)' },
        },
      },
    },
    successStatus: 202,
    guard: IMPORT_GUARD,
    handler: async ({ body, request, reply }) => {
      const today = ctx.time.today();
      if (!body.year || !is903Year(body.year, today)) throw new RuleBroken(`Send the collection year of the return in \`year\`: ${FIRST_903_YEAR} (for ${FIRST_903_YEAR - 1} to ${FIRST_903_YEAR}) or later, up to the current one`);
      const files = (Array.isArray(body.files) ? body.files : body.files ? [body.files] : []).filter((f) => f.text.trim() !== '');
      if (files.length === 0) throw new RuleBroken('Send the CSV files of the SSDA903 return in `files`: at least the Header and Episodes files');
      // A file that is not one of the return's tables is refused now, before anything is imported.
      try {
        readSsda903Files(files);
      } catch (error) {
        if (error instanceof UnreadableFile) throw new RuleBroken(error.message);
        throw error;
      }
      const job = await startSsda903Import(ctx.db, { files, year: body.year, actorId: request.user!.id, today });
      await request.audit({ action: 'create', objectType: 'import-job', objectId: job.id });
      reply.code(202);
      return { id: job.id };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/imports/:jobId',
    summary: 'An import job: its progress while it runs, then what became of every child and fact in the file (created, already in Lantern, rejected with the reason)',
    tag: 'Moving to Lantern',
    params: JobParams,
    guard: IMPORT_GUARD,
    handler: async ({ params }) => {
      const job = await jobOf(ctx.db, params.jobId);
      if (!job) throw new NotFound('There is no such import.');
      return job;
    },
  });
};
