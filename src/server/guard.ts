// Every route says who may use it, and for a route that touches a child the access check and the
// audit row follow from that declaration. The app refuses to start if a route declares nothing, or if
// a route with a child in its path declares anything but a child guard: a page cannot show a child
// unchecked or unaudited because someone forgot a line.
//
// One statement per request does the whole check: it finds the child (from the path or from the
// record the path names), decides whether this user may see or change them, checks that every other
// record in the path belongs to that child, and writes the audit row (the view, or the refusal
// naming the child). The page then has the child's heading without asking again.
import { sql, type RawBuilder } from 'kysely';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { z } from 'zod';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';
import { can, READ_ONLY, type Capability } from '../access/roles.ts';
import type { AuditAction } from '../access/audit.ts';
import type { AppContext } from './context.ts';
import { Forbidden, NotFound } from './errors.ts';
import { ageOn } from './format.ts';

/**
 * Records whose ids may appear in a child's path, and the column that names their child ('contact':
 * the contact the path names; 'either-person': a relationship, from either side). A record that is
 * not this child's is "not found", whatever the user may see: ids cannot be mixed across children.
 */
export const OWNED_RECORDS = {
  address: 'person_id',
  agency_check: 'contact',
  adoption_match: 'child_id',
  allocation: 'child_id',
  assessment: 'child_id',
  care_proceedings: 'child_id',
  care_leaver_accommodation: 'child_id',
  care_leaver_birthday: 'child_id',
  care_leaver_contact: 'child_id',
  care_leaver_support: 'child_id',
  care_period: 'child_id',
  case_note: 'child_id',
  child_protection_conference: 'child_id',
  chronology_entry: 'child_id',
  case_action: 'child_id',
  management_oversight: 'child_id',
  management_decision: 'child_id',
  case_audit: 'child_id',
  cin_episode: 'child_id',
  cin_meeting: 'child_id',
  contact: 'child_id',
  core_group_meeting: 'child_id',
  court_hearing: 'child_id',
  court_order: 'child_id',
  early_help_episode: 'child_id',
  early_help_meeting: 'child_id',
  exploitation_assessment: 'child_id',
  exploitation_panel_action: 'child_id',
  exploitation_panel_discussion: 'child_id',
  exploitation_panel_referral: 'child_id',
  fgdm_exemption: 'child_id',
  fgdm_meeting: 'child_id',
  fgdm_offer: 'child_id',
  health_assessment: 'child_id',
  health_check: 'child_id',
  offending_outcome: 'child_id',
  iro_challenge: 'child_id',
  iro_challenge_stage: 'child_id',
  iro_contact: 'child_id',
  kinship_arrangement: 'child_id',
  kinship_carer: 'child_id',
  legal_planning_meeting: 'child_id',
  legal_status: 'child_id',
  liberty_order: 'child_id',
  liberty_review: 'child_id',
  looked_after_review: 'child_id',
  missing_episode: 'child_id',
  nrm_referral: 'child_id',
  pathway_plan_review: 'child_id',
  pep: 'child_id',
  pep_target: 'child_id',
  permanence_plan: 'child_id',
  permanence_step: 'child_id',
  placement: 'child_id',
  private_fostering: 'child_id',
  private_fostering_visit: 'child_id',
  plan: 'child_id',
  plan_action: 'child_id',
  plan_outcome: 'child_id',
  pre_proceedings: 'child_id',
  pre_proceedings_meeting: 'child_id',
  relationship: 'either-person',
  return_interview: 'child_id',
  s47_enquiry: 'child_id',
  school_attendance: 'child_id',
  school_enrolment: 'child_id',
  school_exclusion: 'child_id',
  strategy_discussion: 'child_id',
  supervision_discussion: 'child_id',
  visit: 'child_id',
  written_agreement: 'child_id',
} as const satisfies Record<string, 'child_id' | 'person_id' | 'either-person' | 'contact'>;

export type OwnedRecord = keyof typeof OWNED_RECORDS;

/** What a route that touches one child declares. */
export interface ChildGuard {
  /** 'see' to read the record; 'change' to record on it (a read-only role is refused). */
  access: 'see' | 'change';
  /**
   * Where the child comes from: the `:childId` path parameter (the default), or the child a record
   * named in the path belongs to (`{ param: 'contactId', record: 'contact' }`).
   */
  from?: { param: string; record: OwnedRecord };
  /** Other ids in the path, each with the record it names; each must belong to the child. */
  records?: Readonly<Record<string, OwnedRecord>>;
  /** A capability the role needs as well as the relationship (e.g. 'authorise' to merge). */
  capability?: Capability;
  /** What a view of this route is audited as (`objectType`); the last record id in the path is the object. */
  audit: string;
  /** The audit action of a view: 'view-child' unless said (e.g. 'print-chronology'). */
  action?: AuditAction;
  /**
   * When the path names a record that has no child yet (a contact not matched to a child), who may
   * use the route; the refusal or view is audited without a child. Absent: such a path is not found.
   */
  withoutChild?: (user: SignedInUser) => boolean | RawBuilder<boolean>;
  /**
   * A further condition on the user beyond the role and the capability, in SQL (e.g. membership of
   * the front door team): refused, and audited naming the child, like a missing capability.
   */
  onlyIf?: { when: (user: SignedInUser) => RawBuilder<boolean>; refusal: string };
  /** More for the audit row's detail, from the request (e.g. the chronology's filters: what was printed). Ids and codes only. */
  auditDetail?: (request: FastifyRequest) => Record<string, unknown>;
}

/** Every route's declaration. */
export type Guard =
  /** No signed-in user needed (sign-in, public assets, the API description). */
  | { public: true }
  /**
   * Signed in, and not about one child: lists (which filter with childVisibleTo), the user's own
   * pages, administration. `capability` narrows it to the roles that have it.
   */
  | { signedIn: true; capability?: Capability; reason: string }
  | { child: ChildGuard };

/** The child a guarded request is about, as the guard found them. */
export interface GuardedChild {
  id: string;
  name: string;
  firstName: string;
  dateOfBirth: string | null;
  age: number | null;
  href: string;
  /** Whether this user may also record on this child (to show or hide "Record…" links). */
  mayChange: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    guard?: Guard;
  }
  interface FastifyRequest {
    /** The child the route is about, set by the guard before the handler runs. */
    child: GuardedChild | null;
  }
}

/** The signed-in user of a guarded route: the onRequest hook has sent anyone else to sign in. */
export function userOf(request: FastifyRequest): SignedInUser {
  if (!request.user) throw new Forbidden('Sign in first');
  return request.user;
}

/** The child of a child-guarded route. */
export function childOf(request: FastifyRequest): GuardedChild {
  if (!request.child) throw new Error(`${request.routeOptions.url} has no child guard`);
  return request.child;
}

const uuid = z.guid();
const CHILD_PATH = /\/children\/:|:childId\b/;
const PUBLIC_PREFIXES = ['/govuk/', '/assets/', '/static/', '/api/docs'];

const idFrom = (params: Record<string, string | undefined>, name: string): string => {
  const value = params[name];
  if (!value || !uuid.safeParse(value).success) throw new NotFound('Page not found');
  return value;
};

/** SQL: the child a record belongs to. Table and column names come only from OWNED_RECORDS. */
function childOfRecord(record: OwnedRecord, id: string): RawBuilder<string> {
  const owner = OWNED_RECORDS[record];
  if (owner === 'contact' || owner === 'either-person') throw new Error(`${record} cannot name the child of a route`);
  return sql<string>`(SELECT guard_o.${sql.ref(owner)} FROM ${sql.table(record)} guard_o WHERE guard_o.id = ${id}::uuid)`;
}

/** SQL: true when the record exists, is not deleted and belongs to the child. */
function belongsTo(record: OwnedRecord, id: string, childId: RawBuilder<unknown>, fromId: string | null): RawBuilder<boolean> {
  const owner = OWNED_RECORDS[record];
  const live = sql`guard_r.deleted_at IS NULL`;
  if (owner === 'either-person') {
    return sql<boolean>`EXISTS (SELECT 1 FROM relationship guard_r WHERE guard_r.id = ${id}::uuid AND ${live}
      AND (guard_r.person_id = ${childId} OR guard_r.related_person_id = ${childId}))`;
  }
  if (owner === 'contact') {
    // A contact's agency checks belong to the contact the path names (which may have no child yet).
    if (!fromId) throw new Error(`${record} belongs to a contact: the route must take its child from the contact`);
    return sql<boolean>`EXISTS (SELECT 1 FROM agency_check guard_r WHERE guard_r.id = ${id}::uuid AND ${live} AND guard_r.contact_id = ${fromId}::uuid)`;
  }
  return sql<boolean>`EXISTS (SELECT 1 FROM ${sql.table(record)} guard_r WHERE guard_r.id = ${id}::uuid AND ${live}
    AND guard_r.${sql.ref(owner)} IS NOT DISTINCT FROM ${childId})`;
}

const mayChangeRole = (user: SignedInUser) => !READ_ONLY.includes(user.role) && user.role !== 'partner_agency' && user.role !== 'administrator';

interface Verdict {
  child_id: string | null;
  found: boolean;
  is_child: boolean;
  merged_into: string | null;
  first_name: string | null;
  last_name: string | null;
  date_of_birth: string | null;
  may_see: boolean;
  records_ok: boolean;
  role_ok: boolean;
}

/** Runs a child guard for one request: the single statement described at the top of this file. */
async function checkChild(ctx: AppContext, request: FastifyRequest, guard: ChildGuard): Promise<{ redirect?: string }> {
  const user = userOf(request);
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  const childIdSql = guard.from ? childOfRecord(guard.from.record, idFrom(params, guard.from.param)) : sql<string>`${idFrom(params, 'childId')}::uuid`;
  const records = Object.entries(guard.records ?? {}).map(([param, record]) => ({ param, record, id: idFrom(params, param) }));
  const fromRecord = guard.from ? { param: guard.from.param, record: guard.from.record, id: idFrom(params, guard.from.param) } : null;
  const isView = request.method === 'GET' || request.method === 'HEAD';
  const roleOk = sql<boolean>`(${(guard.access === 'see' || mayChangeRole(user)) && (!guard.capability || can(user.role, guard.capability))} AND ${guard.onlyIf?.when(user) ?? sql<boolean>`true`})`;
  // The object a view names: the last record in the path, or the child.
  const last = records.at(-1) ?? fromRecord;
  const objectId = last?.id ?? null;
  const recordsOk = records.length
    ? sql.join(
        records.map((r) => belongsTo(r.record, r.id, sql`t.child_id`, fromRecord?.id ?? null)),
        sql` AND `,
      )
    : sql`true`;
  const fromOk = fromRecord ? sql`EXISTS (SELECT 1 FROM ${sql.table(fromRecord.record)} guard_f WHERE guard_f.id = ${fromRecord.id}::uuid AND guard_f.deleted_at IS NULL)` : sql`true`;
  const withoutChild = guard.withoutChild?.(user) ?? false;
  const viewAction: AuditAction = guard.action ?? 'view-child';

  const result = await sql<Verdict>`
    WITH t AS (SELECT ${childIdSql} AS child_id),
    v AS (
      SELECT t.child_id,
        (t.child_id IS NOT NULL OR ${fromOk}) AS found,
        (p.id IS NOT NULL AND p.kind <> 'adult' AND p.deleted_at IS NULL) AS is_child,
        p.merged_into, p.first_name, p.last_name, p.date_of_birth,
        CASE WHEN t.child_id IS NULL THEN ${withoutChild} ELSE COALESCE(${childVisibleTo(user, sql`t.child_id`)}, false) END AS may_see,
        ${fromOk} AND ${recordsOk} AS records_ok,
        ${roleOk} AS role_ok
      FROM t LEFT JOIN person p ON p.id = t.child_id
    ),
    logged AS (
      INSERT INTO audit_log (user_id, username, action, child_id, object_type, object_id, detail, ip)
      SELECT ${user.id}, ${user.username},
        CASE WHEN v.may_see AND ${roleOk} THEN ${viewAction} ELSE 'denied' END,
        v.child_id, ${guard.audit}, ${objectId}, ${JSON.stringify({ route: request.routeOptions.url, method: request.method, ...guard.auditDetail?.(request) })}, ${request.ip}
      FROM v
      WHERE v.found AND v.merged_into IS NULL
        AND (NOT (v.may_see AND ${roleOk}) OR (${isView} AND v.records_ok AND (v.is_child OR v.child_id IS NULL)))
      RETURNING 1
    )
    SELECT * FROM v`.execute(ctx.db);
  const v = result.rows[0];
  if (!v || !v.found) throw new NotFound('Page not found');
  if (v.child_id !== null && v.merged_into) {
    if (!isView) throw new NotFound('This record was merged into another');
    return { redirect: request.url.split('?')[0]!.replaceAll(v.child_id, v.merged_into) };
  }
  // Refused before "not found", so that whether a child exists is not told to someone who may not see them.
  if (!v.may_see) throw new Forbidden('You do not have access to this child’s record.', true);
  if (v.child_id !== null && !v.is_child) throw new NotFound('No child with that id');
  if (!v.role_ok) throw new Forbidden(guard.onlyIf?.refusal ?? 'You cannot change this child’s record.', true);
  if (!v.records_ok) throw new NotFound('Page not found');
  request.child =
    v.child_id === null
      ? null
      : {
          id: v.child_id,
          name: `${v.first_name} ${v.last_name}`,
          firstName: v.first_name ?? '',
          dateOfBirth: v.date_of_birth,
          age: v.date_of_birth ? ageOn(v.date_of_birth, ctx.time.today()) : null,
          href: `/children/${v.child_id}`,
          mayChange: mayChangeRole(user) && (!guard.capability || can(user.role, guard.capability)),
        };
  return {};
}

/** Every route registered so far with its declaration, for the route test. */
export interface DeclaredRoute {
  method: string;
  url: string;
  guard: Guard;
}

/** Adds the guard to every route as it is registered, and refuses a route without one. */
export function installGuards(app: FastifyInstance, ctx: AppContext, declared: DeclaredRoute[]): void {
  app.decorateRequest('child', null);
  app.addHook('onRoute', (route: RouteOptions) => {
    const guard = route.config?.guard;
    const methods = ([] as string[]).concat(route.method);
    if (!guard) {
      // Routes that plugins register (static files, the API description) are public by nature.
      if (PUBLIC_PREFIXES.some((prefix) => route.url.startsWith(prefix)) || route.url === '/api/docs') return;
      throw new Error(`${methods.join(',')} ${route.url} declares no guard: add config.guard (see src/server/guard.ts)`);
    }
    if (CHILD_PATH.test(route.url) && !('child' in guard)) {
      throw new Error(`${route.url} is about a child, so its guard must be a child guard`);
    }
    if ('public' in guard) route.config = { ...route.config, public: true };
    for (const method of methods) if (method !== 'HEAD') declared.push({ method, url: route.url, guard });
    if (!('signedIn' in guard) && !('child' in guard)) return;
    const existing = route.preHandler ? ([] as NonNullable<RouteOptions['preHandler']>[]).concat(route.preHandler).flat() : [];
    route.preHandler = [
      async (request, reply) => {
        const user = userOf(request);
        if ('signedIn' in guard) {
          if (guard.capability && !can(user.role, guard.capability)) throw new Forbidden('You do not have access to this page.');
          return;
        }
        const { redirect } = await checkChild(ctx, request, guard.child);
        if (redirect) return reply.redirect(redirect);
      },
      ...existing,
    ];
  });
}
