// A subject access request (UK GDPR Article 15): everything Lantern holds about one person, as a
// printable page and as JSON. Only for a role that authorises (a manager), with a relationship to the
// child, like every child route; the export itself is audited as 'export' (docs/decisions/0009).
import { apiRoute } from '../server/api.ts';
import { childApi, childPage } from '../server/child-pages.ts';
import type { AppContext, RegisterRoutes } from '../server/context.ts';
import { ROLES } from '../access/roles.ts';
import type { SignedInUser } from '../access/policy.ts';
import type { GuardedChild } from '../server/guard.ts';
import { ChildParams } from '../chronology/schemas.ts';
import { presentExport, tableTitle } from './present.ts';
import { subjectAccessData, type SubjectAccessData } from './service.ts';

/** Who may export: a manager (the 'authorise' capability); see docs/decisions/0009-subject-access-export.md. */
const EXPORT = { capability: 'authorise', action: 'export' } as const;

/** The export as data: every row as stored, with what each table is and how it was found. */
function asJson(data: SubjectAccessData, child: GuardedChild, user: SignedInUser, at: Date) {
  const person = (data.held.tables.get('person') ?? []).find((p) => p['id'] === child.id) ?? {};
  return {
    subject: { id: child.id, name: child.name, dateOfBirth: child.dateOfBirth, laChildId: person['la_child_id'] ?? null },
    produced: { at: at.toISOString(), by: user.displayName, role: ROLES[user.role] },
    held: Object.fromEntries(
      [...data.held.tables].map(([table, rows]) => [
        table,
        {
          title: tableTitle(table),
          // How the table was reached: a foreign key to the person or to another of their records.
          foundThrough: (data.held.reachedBy.get(table) ?? []).map((fk) => `${fk.table}.${fk.column} → ${fk.refTable}.${fk.refColumn}`),
          rows,
        },
      ]),
    ),
    audit: data.audit.map((a) => ({ at: a.at, by: a.display_name ?? a.username, action: a.action, objectType: a.object_type, objectId: a.object_id })),
    earlierVersions: data.earlierVersions.map((v) => ({ ...v, changedBy: data.staff.get(v.changed_by) ?? null })),
    documents: [...data.held.tables.keys()].filter((t) => /document|attachment|file/.test(t)),
  };
}

export const subjectAccessRoutes: RegisterRoutes = (app, ctx: AppContext) => {
  childPage(app, ctx, {
    path: '/children/:childId/subject-access',
    audit: 'subject-access',
    ...EXPORT,
    template: 'subject-access/views/export.njk',
    load: async ({ child, user }) => {
      const data = await subjectAccessData(ctx.db, child.id);
      const person = (data.held.tables.get('person') ?? []).find((p) => p['id'] === child.id) ?? {};
      return {
        title: `Everything held about ${child.name}`,
        laChildId: person['la_child_id'] ?? null,
        producedAt: ctx.time.now(),
        producedBy: `${user.displayName} (${ROLES[user.role]})`,
        jsonHref: `/api/v1/children/${child.id}/subject-access`,
        ...presentExport(data),
      };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/subject-access',
    summary: 'Everything held about a child, for a subject access request: every row that points at them (found from the foreign keys), earlier versions, and who opened the record; managers only, audited as an export',
    tag: 'Subject access',
    params: ChildParams,
    guard: childApi('see', 'subject-access', EXPORT),
    handler: async ({ params, request }) => asJson(await subjectAccessData(ctx.db, params.childId), request.child!, request.user!, ctx.time.now()),
  });
};
