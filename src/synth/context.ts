// What every stage of the generator is given: the database (already inside one transaction), its
// own random stream, the dates and sizes, the council built so far, and the helpers that write rows
// in batches. Stages are listed in stages.ts.
import { sql, type Insertable } from 'kysely';
import type { Role } from '../access/roles.ts';
import type { AllocationRole } from '../people/allocation-roles.ts';
import type { EventType } from '../chronology/event-types.ts';
import { eventRow } from '../chronology/journal.ts';
import type { Db } from '../db/history.ts';
import type { ChildEventTable, Database } from '../db/schema.ts';
import { isoOf as isoDay, recordedAt } from './dates.ts';
import type { OpenTargets, SizeProfile, SynthSize } from './profile.ts';
import type { Random } from './random.ts';
import type { PostalAddress, Street } from './places.ts';

/** The services a team provides (src/access/users.ts NewTeam). */
export type TeamService =
  | 'front-door'
  | 'early-help'
  | 'assessment'
  | 'safeguarding'
  | 'looked-after'
  | 'leaving-care'
  | 'iro'
  | 'performance'
  | 'administration';

export interface SynthTeam {
  id: string;
  name: string;
  service: TeamService;
  managerId: string | null;
}

export interface SynthWorker {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  teamId: string | null;
  service: TeamService | null;
  agency: string | null;
  /** False for workers who have left (they still hold historical allocations and records). */
  active: boolean;
  /** Day numbers (dates.ts). */
  startedOn: number;
  leftOn: number | null;
  /** Set by the 'workforce' stage, for staff (not partner agencies or the migration account). */
  profile?: SynthWorkerProfile;
}

/** A worker's profile (worker_profile), as day numbers. */
export interface SynthWorkerProfile {
  /** Null for staff who are not qualified social workers. */
  qualifiedOn: number | null;
  asyeCompletedOn: number | null;
  employment: 'permanent' | 'agency' | 'fixed_term' | 'seconded';
  fte: number;
  /** Null: the team's manager. */
  lineManagerId: string | null;
}

/** The services that hold a child's case, in the order a child usually meets them. */
export type CaseService = 'early-help' | 'assessment' | 'safeguarding' | 'looked-after' | 'leaving-care';

/**
 * A stretch of time a child's case was open to a service: the outline that allocations follow and
 * that the help-and-protection stages fill in (contacts, referrals, assessments, plans, care).
 * `level` says what kind of safeguarding work it was. Day numbers; `to` null means open today.
 */
export interface ServicePeriod {
  service: CaseService;
  level: 'child-in-need' | 'child-protection' | null;
  from: number;
  to: number | null;
  /** For a looked-after period that ends: why (SSDA903 REC), chosen with the story so the record around it fits. */
  ceased?: string;
}

/** The service whose team was working with the child on the day (the front door when none was). */
export function serviceOn(periods: readonly ServicePeriod[], day: number): TeamService {
  for (const p of periods) if (p.from <= day && (p.to === null || p.to >= day)) return p.service;
  return 'front-door';
}

/** What brought the family to notice and what happened next, as the families stage chose it. */
export type StoryKind =
  | 'contact-only'
  | 'early-help'
  | 'assessment'
  | 'child-in-need'
  | 'child-protection'
  | 'looked-after'
  | 'care-leaver'
  | 'unaccompanied'
  | 'long-history';

export interface AddressSpell {
  id: string;
  address: PostalAddress;
  from: number;
  to: number | null;
}

export interface SynthFamily {
  id: string;
  story: StoryKind;
  /** True when the story is still open today. */
  open: boolean;
  cameToNotice: number;
  periods: ServicePeriod[];
  childIds: string[];
  adultIds: string[];
}

export interface SynthChild {
  id: string;
  laChildId: string;
  familyId: string;
  firstName: string;
  lastName: string;
  sex: 'M' | 'F';
  dateOfBirth: number;
  /** The day the child first came to the council's notice (the record was created then). */
  cameToNotice: number;
  /** The family's periods, clipped to the child's life. */
  periods: ServicePeriod[];
  addresses: AddressSpell[];
  unaccompanied: boolean;
  longHistory: boolean;
}

export type AdultRole = 'mother' | 'father' | 'step-parent' | 'grandparent';

export interface SynthAdult {
  id: string;
  familyId: string;
  firstName: string;
  lastName: string;
  sex: 'M' | 'F';
  dateOfBirth: number;
  role: AdultRole;
}

export interface SynthAllocation {
  id: string;
  childId: string;
  workerId: string;
  role: AllocationRole;
  from: number;
  /** As stored: a handover ends the allocation on the day the next one starts. */
  to: number | null;
  /** The service period this allocation belongs to. */
  service: CaseService | 'iro';
}

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  /** What to call the sign-in where the role alone does not say it (two team managers). */
  title?: string;
}

/** Everything generated so far, for the stages that follow. Filled in stage by stage. */
export class Council {
  readonly teams: SynthTeam[] = [];
  readonly workers: SynthWorker[] = [];
  readonly families: SynthFamily[] = [];
  readonly children: SynthChild[] = [];
  readonly adults: SynthAdult[] = [];
  readonly allocations: SynthAllocation[] = [];
  readonly demoUsers: DemoUser[] = [];
  streets: Street[] = [];
  /** The account that "migrated" history from the previous system (inactive). */
  migrationUserId = '';
  longHistoryChild: SynthChild | undefined;

  readonly #childById = new Map<string, SynthChild>();
  readonly #workerById = new Map<string, SynthWorker>();
  readonly #teamById = new Map<string, SynthTeam>();

  addTeam(team: SynthTeam): void {
    this.teams.push(team);
    this.#teamById.set(team.id, team);
  }

  addWorker(worker: SynthWorker): void {
    this.#staff.clear();
    this.workers.push(worker);
    this.#workerById.set(worker.id, worker);
  }

  addChild(child: SynthChild): void {
    this.children.push(child);
    this.#childById.set(child.id, child);
  }

  child(id: string): SynthChild {
    const child = this.#childById.get(id);
    if (!child) throw new Error(`No synthetic child ${id}`);
    return child;
  }

  worker(id: string): SynthWorker {
    const worker = this.#workerById.get(id);
    if (!worker) throw new Error(`No synthetic worker ${id}`);
    return worker;
  }

  team(id: string): SynthTeam {
    const team = this.#teamById.get(id);
    if (!team) throw new Error(`No synthetic team ${id}`);
    return team;
  }

  teamsFor(service: TeamService): SynthTeam[] {
    return this.teams.filter((t) => t.service === service);
  }

  readonly #staff = new Map<string, SynthWorker[]>();

  /** Workers of a team (or of every team providing a service) who are not its manager. */
  staffOf(service: TeamService, teamId?: string): SynthWorker[] {
    const key = `${service}|${teamId ?? ''}`;
    let staff = this.#staff.get(key);
    if (!staff) {
      staff = this.workers.filter(
        (w) => w.service === service && (teamId === undefined || w.teamId === teamId) && w.role !== 'team_manager',
      );
      this.#staff.set(key, staff);
    }
    return staff;
  }

  /**
   * Someone from the service who was working there on the day (any of them if nobody was), other
   * than `except` when anyone else can be found (a change of worker).
   */
  workerOn(rng: Random, service: TeamService, day: number, teamId?: string, except?: SynthWorker): SynthWorker {
    const staff = this.staffOf(service, teamId);
    const there = staff.filter((w) => w.startedOn <= day && (w.leftOn === null || w.leftOn > day));
    const others = there.filter((w) => w !== except);
    return rng.pick(others.length ? others : there.length ? there : staff.length ? staff : this.workers);
  }

  /** The manager of a worker's team, or the worker when the team has none. */
  managerOf(worker: SynthWorker): string {
    return (worker.teamId ? this.team(worker.teamId).managerId : null) ?? worker.id;
  }
}

export interface GenerateOptions {
  size: SynthSize;
  seed: number;
  /** 'YYYY-MM-DD': the last day of the council's history. */
  today: string;
}

/** A journal event as a stage describes it; `eventRow` turns it into a child_event row. */
export interface SynthEvent {
  childId: string;
  type: EventType;
  /** Day number. */
  occurredOn: number;
  sourceTable: string;
  sourceId: string;
  scopeId?: string | null;
  title: string;
  detail?: string | null;
  significance?: 'high' | 'normal' | 'low';
  recordedBy: string;
  /** When it was recorded; by default the day it happened, in office hours. */
  recordedAt?: Date;
}

export interface SynthContext {
  /** Already a transaction: the whole council is written or none of it is. Don't open another. */
  db: Db;
  options: GenerateOptions;
  profile: SizeProfile;
  targets: OpenTargets;
  today: string;
  /** Day numbers (dates.ts) of today and of the first day of the history Lantern holds. */
  todayDay: number;
  goLiveDay: number;
  /** This stage's own stream (seeded from the seed and the stage name). */
  rng: Random;
  council: Council;
  /** The shared hash of the demo password, for every synthetic account. */
  passwordHash: string;
  log(line: string): void;
  /** Inserts rows in batches of up to 1,000 (fewer for wide rows: PostgreSQL allows 65,535 bind
   *  parameters a statement). Returns the number of rows written. */
  insert<T extends keyof Database & string>(table: T, rows: readonly Insertable<Database[T]>[]): Promise<number>;
  /** A child_event row for the journal, with category and default significance from EVENT_TYPES. */
  eventRow(event: SynthEvent): Insertable<ChildEventTable>;
  /** An office-hours timestamp on the day (or up to maxDelayDays later, never after today). */
  stamp(day: number, maxDelayDays?: number): Date;
}

const MAX_BIND_PARAMETERS = 65_535;
const MAX_ROWS_PER_INSERT = 1_000;

/** Rows written and time spent writing them, for the progress lines. */
export interface InsertStats {
  rows: Map<string, number>;
  milliseconds: number;
}

/** Rows a JSON insert carries: one parameter, however many rows (a few MB of text at most). */
const ROWS_PER_JSON_INSERT = 5_000;

interface TableShape {
  /** Columns whose values the generator gives as JSON text (json, jsonb): parsed before sending. */
  json: Set<string>;
  /** Array or other columns that JSON cannot carry as is: such tables go through Kysely. */
  plainOnly: boolean;
}

async function tableShape(db: Db, table: string, shapes: Map<string, TableShape>): Promise<TableShape> {
  const known = shapes.get(table);
  if (known) return known;
  const columns = await sql<{ column_name: string; data_type: string }>`
    SELECT column_name, data_type FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table}`.execute(db);
  const shape: TableShape = {
    json: new Set(columns.rows.filter((c) => c.data_type === 'json' || c.data_type === 'jsonb').map((c) => c.column_name)),
    plainOnly: columns.rows.some((c) => c.data_type === 'ARRAY' || c.data_type === 'USER-DEFINED' || c.data_type === 'bytea'),
  };
  shapes.set(table, shape);
  return shape;
}

/**
 * Writes rows as one JSON parameter: INSERT … SELECT … FROM json_populate_recordset. PostgreSQL parses
 * one value instead of binding tens of thousands of parameters, several times faster than multi-row
 * VALUES on both backends. Rows are grouped by the columns they give, so a column a row leaves out
 * takes its DEFAULT, as it does through Kysely.
 */
async function insertAsJson(db: Db, table: string, rows: readonly Record<string, unknown>[], shape: TableShape): Promise<void> {
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const columns = Object.keys(row).filter((k) => row[k] !== undefined);
    const key = columns.join(',');
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    if (shape.json.size === 0) {
      group.push(row);
      continue;
    }
    // JSON columns arrive as JSON text (as Kysely would bind them): send the value itself.
    const copy: Record<string, unknown> = { ...row };
    for (const column of shape.json) {
      const value = copy[column];
      if (typeof value === 'string') copy[column] = JSON.parse(value);
    }
    group.push(copy);
  }
  for (const [key, group] of groups) {
    const columns = sql.join(key.split(',').map((c) => sql.ref(c)));
    for (let i = 0; i < group.length; i += ROWS_PER_JSON_INSERT) {
      const batch = JSON.stringify(group.slice(i, i + ROWS_PER_JSON_INSERT));
      await sql`INSERT INTO ${sql.table(table)} (${columns})
        SELECT ${columns} FROM json_populate_recordset(NULL::${sql.table(table)}, ${batch}::json)`.execute(db);
    }
  }
}

export function makeInsert(db: Db, stats: InsertStats): SynthContext['insert'] {
  const shapes = new Map<string, TableShape>();
  return async (table, rows) => {
    const started = performance.now();
    if (rows.length === 0) return 0;
    const shape = await tableShape(db, table, shapes);
    if (!shape.plainOnly) {
      await insertAsJson(db, table, rows as readonly Record<string, unknown>[], shape);
      stats.rows.set(table, (stats.rows.get(table) ?? 0) + rows.length);
      stats.milliseconds += performance.now() - started;
      return rows.length;
    }
    // Rows may leave out optional columns; Kysely writes DEFAULT for them, so count every column used.
    const used = new Set<string>();
    for (const row of rows) for (const key in row) used.add(key);
    const columns = used.size;
    const perStatement = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_BIND_PARAMETERS / columns)));
    for (let i = 0; i < rows.length; i += perStatement) {
      const batch = rows.slice(i, i + perStatement);
      // any: Kysely cannot relate a generic table name to its insert type; the signature types the rows.
      await db.insertInto(table).values(batch as any).execute();
    }
    stats.rows.set(table, (stats.rows.get(table) ?? 0) + rows.length);
    stats.milliseconds += performance.now() - started;
    return rows.length;
  };
}

export function makeEventRow(rng: Random, todayDay: number): SynthContext['eventRow'] {
  // The record's own journal row (src/chronology/journal.ts), with a seeded id and a recording time in the past.
  return (event) => ({
    ...eventRow({ ...event, occurredOn: isoDay(event.occurredOn) }, event.recordedBy, rng.uuid()),
    recorded_at: event.recordedAt ?? recordedAt(rng, event.occurredOn, todayDay),
    deleted_at: null,
  });
}
