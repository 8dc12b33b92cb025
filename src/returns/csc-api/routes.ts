// The DfE CSC API flow for analysts (issue 10, decision 0034): what was sent and what failed, the
// children in the next batch, and a button to send now. The scheduled send is the command
// (`npm run csc-api -- --send`); the button runs the same thing in this process, in the background,
// because a first snapshot of a large council is hundreds of requests. HTTP only: service.ts sends.
import { sql } from 'kysely';
import type { RegisterRoutes } from '../../server/context.ts';
import { addNavigationItem } from '../../server/navigation.ts';
import { can } from '../../access/roles.ts';
import { childVisibleTo, type SignedInUser } from '../../access/policy.ts';
import type { Db } from '../../db/history.ts';
import { CENSUS_GUARD } from '../cin-census/routes.ts';
import type { Guard } from '../../server/guard.ts';
import { readCscApiConfig } from './config.ts';
import { acceptedSoFar, nextBatch, recentFailures, recentRuns, runCscApi, RunInProgress } from './service.ts';

/** The same people as the CIN census: roles that make returns for the whole council. */
export const CSC_API_GUARD: Guard = {
  ...CENSUS_GUARD,
  reason: 'The DfE CSC API flow sends every child in need in the council to DfE, so only roles that make returns for the whole council may see it and send it',
};

addNavigationItem({ href: '/returns/csc-api', text: 'DfE CSC API', show: (role) => can(role, 'make-returns') });

/** How many children of the next batch the page lists (the count is always whole). */
const LISTED = 50;

/** The run started from the page in this process, so that a test (or a second press) can wait for it. */
let running: Promise<unknown> | null = null;
export const sendFromPageFinished = async (): Promise<void> => {
  await running;
};

const OUTCOME_TEXT: Record<string, { text: string; classes: string }> = {
  sent: { text: 'Sent', classes: 'govuk-tag--green' },
  'nothing-to-send': { text: 'Nothing to send', classes: 'govuk-tag--grey' },
  'partly-sent': { text: 'Partly sent', classes: 'govuk-tag--yellow' },
  failed: { text: 'Failed', classes: 'govuk-tag--red' },
  'not-configured': { text: 'Not configured', classes: 'govuk-tag--red' },
  abandoned: { text: 'Stopped', classes: 'govuk-tag--red' },
  running: { text: 'Under way', classes: 'govuk-tag--blue' },
};

/** Names of the children the user may see (childVisibleTo decides); others show by LA child ID. */
async function childNames(db: Db, user: SignedInUser, ids: readonly string[]) {
  const names = new Map<string, { name: string | null; laChildId: string | null }>();
  if (ids.length === 0) return names;
  const { rows } = await sql<{ id: string; name: string | null; la_child_id: string | null }>`SELECT p.id, p.la_child_id,
      CASE WHEN p.deleted_at IS NULL AND ${childVisibleTo(user, sql`p.id`)} THEN p.first_name || ' ' || p.last_name END AS name
    FROM person p WHERE p.id IN (${sql.join([...new Set(ids)])})`.execute(db);
  for (const r of rows) names.set(r.id, { name: r.name, laChildId: r.la_child_id });
  return names;
}

export const cscApiRoutes: RegisterRoutes = (app, ctx) => {
  app.get('/returns/csc-api', { config: { guard: CSC_API_GUARD } }, async (request, reply) => {
    const user = request.user!;
    const config = readCscApiConfig();
    const query = request.query as { started?: string; busy?: string; check?: string };
    // The next send is every child's payload built and compared: seconds on a large council, so it
    // is worked out when the analyst asks, not on every look at the page.
    const checking = query.check === '1';
    const [runs, failures, held, next] = await Promise.all([
      recentRuns(ctx.db),
      recentFailures(ctx.db),
      acceptedSoFar(ctx.db),
      checking ? nextBatch(ctx.db, ctx.time.today()) : Promise.resolve({ kind: 'changes' as const, outgoing: [], unsendable: [], unchanged: 0 }),
    ]);
    const listed = next.outgoing.slice(0, LISTED);
    const failureChildren = failures.flatMap((f) => (f.child_ids as string[]).slice(0, 10));
    const names = await childNames(ctx.db, user, [...listed.map((o) => o.childId), ...next.unsendable.map((u) => u.childId), ...failureChildren]);
    const shown = (id: string) => {
      const n = names.get(id);
      return { name: n?.name ?? null, laChildId: n?.laChildId ?? null, href: n?.name ? `/children/${id}` : null };
    };
    const previouslyHeld = new Set(
      listed.length
        ? (await ctx.db.selectFrom('csc_api_child_state').select('child_id').where('child_id', 'in', listed.map((o) => o.childId)).execute()).map((r) => r.child_id)
        : [],
    );
    await request.audit({ action: 'view-child', objectType: 'csc-api', detail: { children: new Set([...listed.map((o) => o.childId), ...next.unsendable.map((u) => u.childId), ...failureChildren]).size } });
    return reply.render('returns/csc-api/views/csc-api.njk', {
      title: 'DfE CSC API',
      configured: config.ok,
      problems: config.ok ? [] : config.problems,
      laCode: config.ok ? config.settings.laCode : null,
      held,
      underWay: runs.some((r) => r.finished_at === null),
      flash: query.started ? 'The send has started. Refresh this page to see how it went.' : query.busy ? 'A send is already under way: wait for it to finish.' : null,
      checking,
      next: {
        kind: next.kind,
        children: next.outgoing.filter((o) => !o.purgesChild).length,
        purges: next.outgoing.filter((o) => o.purgesChild).length,
        unchanged: next.unchanged,
        listed: listed.map((o) => ({ ...shown(o.childId), why: o.purgesChild ? 'Purge: no longer in the flow' : previouslyHeld.has(o.childId) ? 'Changed since DfE accepted it' : 'Not yet sent' })),
        more: Math.max(0, next.outgoing.length - LISTED),
      },
      unsendable: next.unsendable.map((u) => ({ ...shown(u.childId), reason: u.reason })),
      runs: runs.map((r) => ({ ...r, tag: OUTCOME_TEXT[r.finished_at === null ? 'running' : (r.outcome ?? 'failed')] })),
      failures: failures.map((f) => {
        const ids = f.child_ids as string[];
        return { ...f, shownChildren: ids.slice(0, 10).map(shown), moreChildren: Math.max(0, ids.length - 10) };
      }),
    });
  });

  app.post('/returns/csc-api/send', { config: { guard: CSC_API_GUARD } }, async (request, reply) => {
    const config = readCscApiConfig();
    const busy = await ctx.db.selectFrom('csc_api_run').select('id').where('finished_at', 'is', null).executeTakeFirst();
    if (busy) return reply.code(303).redirect('/returns/csc-api?busy=1');
    await request.audit({ action: 'export', objectType: 'csc-api', detail: { trigger: 'send-now' } });
    running = runCscApi(ctx.db, { config, time: ctx.time, startedBy: request.user!.id }).catch((error: unknown) => {
      // Never the payload: the error's name and message only.
      if (!(error instanceof RunInProgress)) request.log.error({ err: error instanceof Error ? { name: error.name, message: error.message } : String(error) }, 'The DfE CSC API send failed');
    });
    return reply.code(303).redirect('/returns/csc-api?started=1');
  });
};
