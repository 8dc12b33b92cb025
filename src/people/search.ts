// Finding a child by name (the start of a first or last name, any case), LA child id, NHS number or
// date of birth (dd/mm/yyyy). Only children the user may see are ever counted or listed.
// Every condition is one an index answers (see migration 0005), so it stays quick on 100,000 people.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/history.ts';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';
import { isIsoDate } from '../calendar/index.ts';

export const PAGE_SIZE = 20;
/** Counting stops here: a search that broad needs narrowing, not 50 pages. */
export const COUNT_LIMIT = 1000;

export type SearchKind = 'name' | 'la-child-id' | 'nhs-number' | 'date-of-birth';

export type ParsedSearch =
  | { kind: 'date-of-birth'; date: string }
  | { kind: 'nhs-number'; digits: string }
  | { kind: 'la-child-id'; id: string }
  | { kind: 'name'; terms: string[] };

/** What the text typed into "Find a child" is. Null when there is nothing to search for. */
export function parseSearch(text: string): ParsedSearch | null {
  const q = text.trim().slice(0, 100);
  if (!q) return null;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(q);
  if (dmy) {
    const iso = `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
    return isIsoDate(iso) ? { kind: 'date-of-birth', date: iso } : null;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(q)) return isIsoDate(q) ? { kind: 'date-of-birth', date: q } : null;
  const compact = q.replace(/\s+/g, '');
  if (/^\d{10}$/.test(compact)) return { kind: 'nhs-number', digits: compact };
  if (/^[A-Za-z0-9]+$/.test(compact) && /\d/.test(compact)) return { kind: 'la-child-id', id: compact };
  const terms = q
    .toLowerCase()
    .split(/[\s,]+/)
    .map((t) => t.replace(/[^\p{L}'’-]/gu, ''))
    .filter(Boolean)
    .slice(0, 4);
  return terms.length ? { kind: 'name', terms } : null;
}

const likePrefix = (term: string) => `${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function condition(search: ParsedSearch): RawBuilder<boolean> {
  switch (search.kind) {
    case 'date-of-birth':
      return sql<boolean>`(child.date_of_birth = ${search.date} OR child.expected_date_of_birth = ${search.date})`;
    case 'nhs-number':
      // Ten digits could also be an LA child id made of digits.
      return sql<boolean>`(child.nhs_number = ${search.digits} OR lower(child.la_child_id) = ${search.digits})`;
    case 'la-child-id':
      return sql<boolean>`lower(child.la_child_id) = ${search.id.toLowerCase()}`;
    case 'name': {
      const first = lowerLike('child.first_name');
      const last = lowerLike('child.last_name');
      const [a, ...rest] = search.terms as [string, ...string[]];
      if (rest.length === 0) return sql<boolean>`(${first(a)} OR ${last(a)})`;
      const z = rest[rest.length - 1]!;
      // "Jo Smith" or "Smith Jo"; middle words are ignored.
      return sql<boolean>`((${first(a)} AND ${last(z)}) OR (${last(a)} AND ${first(z)}))`;
    }
  }
}

/**
 * The lower-cased name starts with the term. The range (in text_pattern_ops' byte order, the prefix
 * indexes' own) lets a generic plan use the index, which a parameter to LIKE cannot (the planner does not
 * know it is a prefix); LIKE then keeps exactly the names that start with the term.
 */
const lowerLike = (column: string) => (term: string) => {
  const name = sql`lower(${sql.ref(column)})`;
  return sql<boolean>`(${name} ~>=~ ${term} AND ${name} ~<=~ ${`${term}\u{10FFFF}`} AND ${name} LIKE ${likePrefix(term)})`;
};

export interface SearchHit {
  id: string;
  kind: string;
  first_name: string;
  last_name: string;
  date_of_birth: string | null;
  expected_date_of_birth: string | null;
  la_child_id: string | null;
  sex: string | null;
  restricted: boolean;
}

export interface SearchResult {
  /** Children found, up to COUNT_LIMIT. */
  total: number;
  /** More than COUNT_LIMIT were found. */
  more: boolean;
  hits: SearchHit[];
}

export async function searchChildren(db: Db, user: SignedInUser, search: ParsedSearch, page: number): Promise<SearchResult> {
  // The matches are found first, through the name, id and date indexes, and only then checked for
  // visibility and sorted: otherwise the planner may walk the whole name index in order.
  const matches = () =>
    db.with(
      (cte) => cte('matches').materialized(),
      (qb) =>
        qb
          .selectFrom('person as child')
          .select(['child.id', 'child.kind', 'child.first_name', 'child.last_name', 'child.date_of_birth', 'child.expected_date_of_birth', 'child.la_child_id', 'child.sex', 'child.restricted'])
          .where('child.deleted_at', 'is', null)
          .where('child.merged_into', 'is', null)
          .where('child.kind', '<>', 'adult')
          .where(condition(search)),
    );
  const visible = () => matches().selectFrom('matches as child').where(childVisibleTo(user, sql.ref('child.id')));
  const count = await db
    .selectFrom(visible().select('child.id').limit(COUNT_LIMIT + 1).as('found'))
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirst();
  const hits = await visible()
    .selectAll('child')
    .orderBy(sql`lower(child.last_name)`)
    .orderBy(sql`lower(child.first_name)`)
    .orderBy('child.id')
    .limit(PAGE_SIZE)
    .offset((Math.min(page, COUNT_LIMIT / PAGE_SIZE) - 1) * PAGE_SIZE)
    .execute();
  const n = Number(count?.n ?? 0);
  return { total: Math.min(n, COUNT_LIMIT), more: n > COUNT_LIMIT, hits };
}
