// The case audit API: a child's audits, grading (a planned audit or a new one), moderation,
// correction and deletion, the tools, and the report's figures. Same service functions and the same
// guards as the pages.
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../server/context.ts';
import { apiRoute } from '../server/api.ts';
import { childApi } from '../server/child-pages.ts';
import { correctionApi } from '../server/correction-api.ts';
import { ChildParams } from '../plans/fields.ts';
import { AuditCorrection, AuditGrading, AuditModeration, AuditParams, ReportQuery } from './schemas.ts';
import { auditOfChild, auditsOfChild, correctAudit, deleteAudit, gradeAudit, moderateAudit } from './service.ts';
import { toolsOf } from './tools.ts';
import { auditReport, poorPracticeThemes } from './report.ts';
import { addDays } from '../calendar/index.ts';
import type { Guard } from '../server/guard.ts';

const TAG = 'Case audits';
const PROGRAMME_GUARD: Guard = { signedIn: true, capability: 'view-performance', reason: 'Case audit report: managers, senior leaders and the quality team' };

export function caseAuditApi(app: FastifyInstance, ctx: AppContext): void {
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/audits',
    summary: 'A child’s case audits: planned and completed, with the overall grade and the moderator’s',
    tag: TAG,
    params: ChildParams,
    guard: childApi('see', 'case-audits'),
    handler: async ({ params }) => ({ audits: await auditsOfChild(ctx.db, params.childId) }),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/audits/:auditId',
    summary: 'One case audit: each question’s grade and comment, factual items with what the record said and any override reason, moderations, actions and re-audits',
    tag: TAG,
    params: AuditParams,
    guard: childApi('see', 'case-audit', { records: { auditId: 'case_audit' } }),
    handler: async ({ params }) => auditOfChild(ctx.db, params.childId, params.auditId),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/audits',
    summary:
      'Grade a new case audit of the child with a tool (optionally a re-audit of an earlier one). Refused for the child’s current or recent worker, and for a factual item graded good or better against the record without an override reason',
    tag: TAG,
    params: ChildParams,
    query: z.object({ tool: z.guid(), reauditOf: z.guid().optional() }),
    body: AuditGrading,
    guard: childApi('see', 'case-audit'),
    change: { action: 'create', objectType: 'case-audit' },
    handler: async ({ params, query, body, request }) => ({ id: await gradeAudit(ctx.db, request.user!, params.childId, { toolId: query.tool, reauditOf: query.reauditOf ?? null }, body, ctx.time.today()) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/audits/:auditId/grade',
    summary: 'Grade an audit planned by a sample',
    tag: TAG,
    params: AuditParams,
    body: AuditGrading,
    guard: childApi('see', 'case-audit', { records: { auditId: 'case_audit' } }),
    change: { action: 'update', objectType: 'case-audit' },
    handler: async ({ params, body, request }) => ({ id: await gradeAudit(ctx.db, request.user!, params.childId, { auditId: params.auditId }, body, ctx.time.today()) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/audits/:auditId/moderations',
    summary: 'Moderate a graded audit: a second overall grade by someone other than the auditor and the child’s worker',
    tag: TAG,
    params: AuditParams,
    body: AuditModeration,
    guard: childApi('see', 'case-audit', { records: { auditId: 'case_audit' } }),
    change: { action: 'create', objectType: 'case-audit-moderation' },
    handler: async ({ params, body, request }) => ({ id: await moderateAudit(ctx.db, request.user!, params.childId, params.auditId, body, ctx.time.today()) }),
  });

  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/audits/:auditId',
    tag: TAG,
    objectType: 'case-audit',
    params: AuditParams,
    records: { auditId: 'case_audit' },
    correct: {
      summary: 'Correct an audit’s overall grade, the child’s experience or the impact, with the reason (the auditor only); the old version is kept',
      body: AuditCorrection,
      save: (user, p, body) => correctAudit(ctx.db, user, p.childId, p.auditId, body),
    },
    remove: {
      summary: 'Delete an audit, with the reason; a copy is kept',
      save: (user, p, body) => deleteAudit(ctx.db, user, p.childId, p.auditId, body.reason),
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/audit-tools',
    summary: 'The audit tools in use and retired: domains, questions and the factual items read from the record',
    tag: TAG,
    guard: { signedIn: true, reason: 'Audit tools are the council’s published standards' },
    handler: async () => ({ tools: await toolsOf(ctx.db, false) }),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/audits/report',
    summary: 'The audit report’s figures: audits by overall grade, by domain, by team and by question; overrides; moderation variance by the grader’s role; re-audit changes. Of children the user may see',
    tag: TAG,
    query: ReportQuery,
    guard: PROGRAMME_GUARD,
    handler: async ({ query, request }) => {
      const filter = { from: query.from ?? addDays(ctx.time.today(), -364), to: query.to ?? ctx.time.today(), tool: query.tool ?? null };
      const report = await auditReport(ctx.db, request.user!, filter);
      return { filter, ...report, themes: poorPracticeThemes(report.byQuestion) };
    },
  });
}
