// Workforce figures for managers (WF-04): by team, the share of agency staff, agency staff in post
// more than six months, leavers in the last 12 months and the newly qualified. Newham 2014 ¶119:
// "The proportion of agency staff covering vacant social work posts varies across teams … 57% of the
// total agency staff in the assessment service has been in post for more than six months"; ¶118: "17%
// of staff are newly qualified"; Southend 2016 ¶123: "only five members of staff leaving the local
// authority in the last 12 months"; Wandsworth 2016 ¶112. One grouped query; each figure opens its workers.
import { sql } from 'kysely';
import { addMonths } from '../calendar/index.ts';
import type { Db } from '../db/history.ts';

export const FIGURES = {
  agency: 'Agency staff',
  'agency-long': 'Agency staff in post more than 6 months',
  leavers: 'Left in the last 12 months',
  'newly-qualified': 'Newly qualified social workers',
} as const;
export type Figure = keyof typeof FIGURES;
export const isFigure = (value: unknown): value is Figure => typeof value === 'string' && Object.hasOwn(FIGURES, value);

export interface TeamFigures {
  teamId: string;
  teamName: string;
  inPost: number;
  agency: number;
  agencyPercent: number;
  agencyLong: number;
  leavers: number;
  newlyQualified: number;
}

/** SQL conditions for each figure, on worker_profile wp and app_user u. */
function conditionOf(figure: Figure | 'in-post', today: string) {
  const inPost = sql`(u.active AND wp.started_on <= ${today} AND (wp.left_on IS NULL OR wp.left_on > ${today}))`;
  switch (figure) {
    case 'in-post':
      return inPost;
    case 'agency':
      return sql`(${inPost} AND wp.employment = 'agency')`;
    case 'agency-long':
      return sql`(${inPost} AND wp.employment = 'agency' AND wp.started_on < ${addMonths(today, -6)})`;
    case 'leavers':
      return sql`(wp.left_on > ${addMonths(today, -12)} AND wp.left_on <= ${today})`;
    case 'newly-qualified':
      // As isNewlyQualified: qualified within the year, ASYE not completed by today.
      return sql`(${inPost} AND wp.qualified_on <= ${today} AND wp.qualified_on > ${addMonths(today, -12)} AND (wp.asye_completed_on IS NULL OR wp.asye_completed_on > ${today}))`;
  }
}

export async function teamFigures(db: Db, today: string, teamIds: readonly string[] | null): Promise<TeamFigures[]> {
  if (teamIds && teamIds.length === 0) return [];
  const rows = await sql<{ team_id: string; team_name: string; in_post: number; agency: number; agency_long: number; leavers: number; newly_qualified: number }>`
    SELECT t.id AS team_id, t.name AS team_name,
      (count(*) FILTER (WHERE ${conditionOf('in-post', today)}))::int AS in_post,
      (count(*) FILTER (WHERE ${conditionOf('agency', today)}))::int AS agency,
      (count(*) FILTER (WHERE ${conditionOf('agency-long', today)}))::int AS agency_long,
      (count(*) FILTER (WHERE ${conditionOf('leavers', today)}))::int AS leavers,
      (count(*) FILTER (WHERE ${conditionOf('newly-qualified', today)}))::int AS newly_qualified
    FROM team t
    JOIN app_user u ON u.team_id = t.id
    JOIN worker_profile wp ON wp.user_id = u.id AND wp.deleted_at IS NULL
    ${teamIds ? sql`WHERE t.id IN (${sql.join(teamIds)})` : sql``}
    GROUP BY t.id, t.name
    ORDER BY t.name`.execute(db);
  return rows.rows.map((r) => ({
    teamId: r.team_id,
    teamName: r.team_name,
    inPost: Number(r.in_post),
    agency: Number(r.agency),
    agencyPercent: Number(r.in_post) ? Math.round((100 * Number(r.agency)) / Number(r.in_post)) : 0,
    agencyLong: Number(r.agency_long),
    leavers: Number(r.leavers),
    newlyQualified: Number(r.newly_qualified),
  }));
}

export interface FigureWorker {
  userId: string;
  displayName: string;
  teamName: string;
  employment: string;
  startedOn: string;
  leftOn: string | null;
  qualifiedOn: string | null;
}

/** The workers behind one figure (a team's, or every team's). */
export async function workersBehind(db: Db, today: string, figure: Figure, teamIds: readonly string[] | null): Promise<FigureWorker[]> {
  if (teamIds && teamIds.length === 0) return [];
  const rows = await sql<FigureWorker>`
    SELECT u.id AS "userId", u.display_name AS "displayName", t.name AS "teamName", wp.employment, wp.started_on::text AS "startedOn",
      wp.left_on::text AS "leftOn", wp.qualified_on::text AS "qualifiedOn"
    FROM app_user u
    JOIN team t ON t.id = u.team_id
    JOIN worker_profile wp ON wp.user_id = u.id AND wp.deleted_at IS NULL
    WHERE ${conditionOf(figure, today)} ${teamIds ? sql`AND t.id IN (${sql.join(teamIds)})` : sql``}
    ORDER BY t.name, u.display_name
    LIMIT 500`.execute(db);
  return rows.rows;
}
