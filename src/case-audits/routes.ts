// Case audit pages: the programme (/audits), drawing a sample, the report and the children behind each
// figure, the tools, and on a child's record their audits, the grading form, moderation, correction
// and deletion. HTTP only: the rules are in service.ts, the figures in report.ts. The API is in
// routes-api.ts.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RegisterRoutes } from '../server/context.ts';
import type { Guard } from '../server/guard.ts';
import { can } from '../access/roles.ts';
import { childDelete, childForm, childPage, type Page, type Values } from '../server/child-pages.ts';
import { checkboxItems, radioItems } from '../server/form-items.ts';
import { dateInputItems, foldDateInputs, parseForm, type FormErrors } from '../server/forms.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { addNavigationItem } from '../server/navigation.ts';
import { govukPagination } from '../server/pagination.ts';
import { Forbidden, NotFound, RuleBroken } from '../server/errors.ts';
import { addDays } from '../calendar/index.ts';
import { AUDITING_ROLES, AUDITOR_ROLES, defaultAuditorRole, GRADES, SAMPLE_KINDS, TOOL_ROLES, type Grade } from './codes.ts';
import { GENERAL_TOOL_ID } from './default-tools.ts';
import { FACT_CODES, FACTS, factsOf } from './facts.ts';
import { AuditCorrection, AuditGradingForm, AuditModeration, ACTION_SLOTS, SampleInput, ToolInput } from './schemas.ts';
import { auditOfChild, auditsOfChild, correctAudit, deleteAudit, drawSample, gradeAudit, gradeChange, gradeLabel, moderateAudit, subjectWorkerOf } from './service.ts';
import { addTool, setToolActive, toolOf, toolsOf } from './tools.ts';
import { auditReport, auditsBehind, PAGE_SIZE, poorPracticeThemes, type CountFilter, type ReportFilter } from './report.ts';
import { programmeOf, PROGRAMME_PAGE } from './programme.ts';
import { caseAuditApi } from './routes-api.ts';
import './record-section.ts';

addNavigationItem({ href: '/audits', text: 'Case audits', show: (role) => can(role, 'view-performance') });

/** Managers, senior leaders and analysts run the programme and read the report. */
export const PROGRAMME_GUARD: Guard = { signedIn: true, capability: 'view-performance', reason: 'Case audit programme and report: managers, senior leaders and the quality team' };
const TOOLS_GUARD: Guard = { signedIn: true, reason: 'Audit tools: administrators and senior leaders add them; auditors read them' };

const GRADE_LABELS = Object.fromEntries(GRADES.map((g) => [g.code, g.label]));
const GRADE_TAGS = Object.fromEntries(GRADES.map((g) => [g.code, g.tag]));
const ROLE_LABELS = Object.fromEntries(AUDITOR_ROLES.map((r) => [r.code, r.label]));
const mayAudit = (role: string) => (AUDITING_ROLES as readonly string[]).includes(role);
const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
const isGrade = (v: unknown): v is Grade => GRADES.some((g) => g.code === v);
const pageOf = (v: unknown) => Math.max(1, Number.parseInt(String(v ?? '1'), 10) || 1);

/** What the grading page shows: the tool's questions, each factual item with what the record says. */
async function gradingView(ctx: Parameters<RegisterRoutes>[1], page: Page) {
  const { child, params, query, today } = page;
  const auditId = params['auditId'] ?? null;
  const planned = auditId ? (await auditOfChild(ctx.db, child.id, auditId)).audit : null;
  const reauditOf = planned?.reaudit_of ?? text(query['reauditOf']);
  const toolId = planned?.tool_id ?? text(query['tool']) ?? GENERAL_TOOL_ID;
  const tool = await toolOf(ctx.db, toolId);
  // What the record says today; the audit stores what it said on the day of the audit.
  const on = today;
  const [facts, subject, first] = await Promise.all([
    factsOf(ctx.db, child.id, on),
    planned?.subject_worker_id ? Promise.resolve(null) : subjectWorkerOf(ctx.db, child.id, on),
    reauditOf ? auditOfChild(ctx.db, child.id, reauditOf) : Promise.resolve(null),
  ]);
  return { planned, tool, facts, subjectName: planned?.subject_name ?? subject?.display_name ?? null, subjectId: planned?.subject_worker_id ?? subject?.worker_id ?? null, first, reauditOf };
}

export const caseAuditRoutes: RegisterRoutes = (app, ctx) => {
  const home = (childId: string) => `/children/${childId}/audits`;
  const base = '/children/:childId/audits';
  const AUDIT = { auditId: 'case_audit' } as const;

  // --- On the child's record ----------------------------------------------------------------
  childPage(app, ctx, {
    path: base,
    audit: 'case-audits',
    template: 'case-audits/views/child-audits.njk',
    load: async ({ child, user }) => ({
      title: 'Case audits',
      audits: await auditsOfChild(ctx.db, child.id),
      tools: await toolsOf(ctx.db),
      mayAudit: mayAudit(user.role),
      gradeLabels: GRADE_LABELS,
      gradeTags: GRADE_TAGS,
      roleLabels: ROLE_LABELS,
    }),
  });

  const gradingForm = (path: string, records?: typeof AUDIT) =>
    childForm(app, ctx, {
      path,
      ...(records ? { records } : {}),
      // Senior leaders read but do not change the casework; they do audit it (decision 0024).
      access: 'see',
      audit: 'case-audit',
      template: 'case-audits/views/audit-form.njk',
      schema: AuditGradingForm,
      dates: ['auditedOn', ...ACTION_SLOTS.map((n) => `due${n}`)],
      load: (page) => gradingView(ctx, page),
      initial: (data, { today, user }) => ({ auditedOn: today, auditorRole: defaultAuditorRole(user.role), questionKeys: data.tool.questions.map((q) => q.key).join(',') }),
      view: (data, values, { user, today }) => ({
        title: data.first ? `Re-audit: ${data.tool.name}` : data.tool.name,
        ...data,
        mayAudit: mayAudit(user.role),
        ownWork: data.subjectId === user.id,
        graded: data.planned?.status === 'completed',
        questionKeys: data.tool.questions.map((q) => q.key).join(','),
        domains: data.tool.domains.map((d) => ({
          title: d.title,
          questions: data.tool.questions
            .filter((q) => q.domainKey === d.key)
            .map((q) => ({ ...q, fact: q.fact ? data.facts[q.fact] : null, items: radioItems(GRADES, values[`grade-${q.key}`]) })),
        })),
        firstGrades: data.first ? Object.fromEntries(data.first.answers.map((a) => [a.question_key, GRADE_LABELS[a.grade]])) : {},
        overallItems: radioItems(GRADES, values['overallGrade']),
        roleItems: radioItems(AUDITOR_ROLES, values['auditorRole']),
        slots: ACTION_SLOTS,
        today,
      }),
      save: async (input, { user, child, params, query, today }) => {
        const id = await gradeAudit(ctx.db, user, child.id, { auditId: params['auditId'] ?? null, toolId: text(query['tool']) ?? GENERAL_TOOL_ID, reauditOf: text(query['reauditOf']) }, input, today);
        return { next: `${home(child.id)}/${id}`, audit: { action: params['auditId'] ? 'update' : 'create', objectType: 'case-audit', objectId: id } };
      },
    });
  gradingForm(`${base}/new`);
  gradingForm(`${base}/:auditId/grade`, AUDIT);

  childPage(app, ctx, {
    path: `${base}/:auditId`,
    records: AUDIT,
    audit: 'case-audit',
    template: 'case-audits/views/audit.njk',
    load: async ({ child, params, user }) => {
      const a = await auditOfChild(ctx.db, child.id, params['auditId']!);
      const first = a.reaudits.find((r) => r.id === a.audit.reaudit_of) ?? null;
      const later = a.reaudits.filter((r) => r.reaudit_of === a.audit.id);
      const gradeOf = (auditId: string, key: string) => a.otherAnswers.find((x) => x.audit_id === auditId && x.question_key === key)?.grade ?? null;
      return {
        title: a.audit.status === 'planned' ? `Audit to grade: ${a.audit.tool_name}` : `${a.audit.reaudit_of ? 'Re-audit' : 'Case audit'}: ${a.audit.tool_name}`,
        ...a,
        first: first ? { ...first, change: gradeChange(first.overall_grade, a.audit.overall_grade) } : null,
        later: later.map((r) => ({ ...r, change: gradeChange(a.audit.overall_grade, r.overall_grade) })),
        answerRows: a.answers.map((x) => ({ ...x, firstGrade: first ? gradeOf(first.id, x.question_key) : null, change: first ? gradeChange(gradeOf(first.id, x.question_key), x.grade) : null })),
        mayAudit: mayAudit(user.role),
        isAuditor: a.audit.auditor_id === user.id,
        gradeLabels: GRADE_LABELS,
        gradeTags: GRADE_TAGS,
        roleLabels: ROLE_LABELS,
      };
    },
  });

  childForm(app, ctx, {
    path: `${base}/:auditId/moderate`,
    records: AUDIT,
    access: 'see',
    audit: 'case-audit',
    template: 'case-audits/views/moderate.njk',
    schema: AuditModeration,
    dates: ['moderatedOn'],
    load: ({ child, params }) => auditOfChild(ctx.db, child.id, params['auditId']!),
    initial: (_a, { today, user }) => ({ moderatedOn: today, moderatorRole: defaultAuditorRole(user.role) }),
    view: (a, values, { user }) => ({
      title: 'Moderate the audit',
      ...a,
      mayModerate: mayAudit(user.role) && a.audit.status === 'completed' && a.audit.auditor_id !== user.id,
      gradeLabels: GRADE_LABELS,
      roleLabels: ROLE_LABELS,
      gradeItems: radioItems(GRADES, values['overallGrade']),
      roleItems: radioItems(AUDITOR_ROLES, values['moderatorRole']),
    }),
    save: async (input, { user, child, params, today }) => {
      const id = await moderateAudit(ctx.db, user, child.id, params['auditId']!, input, today);
      return { next: `${home(child.id)}/${params['auditId']}`, audit: { action: 'create', objectType: 'case-audit-moderation', objectId: id } };
    },
  });

  childForm(app, ctx, {
    path: `${base}/:auditId/change`,
    records: AUDIT,
    access: 'see',
    audit: 'case-audit',
    template: 'case-audits/views/correct.njk',
    schema: AuditCorrection,
    load: ({ child, params }) => auditOfChild(ctx.db, child.id, params['auditId']!),
    initial: ({ audit }) => ({ overallGrade: audit.overall_grade, childExperience: audit.child_experience, impact: audit.impact, version: audit.version }),
    view: (a, values, { user }) => ({ title: 'Correct the audit', ...a, mayCorrect: a.audit.status === 'completed' && a.audit.auditor_id === user.id, gradeItems: radioItems(GRADES, values['overallGrade']) }),
    save: async (input, { user, child, params }) => {
      await correctAudit(ctx.db, user, child.id, params['auditId']!, input);
      return { next: `${home(child.id)}/${params['auditId']}`, audit: { action: 'update', objectType: 'case-audit', objectId: params['auditId']! } };
    },
  });

  childDelete(app, ctx, {
    path: `${base}/:auditId/delete`,
    records: AUDIT,
    access: 'see',
    audit: 'case-audit',
    title: 'Delete this audit',
    load: async ({ child, params }) => {
      const { audit } = await auditOfChild(ctx.db, child.id, params['auditId']!);
      return {
        backHref: `${home(child.id)}/${audit.id}`,
        rows: [
          { key: { text: 'Audit' }, value: { text: audit.tool_name } },
          { key: { text: 'Graded' }, value: { text: audit.audited_on ? `${gradeLabel(audit.overall_grade)} on ${formatDate(audit.audited_on)}` : 'Not graded yet' } },
        ],
      };
    },
    remove: async ({ user, child, params }, reason) => {
      await deleteAudit(ctx.db, user, child.id, params['auditId']!, reason);
      return { next: home(child.id), audit: { action: 'delete', objectType: 'case-audit', objectId: params['auditId']! } };
    },
  });

  // --- The programme --------------------------------------------------------------------------
  app.get('/audits', { config: { guard: PROGRAMME_GUARD } }, async (request, reply) => {
    const page = pageOf((request.query as Values)['page']);
    const programme = await programmeOf(ctx.db, request.user!, page);
    await request.audit({ action: 'view-child', objectType: 'audit-programme', detail: { planned: programme.planned.length, completed: programme.completed.length, page } });
    return reply.render('case-audits/views/programme.njk', {
      title: 'Case audits',
      ...programme,
      page,
      first: (page - 1) * PROGRAMME_PAGE + 1,
      pagination: govukPagination(page, Math.ceil(programme.plannedTotal / PROGRAMME_PAGE), (p) => `/audits?page=${p}`),
      kindLabels: Object.fromEntries(SAMPLE_KINDS.map((k) => [k.code, k.label])),
      gradeLabels: GRADE_LABELS,
      gradeTags: GRADE_TAGS,
      roleLabels: ROLE_LABELS,
      mayTools: (TOOL_ROLES as readonly string[]).includes(request.user!.role),
    });
  });

  const sampleForm = async (request: FastifyRequest, reply: FastifyReply, values: Values, errors?: FormErrors, status = 200) => {
    const [tools, teams] = await Promise.all([toolsOf(ctx.db), ctx.db.selectFrom('team').select(['id', 'name']).orderBy('name').execute()]);
    return reply.code(status).render('case-audits/views/sample-form.njk', {
      title: 'Draw a sample to audit',
      values,
      errors,
      dateItems: (name: string) => dateInputItems(name, values, Boolean(errors?.fields[name])),
      kindItems: radioItems(SAMPLE_KINDS, values['kind']),
      toolItems: [{ value: '', text: 'Choose a tool' }, ...tools.map((t) => ({ value: t.id, text: t.name, selected: values['toolId'] === t.id }))],
      teamItems: [{ value: '', text: 'Any team' }, ...teams.map((t) => ({ value: t.id, text: t.name, selected: values['teamId'] === t.id }))],
    });
  };

  app.get('/audits/samples/new', { config: { guard: PROGRAMME_GUARD } }, async (request, reply) => {
    const today = ctx.time.today();
    // A week's work by default: the last full week (QA-06, "a chosen week's no further action contacts").
    const day = new Date(`${today}T00:00:00Z`).getUTCDay();
    const lastSunday = addDays(today, -(day === 0 ? 7 : day));
    const [from, to] = [addDays(lastSunday, -6), lastSunday];
    const split = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });
    return sampleForm(request, reply, { kind: 'nfa_contacts', toolId: '', size: '10', ...split('periodFrom', from), ...split('periodTo', to) });
  });

  app.post('/audits/samples/new', { config: { guard: PROGRAMME_GUARD } }, async (request, reply) => {
    const values = foldDateInputs({ ...((request.body as Values | undefined) ?? {}) }, ['periodFrom', 'periodTo']);
    const parsed = parseForm(SampleInput, values);
    if (!parsed.ok) return sampleForm(request, reply, values, parsed.errors, 400);
    try {
      const sample = await drawSample(ctx.db, request.user!, parsed.data, ctx.time.today());
      await request.audit({ action: 'create', objectType: 'audit-sample', objectId: sample.id, detail: { drawn: sample.drawn, eligible: sample.eligible } });
      return reply.code(303).redirect(`/audits?sample=${sample.id}`);
    } catch (error) {
      if (!(error instanceof RuleBroken)) throw error;
      const field = error.field ?? 'kind';
      return sampleForm(request, reply, values, { list: [{ text: error.message, href: `#${field}` }], fields: { [field]: { text: error.message } } }, 422);
    }
  });

  // --- The report -----------------------------------------------------------------------------
  const filterOf = (query: Values): ReportFilter => {
    const date = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
    const tool = typeof query['tool'] === 'string' && /^[0-9a-f-]{36}$/i.test(query['tool']) ? query['tool'] : null;
    return { from: date(query['from']) ?? addDays(ctx.time.today(), -364), to: date(query['to']) ?? ctx.time.today(), tool };
  };
  const qs = (f: ReportFilter, more: Record<string, string | null | undefined> = {}) =>
    new URLSearchParams(Object.entries({ from: f.from, to: f.to, tool: f.tool, ...more }).filter((e): e is [string, string] => Boolean(e[1]))).toString();

  app.get('/audits/report', { config: { guard: PROGRAMME_GUARD } }, async (request, reply) => {
    const f = filterOf(request.query as Values);
    const [report, tools] = await Promise.all([auditReport(ctx.db, request.user!, f), toolsOf(ctx.db, false)]);
    await request.audit({ action: 'view-child', objectType: 'audit-report', detail: { audits: report.byGrade.total, tool: f.tool } });
    return reply.render('case-audits/views/report.njk', {
      title: 'Case audit report',
      filter: f,
      report,
      themes: poorPracticeThemes(report.byQuestion),
      toolName: tools.find((t) => t.id === f.tool)?.name ?? null,
      toolItems: [{ value: '', text: 'Every tool' }, ...tools.map((t) => ({ value: t.id, text: t.name, selected: t.id === f.tool }))],
      grades: GRADES,
      roleLabels: ROLE_LABELS,
      href: (more: Record<string, string | null | undefined>) => `/audits/report/audits?${qs(f, more)}`,
      byKey: (key: string, value: string | null, grade: string | null) => ({ [key]: value ?? 'none', grade }),
    });
  });

  app.get('/audits/report/audits', { config: { guard: PROGRAMME_GUARD } }, async (request, reply) => {
    const query = request.query as Values;
    const base = filterOf(query);
    const f: CountFilter = {
      ...base,
      grade: isGrade(query['grade']) ? query['grade'] : null,
      domain: text(query['domain']),
      question: text(query['question']),
      team: text(query['team']),
      overrides: query['overrides'] === '1',
      auditorRole: AUDITOR_ROLES.some((r) => r.code === query['auditorRole']) ? (query['auditorRole'] as CountFilter['auditorRole']) : null,
    };
    const page = pageOf(query['page']);
    const list = await auditsBehind(ctx.db, request.user!, f, page);
    await request.audit({ action: 'view-child', objectType: 'audit-report-list', detail: { audits: list.rows.length, page } });
    const more = { grade: f.grade, domain: f.domain, question: f.question, team: f.team, overrides: f.overrides ? '1' : null, auditorRole: f.auditorRole };
    const what = [
      f.grade ? `graded ${midSentence(GRADE_LABELS[f.grade]!)}` : null,
      f.domain ? 'in one domain' : null,
      f.question ? `on “${list.rows[0]?.question ?? 'one question'}”` : null,
      f.team ? `in ${list.rows[0]?.team_name ?? 'one team'}` : null,
      f.overrides ? 'with a factual item graded against the record' : null,
      f.auditorRole ? `graded by a ${midSentence(ROLE_LABELS[f.auditorRole]!)} and moderated` : null,
    ].filter(Boolean);
    return reply.render('case-audits/views/report-audits.njk', {
      title: 'Audits behind the figure',
      what: what.join(', '),
      ...list,
      page,
      first: (page - 1) * PAGE_SIZE + 1,
      filter: base,
      reportHref: `/audits/report?${qs(base)}`,
      pagination: govukPagination(page, Math.ceil(list.total / PAGE_SIZE), (p) => `/audits/report/audits?${qs(base, { ...more, page: String(p) })}`),
      gradeLabels: GRADE_LABELS,
      gradeTags: GRADE_TAGS,
      roleLabels: ROLE_LABELS,
      answers: Boolean(f.domain || f.question || f.overrides),
    });
  });

  // --- Tools ----------------------------------------------------------------------------------
  const toolsPage = async (request: FastifyRequest, reply: FastifyReply, values: Values, errors?: FormErrors, status = 200) => {
    const tools = await toolsOf(ctx.db, false);
    return reply.code(status).render('case-audits/views/tools.njk', {
      title: 'Audit tools',
      tools: tools.map((t) => ({ ...t, questions: t.domains.reduce((n, d) => n + d.questions.length, 0) })),
      mayAdd: (TOOL_ROLES as readonly string[]).includes(request.user!.role),
      values,
      errors,
      factItems: checkboxItems(FACT_CODES.map((c) => ({ code: c, label: FACTS[c] })), values['facts']),
    });
  };
  app.get('/audits/tools', { config: { guard: TOOLS_GUARD } }, async (request, reply) => toolsPage(request, reply, {}));
  app.post('/audits/tools', { config: { guard: TOOLS_GUARD } }, async (request, reply) => {
    if (!(TOOL_ROLES as readonly string[]).includes(request.user!.role)) throw new Forbidden('Only an administrator or a senior leader can add an audit tool');
    const values = { ...((request.body as Values | undefined) ?? {}) };
    const parsed = parseForm(ToolInput, values);
    if (!parsed.ok) return toolsPage(request, reply, values, parsed.errors, 400);
    try {
      const id = await addTool(ctx.db, request.user!, parsed.data);
      await request.audit({ action: 'create', objectType: 'audit-tool', objectId: id });
      return reply.code(303).redirect('/audits/tools');
    } catch (error) {
      if (!(error instanceof RuleBroken)) throw error;
      const field = error.field ?? 'name';
      return toolsPage(request, reply, values, { list: [{ text: error.message, href: `#${field}` }], fields: { [field]: { text: error.message } } }, 422);
    }
  });

  // Retiring a tool stops new audits with it; audits made with it keep it.
  app.post('/audits/tools/:toolId/active', { config: { guard: TOOLS_GUARD } }, async (request, reply) => {
    const toolId = (request.params as { toolId: string }).toolId;
    if (!/^[0-9a-f-]{36}$/i.test(toolId)) throw new NotFound('No audit tool with that id');
    const active = (request.body as Values | undefined)?.['active'] === 'yes';
    await setToolActive(ctx.db, request.user!, toolId, active);
    await request.audit({ action: 'update', objectType: 'audit-tool', objectId: toolId, detail: { active } });
    return reply.code(303).redirect('/audits/tools');
  });

  caseAuditApi(app, ctx);
};

