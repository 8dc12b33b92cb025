// Case audits (issue 8; seed QA-01..QA-06, QA-09, DQ-41, DQ-42; decision 0024): an audit is graded
// by a manager or auditor who is not the child's worker, question by question with Ofsted's four
// grades, with factual items read from the record; its actions go to the child's record; a second
// grader moderates it; a re-audit tests the impact. Who may see the child is checked by the guard.
import { randomUUID, randomInt } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { addCaseActions } from '../actions/service.ts';
import type { NewCaseAction } from '../actions/schemas.ts';
import { correctRecord, deleteRecord } from '../server/corrections.ts';
import { Forbidden, NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { addDays } from '../calendar/index.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { AUDITING_ROLES, AUDITOR_ROLES, GOOD_OR_BETTER, GRADES, labelOf, RECENT_WORKER_DAYS, type Grade } from './codes.ts';
import { factsOf } from './facts.ts';
import { toolOf } from './tools.ts';
import type { AuditCorrection, AuditGrading, AuditModeration, SampleInput } from './schemas.ts';

export const gradeLabel = (g: string | null) => labelOf(GRADES, g) ?? 'Not graded';

/** Managers, senior leaders and the quality team audit (decision 0024); others are refused. */
export function assertMayAudit(user: SignedInUser): void {
  if (!(AUDITING_ROLES as readonly string[]).includes(user.role)) throw new Forbidden('Only managers, senior leaders and the quality assurance team audit cases');
}

/** The child's allocated worker (not the IRO) on `on`, or the latest before it: the worker whose work is audited, and their team. */
export async function subjectWorkerOf(db: Db, childId: string, on: string) {
  return db
    .selectFrom('allocation as a')
    .innerJoin('app_user as u', 'u.id', 'a.worker_id')
    .select(['a.worker_id', 'u.display_name', 'u.team_id'])
    .where('a.child_id', '=', childId)
    .where('a.role', '<>', 'iro')
    .where('a.deleted_at', 'is', null)
    .where('a.from_date', '<=', on)
    .orderBy(sql`a.to_date IS NULL`, 'desc')
    .orderBy('a.to_date', 'desc')
    .orderBy('a.from_date', 'desc')
    .executeTakeFirst();
}

/**
 * A worker does not audit their own work (Southend 2016 ¶118; seed QA-01, QA-09): the audit's
 * subject worker, or anyone allocated to the child (other than as IRO) now or in the
 * RECENT_WORKER_DAYS before the audit, is refused.
 */
export async function assertNotOwnWork(db: Db, graderId: string, childId: string, subjectWorkerId: string | null, on: string, field: string): Promise<void> {
  const since = addDays(on, -RECENT_WORKER_DAYS);
  const allocated = await db
    .selectFrom('allocation')
    .select('id')
    .where('child_id', '=', childId)
    .where('worker_id', '=', graderId)
    .where('role', '<>', 'iro')
    .where('deleted_at', 'is', null)
    .where('from_date', '<=', on)
    .where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>=', since)]))
    .executeTakeFirst();
  if (graderId === subjectWorkerId || allocated) {
    throw new RuleBroken('You are, or recently were, this child’s allocated worker, so you cannot grade this audit: a manager or auditor who has not worked with the child must grade it', field);
  }
}

export interface GradeTarget {
  /** A planned audit from a sample. */
  auditId?: string | null;
  /** An audit started from the child's record, with this tool. */
  toolId?: string | null;
  /** The audit this one re-audits. */
  reauditOf?: string | null;
}

const ACTION_FIELD = (i: number, name: keyof NewCaseAction) => `${name === 'description' || name === 'ownerUserId' ? 'action' : name === 'owner' ? 'owner' : 'due'}${i + 1}`;

/** Grades an audit (a planned one, or a new one); returns its id. Refuses the child's own worker, and a factual item graded against the record without a reason. */
export async function gradeAudit(db: Kysely<Database>, user: SignedInUser, childId: string, target: GradeTarget, input: AuditGrading, today: string): Promise<string> {
  assertMayAudit(user);
  if (input.auditedOn > today) throw new RuleBroken('The date of the audit cannot be in the future', 'auditedOn');
  return db.transaction().execute(async (tx) => {
    assertNotBeforeBirth(await childDates(tx, childId), input.auditedOn, 'auditedOn', 'The date of the audit');
    const planned = target.auditId ? await auditRow(tx, childId, target.auditId) : null;
    if (planned && planned.status !== 'planned') throw new RuleBroken('This audit has already been graded: correct it, or moderate it', 'form');
    const toolId = planned?.tool_id ?? target.toolId;
    if (!toolId) throw new RuleBroken('Choose the audit tool', 'toolId');
    const tool = await toolOf(tx, toolId);
    if (!planned && !tool.active) throw new RuleBroken('That tool has been retired: choose another', 'toolId');
    const reauditOf = planned?.reaudit_of ?? target.reauditOf ?? null;
    if (reauditOf) {
      const first = await auditRow(tx, childId, reauditOf);
      if (first.status !== 'completed') throw new RuleBroken('Only a completed audit can be re-audited', 'form');
      if (first.audited_on! > input.auditedOn) throw new RuleBroken(`A re-audit comes after the audit it follows up (${formatDate(first.audited_on!)})`, 'auditedOn');
    }
    const subject = planned?.subject_worker_id
      ? { worker_id: planned.subject_worker_id, team_id: planned.team_id }
      : ((await subjectWorkerOf(tx, childId, input.auditedOn)) ?? null);
    await assertNotOwnWork(tx, user.id, childId, subject?.worker_id ?? null, input.auditedOn, 'form');

    // Every question of the tool graded once, no other.
    const wanted = new Set(tool.questions.map((q) => q.key));
    const given = new Map(input.answers.map((a) => [a.questionKey, a]));
    if (given.size !== input.answers.length || given.size !== wanted.size || [...wanted].some((k) => !given.has(k))) {
      throw new RuleBroken(`Grade each of the tool’s ${wanted.size} questions once: reload the page and try again`, 'form');
    }
    // Factual items: what the record said on the day of the audit (Wandsworth 2017 ¶23, ¶104; DQ-41).
    const facts = await factsOf(tx, childId, input.auditedOn);
    for (const q of tool.questions) {
      const answer = given.get(q.key)!;
      const fact = q.fact ? facts[q.fact] : null;
      if (fact?.met === false && GOOD_OR_BETTER.includes(answer.grade) && !answer.overrideReason) {
        throw new RuleBroken(`Question ${q.position}: the record says this was not met (${fact.says}). Say why you grade it ${midSentence(gradeLabel(answer.grade))}, or change the grade`, `override-${q.key}`);
      }
    }

    const id = planned?.id ?? randomUUID();
    const values = {
      status: 'completed' as const,
      audited_on: input.auditedOn,
      auditor_id: user.id,
      auditor_role: input.auditorRole,
      overall_grade: input.overallGrade,
      child_experience: input.childExperience,
      impact: input.impact,
      subject_worker_id: subject?.worker_id ?? null,
      team_id: subject?.team_id ?? null,
    };
    if (planned) await updateRecord(tx, 'case_audit', id, values, user.id);
    else await tx.insertInto('case_audit').values({ id, child_id: childId, tool_id: tool.id, sample_id: null, reaudit_of: reauditOf, recorded_by: user.id, ...values }).execute();
    await tx
      .insertInto('case_audit_answer')
      .values(
        tool.questions.map((q) => {
          const answer = given.get(q.key)!;
          const fact = q.fact ? facts[q.fact] : null;
          return {
            id: randomUUID(),
            audit_id: id,
            child_id: childId,
            domain_key: q.domainKey,
            domain_title: q.domainTitle,
            question_key: q.key,
            question: q.text,
            position: q.position,
            grade: answer.grade,
            comment: answer.comment,
            fact: q.fact,
            fact_met: fact?.met ?? null,
            fact_says: fact?.says ?? null,
            // Kept only where it overrides the record: that is what the report lists.
            override_reason: fact?.met === false && GOOD_OR_BETTER.includes(answer.grade) ? answer.overrideReason : null,
            recorded_by: user.id,
          };
        }),
      )
      .execute();
    await addCaseActions(tx, user.id, childId, 'audit', id, input.actions, input.auditedOn, ACTION_FIELD);
    await recordEvent(
      tx,
      { childId, type: 'case-audit.completed', occurredOn: input.auditedOn, sourceTable: 'case_audit', sourceId: id, scopeId: id, title: auditTitle(tool.name, input.overallGrade, input.auditorRole, Boolean(reauditOf)), detail: input.childExperience },
      user.id,
      { refresh: false },
    );
    return id;
  });
}

export const auditTitle = (toolName: string, grade: Grade, role: string, reaudit: boolean) =>
  `${reaudit ? 'Re-audit' : 'Case audit'} (${toolName}): ${midSentence(gradeLabel(grade))}, graded by a ${midSentence(labelOf(AUDITOR_ROLES, role) ?? 'auditor')}`;

async function auditRow(db: Db, childId: string, auditId: string) {
  const audit = await db.selectFrom('case_audit').selectAll().where('id', '=', auditId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!audit || audit.child_id !== childId) throw new NotFound('No audit with that id for this child');
  return audit;
}

/** A second grade by someone other than the auditor and the child's worker (QA-01, QA-02; Newham 2014 ¶133). */
export async function moderateAudit(db: Kysely<Database>, user: SignedInUser, childId: string, auditId: string, input: AuditModeration, today: string): Promise<string> {
  assertMayAudit(user);
  if (input.moderatedOn > today) throw new RuleBroken('The date of the moderation cannot be in the future', 'moderatedOn');
  return db.transaction().execute(async (tx) => {
    const audit = await auditRow(tx, childId, auditId);
    if (audit.status !== 'completed') throw new RuleBroken('The audit has not been graded yet: grade it first', 'form');
    if (input.moderatedOn < audit.audited_on!) throw new RuleBroken(`The moderation comes after the audit (${formatDate(audit.audited_on!)})`, 'moderatedOn');
    if (audit.auditor_id === user.id) throw new RuleBroken('You graded this audit: moderation needs a second person', 'form');
    await assertNotOwnWork(tx, user.id, childId, audit.subject_worker_id, input.moderatedOn, 'form');
    const id = randomUUID();
    await tx
      .insertInto('case_audit_moderation')
      .values({ id, audit_id: auditId, child_id: childId, moderated_on: input.moderatedOn, moderator_id: user.id, moderator_role: input.moderatorRole, overall_grade: input.overallGrade, comment: input.comment, recorded_by: user.id })
      .execute();
    const agreed = input.overallGrade === audit.overall_grade;
    await recordEvent(
      tx,
      {
        childId,
        type: 'case-audit.moderated',
        occurredOn: input.moderatedOn,
        sourceTable: 'case_audit_moderation',
        sourceId: id,
        scopeId: auditId,
        title: `Case audit moderated: ${agreed ? 'agreed' : `${midSentence(gradeLabel(input.overallGrade))} (the auditor graded ${midSentence(gradeLabel(audit.overall_grade))})`}`,
        detail: input.comment,
      },
      user.id,
      { refresh: false },
    );
    return id;
  });
}

/** Corrects the overall grade, the child's experience or the impact, with the reason; the old version is kept. */
export async function correctAudit(db: Kysely<Database>, user: SignedInUser, childId: string, auditId: string, input: AuditCorrection): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const audit = await auditRow(tx, childId, auditId);
    if (audit.status !== 'completed') throw new RuleBroken('The audit has not been graded yet', 'form');
    if (audit.auditor_id !== user.id) throw new RuleBroken('Only the auditor corrects their audit: a second view is a moderation', 'form');
    const tool = await toolOf(tx, audit.tool_id);
    await correctRecord(tx, {
      table: 'case_audit',
      id: auditId,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: { overall_grade: input.overallGrade, child_experience: input.childExperience, impact: input.impact },
      event: { title: auditTitle(tool.name, input.overallGrade, audit.auditor_role!, Boolean(audit.reaudit_of)), detail: input.childExperience },
    });
  });
}

export async function deleteAudit(db: Kysely<Database>, user: SignedInUser, childId: string, auditId: string, reason: string): Promise<void> {
  assertMayAudit(user);
  await db.transaction().execute(async (tx) => {
    await auditRow(tx, childId, auditId);
    await deleteRecord(tx, { table: 'case_audit', id: auditId, actorId: user.id, reason, childId });
  });
}

// --- A child's audits --------------------------------------------------------------------------

export async function auditsOfChild(db: Db, childId: string) {
  return db
    .selectFrom('case_audit as a')
    .innerJoin('audit_tool as t', 't.id', 'a.tool_id')
    .leftJoin('app_user as u', 'u.id', 'a.auditor_id')
    .select(['a.id', 'a.status', 'a.audited_on', 'a.overall_grade', 'a.auditor_role', 'a.reaudit_of', 'a.sample_id', 't.name as tool_name', 'u.display_name as auditor_name'])
    .select((eb) =>
      eb
        .selectFrom('case_audit_moderation as m')
        .select('m.overall_grade')
        .whereRef('m.audit_id', '=', 'a.id')
        .where('m.deleted_at', 'is', null)
        .orderBy('m.moderated_on', 'desc')
        .limit(1)
        .as('moderated_grade'),
    )
    .where('a.child_id', '=', childId)
    .where('a.deleted_at', 'is', null)
    .orderBy(sql`a.audited_on IS NULL`, 'desc')
    .orderBy('a.audited_on', 'desc')
    .execute();
}

/** One audit with its answers, moderations, actions, and the audit it re-audits or its re-audits, with the change in grades. */
export async function auditOfChild(db: Db, childId: string, auditId: string) {
  const audit = await db
    .selectFrom('case_audit as a')
    .innerJoin('audit_tool as t', 't.id', 'a.tool_id')
    .leftJoin('app_user as u', 'u.id', 'a.auditor_id')
    .leftJoin('app_user as s', 's.id', 'a.subject_worker_id')
    .leftJoin('team as tm', 'tm.id', 'a.team_id')
    .selectAll('a')
    .select(['t.name as tool_name', 't.domains', 'u.display_name as auditor_name', 's.display_name as subject_name', 'tm.name as team_name'])
    .where('a.id', '=', auditId)
    .where('a.child_id', '=', childId)
    .where('a.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!audit) throw new NotFound('No audit with that id for this child');
  const related = [audit.reaudit_of].filter((x): x is string => Boolean(x));
  const [answers, moderations, actions, reaudits] = await Promise.all([
    db.selectFrom('case_audit_answer').selectAll().where('audit_id', '=', auditId).where('deleted_at', 'is', null).orderBy('position').execute(),
    db
      .selectFrom('case_audit_moderation as m')
      .innerJoin('app_user as u', 'u.id', 'm.moderator_id')
      .selectAll('m')
      .select('u.display_name as moderator_name')
      .where('m.audit_id', '=', auditId)
      .where('m.deleted_at', 'is', null)
      .orderBy('m.moderated_on')
      .execute(),
    db.selectFrom('case_action').selectAll().where('source', '=', 'audit').where('source_id', '=', auditId).where('deleted_at', 'is', null).orderBy('due_on').execute(),
    db
      .selectFrom('case_audit')
      .select(['id', 'audited_on', 'overall_grade', 'status', 'reaudit_of'])
      .where((eb) => eb.or([eb('reaudit_of', '=', auditId), ...(related.length ? [eb('id', 'in', related)] : [])]))
      .where('deleted_at', 'is', null)
      .execute(),
  ]);
  // The change in grades between an audit and its re-audit, question by question (QA-03).
  const otherIds = reaudits.filter((r) => r.status === 'completed').map((r) => r.id);
  const otherAnswers = otherIds.length
    ? await db.selectFrom('case_audit_answer').select(['audit_id', 'question_key', 'grade']).where('audit_id', 'in', otherIds).where('deleted_at', 'is', null).execute()
    : [];
  return { audit, answers, moderations, actions, reaudits, otherAnswers };
}

export function gradeChange(before: Grade | null, after: Grade | null): { text: string; change: number } | null {
  if (!before || !after) return null;
  const rank = (g: Grade) => GRADES.find((x) => x.code === g)!.rank;
  const change = rank(before) - rank(after);
  return { change, text: change > 0 ? `Better by ${change} grade${change > 1 ? 's' : ''}` : change < 0 ? `Worse by ${-change} grade${change < -1 ? 's' : ''}` : 'No change' };
}

// --- Samples -------------------------------------------------------------------------------------

/** The children a sample is drawn from (QA-06, MO-07), as a SQL set of child_id. */
function candidates(input: SampleInput) {
  const { periodFrom: from, periodTo: to } = input;
  switch (input.kind) {
    case 'nfa_contacts':
      return sql`SELECT DISTINCT c.child_id FROM contact c JOIN contact_decision d ON d.contact_id = c.id
        WHERE d.outcome = 'NFA' AND d.decided_on BETWEEN ${from} AND ${to} AND c.child_id IS NOT NULL AND c.deleted_at IS NULL AND d.deleted_at IS NULL`;
    case 'closed_cases':
      return sql`SELECT DISTINCT child_id FROM cin_episode WHERE closed_on BETWEEN ${from} AND ${to} AND deleted_at IS NULL`;
    case 'strategy_discussions':
      return sql`SELECT DISTINCT child_id FROM strategy_discussion WHERE held_on BETWEEN ${from} AND ${to} AND deleted_at IS NULL`;
    case 'team_random':
      return sql`SELECT DISTINCT a.child_id FROM allocation a JOIN app_user w ON w.id = a.worker_id
        WHERE w.team_id = ${input.teamId} AND a.role <> 'iro' AND a.deleted_at IS NULL AND a.from_date <= ${to} AND (a.to_date IS NULL OR a.to_date >= ${from})`;
  }
}

/**
 * Draws a dip sample: the children ordered by a hash of the seed and their id, the first `size`
 * taken, so the same seed over the same record draws the same children (the seed is recorded).
 * Each child gets a planned audit naming the worker whose work it audits. Only children the user
 * may see are drawn.
 */
export async function drawSample(db: Kysely<Database>, user: SignedInUser, input: SampleInput, today: string): Promise<{ id: string; drawn: number; eligible: number }> {
  assertMayAudit(user);
  if (input.periodTo > today) throw new RuleBroken('The period must have ended: choose a last day on or before today', 'periodTo');
  return db.transaction().execute(async (tx) => {
    const tool = await toolOf(tx, input.toolId);
    if (!tool.active) throw new RuleBroken('That tool has been retired: choose another', 'toolId');
    const seed = input.seed ?? randomInt(0, 2_147_483_647);
    const drawn = await sampleChildren(tx, user, input, seed);
    if (drawn.length === 0) throw new RuleBroken(`No children you can see match this in ${formatDate(input.periodFrom)} to ${formatDate(input.periodTo)}: choose another period`, 'periodFrom');
    const id = randomUUID();
    await tx
      .insertInto('audit_sample')
      .values({ id, kind: input.kind, tool_id: input.toolId, team_id: input.teamId, period_from: input.periodFrom, period_to: input.periodTo, size: input.size, seed, drawn_on: today, eligible: drawn[0]!.eligible, recorded_by: user.id })
      .execute();
    await tx
      .insertInto('case_audit')
      .values(drawn.map((d) => ({ id: randomUUID(), child_id: d.child_id, tool_id: input.toolId, sample_id: id, reaudit_of: null, subject_worker_id: d.worker_id, team_id: d.team_id, status: 'planned' as const, audited_on: null, auditor_id: null, auditor_role: null, overall_grade: null, child_experience: null, impact: null, recorded_by: user.id })))
      .execute();
    return { id, drawn: drawn.length, eligible: drawn[0]!.eligible };
  });
}

/**
 * The sample's children with the worker whose work it audits: one statement. `everyone` (the
 * synthetic council, drawing before the database has its indexes) takes every unrestricted child
 * by a join rather than the per-row visibility check; for a user who sees every unrestricted child
 * it draws the same children.
 */
export async function sampleChildren(db: Db, user: SignedInUser, input: SampleInput, seed: number, everyone = false) {
  const visible = everyone
    ? sql`EXISTS (SELECT 1 FROM person v WHERE v.id = p.child_id AND NOT v.restricted AND v.deleted_at IS NULL)`
    : childVisibleTo(user, sql`p.child_id`);
  const result = await sql<{ child_id: string; eligible: number; worker_id: string | null; team_id: string | null }>`
    WITH pool AS (SELECT p.child_id FROM (${candidates(input)}) p WHERE ${visible}),
    chosen AS (SELECT child_id, (count(*) OVER ())::int AS eligible FROM pool ORDER BY md5(${String(seed)} || ':' || child_id::text) LIMIT ${input.size}),
    worker AS (SELECT DISTINCT ON (c.child_id) c.child_id, a.worker_id, u.team_id FROM chosen c
      JOIN allocation a ON a.child_id = c.child_id AND a.role <> 'iro' AND a.deleted_at IS NULL AND a.from_date <= ${input.periodTo}
      JOIN app_user u ON u.id = a.worker_id
      ORDER BY c.child_id, a.to_date IS NULL DESC, a.to_date DESC, a.from_date DESC)
    SELECT c.child_id, c.eligible, w.worker_id, w.team_id FROM chosen c LEFT JOIN worker w ON w.child_id = c.child_id
    ORDER BY md5(${String(seed)} || ':' || c.child_id::text)`.execute(db);
  return result.rows;
}
