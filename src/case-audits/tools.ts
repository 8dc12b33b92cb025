// Audit tools as data (decision 0024): the questions of a tool, flattened in order, and a council's
// own tool read from what an administrator or senior leader typed.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { Forbidden, NotFound, RuleBroken } from '../server/errors.ts';
import { TOOL_ROLES } from './codes.ts';
import type { ToolDomain } from './default-tools.ts';
import { FACTS, type FactCode } from './facts.ts';
import type { ToolInput } from './schemas.ts';

export interface ToolQuestionOf {
  key: string;
  domainKey: string;
  domainTitle: string;
  text: string;
  fact: FactCode | null;
  position: number;
}

/** A tool's questions in order, each with a key unique in the tool (`domain-question`). */
export function questionsOf(domains: readonly ToolDomain[]): ToolQuestionOf[] {
  const out: ToolQuestionOf[] = [];
  for (const d of domains) {
    for (const q of d.questions) out.push({ key: `${d.key}-${q.key}`, domainKey: d.key, domainTitle: d.title, text: q.text, fact: q.fact ?? null, position: out.length + 1 });
  }
  return out;
}

export async function toolsOf(db: Db, activeOnly = true) {
  let q = db.selectFrom('audit_tool').select(['id', 'name', 'purpose', 'domains', 'built_in', 'active', 'created_at']).orderBy('built_in', 'desc').orderBy('name');
  if (activeOnly) q = q.where('active', '=', true);
  return q.execute();
}

export async function toolOf(db: Db, toolId: string) {
  const tool = await db.selectFrom('audit_tool').selectAll().where('id', '=', toolId).executeTakeFirst();
  if (!tool) throw new NotFound('No audit tool with that id');
  return { ...tool, questions: questionsOf(tool.domains) };
}

/**
 * The domains typed on the tools page: blocks separated by a blank line, the first line of each the
 * domain's title and each line after it a question; the factual items chosen make a last domain,
 * "What the record shows".
 */
export function domainsFrom(text: string, facts: readonly FactCode[]): ToolDomain[] {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.split('\n').map((l) => l.trim()).filter(Boolean))
    .filter((b) => b.length > 0);
  const domains: ToolDomain[] = blocks.map((lines, i) => {
    if (lines.length < 2) throw new RuleBroken(`“${lines[0]}” has no questions: put its questions on the lines under it, or leave a blank line only between domains`, 'questions');
    return { key: `d${i + 1}`, title: lines[0]!.slice(0, 200), questions: lines.slice(1).map((line, j) => ({ key: `q${j + 1}`, text: line.slice(0, 500) })) };
  });
  if (facts.length) domains.push({ key: 'record', title: 'What the record shows', questions: facts.map((f) => ({ key: f.replaceAll('_', ''), text: FACTS[f].replace(/ \(.*\)$/, ''), fact: f })) });
  if (domains.reduce((n, d) => n + d.questions.length, 0) > 100) throw new RuleBroken('A tool can have at most 100 questions', 'questions');
  return domains;
}

/** Adds a council's own tool (administrators and senior leaders). */
export async function addTool(db: Kysely<Database>, user: SignedInUser, input: ToolInput): Promise<string> {
  if (!(TOOL_ROLES as readonly string[]).includes(user.role)) throw new Forbidden('Only an administrator or a senior leader can add an audit tool');
  const domains = domainsFrom(input.questions, input.facts);
  const clash = await db.selectFrom('audit_tool').select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', input.name.toLowerCase())).executeTakeFirst();
  if (clash) throw new RuleBroken('There is already a tool with that name: choose another', 'name');
  const id = randomUUID();
  await db.insertInto('audit_tool').values({ id, name: input.name, purpose: input.purpose, domains: JSON.stringify(domains), created_by: user.id }).execute();
  return id;
}

/** Retires a tool (no new audits with it; audits already made with it keep it), or brings it back. */
export async function setToolActive(db: Kysely<Database>, user: SignedInUser, toolId: string, active: boolean): Promise<void> {
  if (!(TOOL_ROLES as readonly string[]).includes(user.role)) throw new Forbidden('Only an administrator or a senior leader can retire an audit tool');
  await toolOf(db, toolId);
  await db.updateTable('audit_tool').set({ active }).where('id', '=', toolId).execute();
}
