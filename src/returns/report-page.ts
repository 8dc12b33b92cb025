// The analysts' page of a return (the CIN census and the SSDA903 show theirs the same way): the year
// chooser, the count per rule with a link to each rule's children, and the failures by child one page
// at a time, with the names of the children the user may see (childVisibleTo decides; a restricted
// child shows as their LA child ID only). Each return adds its own figures to the view.
import { sql } from 'kysely';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/history.ts';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';
import { govukPagination } from '../server/pagination.ts';
// Both returns run 1 April to 31 March (../ssda903/year.ts borrows the census's year).
import { collectionYear, collectionYearOf, type CollectionYear } from './cin-census/year.ts';
import { failuresByChild, type RuleFailure, type RuleReport } from './report.ts';

export const FAILURES_PAGE_SIZE = 100;

export type FailureRow<F extends RuleFailure = RuleFailure> = F & { name: string | null; href: string | null };

export async function failureRows<F extends RuleFailure>(db: Db, user: SignedInUser, failures: F[]): Promise<FailureRow<F>[]> {
  const ids = [...new Set(failures.map((f) => f.childId).filter((id): id is string => id !== null))];
  const names = new Map<string, string>();
  if (ids.length > 0) {
    const { rows } = await sql<{ id: string; name: string | null }>`SELECT p.id,
        CASE WHEN ${childVisibleTo(user, sql`p.id`)} THEN p.first_name || ' ' || p.last_name END AS name
      FROM person p WHERE p.id IN (${sql.join(ids)})`.execute(db);
    for (const r of rows) if (r.name) names.set(r.id, r.name);
  }
  return failures.map((f) => {
    const name = f.childId ? (names.get(f.childId) ?? null) : null;
    return { ...f, name, href: f.childId && name ? `/children/${f.childId}` : null };
  });
}

export interface ReturnReportPage<R extends { report: RuleReport }> {
  db: Db;
  /** The page's address, e.g. /returns/cin-census. */
  path: string;
  /** The shape of the return's rule codes; a query with any other rule is ignored whole. */
  rule: RegExp;
  /** The audit row's object type, e.g. cin-census-report. */
  auditObject: string;
  isYear: (value: unknown, today: string) => boolean;
  yearsToOffer: (today: string) => CollectionYear[];
  /** Makes the chosen year's return and its report. */
  load: (year: number) => Promise<R>;
}

/**
 * The handler's half that both returns share: reads ?year, ?rule and ?page, loads the year's report,
 * audits the page of children shown and gives the view's common fields; the route adds its own.
 */
export function returnReportPage<R extends { report: RuleReport }>(spec: ReturnReportPage<R>) {
  const PageQuery = z.object({ year: z.coerce.number().int().optional(), page: z.coerce.number().int().min(1).optional(), rule: z.string().regex(spec.rule).optional() });
  return async (request: FastifyRequest, today: string) => {
    const query = PageQuery.safeParse(request.query);
    const current = collectionYearOf(today).year;
    const year = query.success && query.data.year !== undefined && spec.isYear(query.data.year, today) ? query.data.year : current;
    const loaded = await spec.load(year);
    const { report } = loaded;
    const rule = query.success ? (query.data.rule ?? null) : null;
    const byChild = failuresByChild(report.failures, rule);
    const hrefFor = (p: number, r: string | null) => `${spec.path}?year=${year}${r ? `&rule=${r}` : ''}${p > 1 ? `&page=${p}` : ''}`;
    const pageCount = Math.max(1, Math.ceil(byChild.length / FAILURES_PAGE_SIZE));
    const page = Math.min(query.success ? (query.data.page ?? 1) : 1, pageCount);
    const shown = await failureRows(spec.db, request.user!, byChild.slice((page - 1) * FAILURES_PAGE_SIZE, page * FAILURES_PAGE_SIZE));
    await request.audit({ action: 'view-child', objectType: spec.auditObject, detail: { year, rule, children: new Set(shown.map((f) => f.childId)).size, page } });
    const view = {
      year: collectionYear(year),
      live: year === current,
      today,
      yearItems: spec.yearsToOffer(today).map((o) => ({ value: String(o.year), text: `${o.label}${o.year === current ? ' (this year to date)' : ''}`, selected: o.year === year })),
      report,
      rule,
      ruleMessage: rule ? (report.counts.find((c) => c.code === rule)?.message ?? null) : null,
      allHref: hrefFor(1, null),
      counts: report.counts.map((c) => ({ ...c, href: hrefFor(1, c.code) })),
      wholeReturn: report.failures.filter((f) => f.childId === null),
      rows: shown,
      failuresByChild: byChild.length,
      first: (page - 1) * FAILURES_PAGE_SIZE + 1,
      pagination: govukPagination(page, pageCount, (p) => hrefFor(p, rule)),
    };
    return { year, loaded, view };
  };
}
