// Builds a synthetic council: teams and staff, families who came to notice, who held their cases,
// their chronologies and clocks, and whatever further stages are listed in stages.ts. The same seed,
// size and "today" always build the same council (ids included), so it serves as demo data, test
// data and benchmark load. Nothing here describes a real person.
import { sql, type Kysely } from 'kysely';
import { hashPassword } from '../access/passwords.ts';
import type { Role } from '../access/roles.ts';
import { addMonths, isIsoDate } from '../calendar/index.ts';
import type { Database } from '../db/schema.ts';
import { checkForeignKeys, dropSecondaryIndexes, recreateIndexes, skipRowTriggers } from './bulk-load.ts';
import { Council, makeEventRow, makeInsert, type GenerateOptions, type InsertStats, type SynthContext } from './context.ts';
import { dayOf, recordedAt } from './dates.ts';
import { isSize, openTargets, PROFILES } from './profile.ts';
import { Random } from './random.ts';
import { STAGES, type Stage } from './stages.ts';

export type { GenerateOptions } from './context.ts';

/** Every synthetic account signs in with this (it is printed on first start; demo data only). */
export const DEMO_PASSWORD = 'lantern-demo';

export interface GeneratedCouncil {
  demoUsers: { username: string; displayName: string; role: Role; title?: string }[];
  password: string;
}

export async function generateCouncil(
  db: Kysely<Database>,
  options: GenerateOptions,
  log: (line: string) => void = () => {},
): Promise<GeneratedCouncil> {
  return runStages(db, options, STAGES, log);
}

/** generateCouncil with a chosen list of stages (tests; a stage being written). */
export async function runStages(
  db: Kysely<Database>,
  options: GenerateOptions,
  stages: readonly Stage[],
  log: (line: string) => void = () => {},
): Promise<GeneratedCouncil> {
  if (!isSize(options.size)) throw new Error(`Unknown council size "${String(options.size)}"`);
  if (!Number.isSafeInteger(options.seed)) throw new Error(`The seed must be a whole number (got ${options.seed})`);
  if (!isIsoDate(options.today)) throw new Error(`Today must be a date written YYYY-MM-DD (got "${options.today}")`);
  const names = new Set(stages.map((s) => s.name));
  if (names.size !== stages.length) throw new Error('Two synthetic stages have the same name');

  const profile = PROFILES[options.size];
  const targets = openTargets(profile);
  const todayDay = dayOf(options.today);
  const goLiveDay = dayOf(addMonths(options.today, -12 * profile.years)) + 1;
  const root = new Random(`lantern-synth/${options.seed}/${options.size}/${options.today}`);
  const council = new Council();
  const stats: InsertStats = { rows: new Map(), milliseconds: 0 };
  const started = performance.now();
  log(
    `Synthetic council: ${options.size}, seed ${options.seed}, ${profile.years} years to ${options.today}; ` +
      `${profile.childPopulation.toLocaleString('en-GB')} children in the area, about ` +
      `${profile.referralsPerYear.toLocaleString('en-GB')} referrals a year`,
  );
  // Hashed once for every synthetic account (see teams-and-users.ts).
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await db.transaction().execute(async (tx) => {
    const bulk = await skipRowTriggers(tx);
    log(bulk.skipped ? `Loading in bulk: per-row foreign key triggers off, ${bulk.reason}` : `Per-row foreign key triggers stay on: ${bulk.reason}`);
    // Secondary indexes are built once after the load rather than kept up to date row by row.
    const dropped = bulk.skipped ? await dropSecondaryIndexes(tx) : [];
    const write = makeInsert(tx, stats);
    // Big tables (a large council writes hundreds of thousands of rows) report as they go.
    const insert: SynthContext['insert'] = async (table, rows) => {
      const began = performance.now();
      const n = await write(table, rows);
      if (n >= 20_000) log(`  ${table}: ${n.toLocaleString('en-GB')} rows in ${seconds(began)}`);
      return n;
    };
    for (const stage of stages) {
      const stageStarted = performance.now();
      const writing = stats.milliseconds;
      const rng = root.fork(stage.name);
      const ctx: SynthContext = {
        db: tx,
        options,
        profile,
        targets,
        today: options.today,
        todayDay,
        goLiveDay,
        rng,
        council,
        passwordHash,
        log: (line) => log(`${stage.name}: ${line}`),
        insert,
        eventRow: makeEventRow(rng, todayDay),
        stamp: (day, maxDelayDays = 0) => recordedAt(rng, day, todayDay, maxDelayDays),
      };
      await stage.run(ctx);
      log(`${stage.name}: done in ${seconds(stageStarted)} (${((stats.milliseconds - writing) / 1000).toFixed(1)} s writing)`);
    }
    if (dropped.length) {
      const indexStarted = performance.now();
      await recreateIndexes(tx, dropped);
      log(`Built ${dropped.length} indexes in ${seconds(indexStarted)}`);
    }
    if (bulk.skipped) {
      const checkStarted = performance.now();
      const keys = await checkForeignKeys(tx, [...stats.rows.keys()]);
      log(`Checked ${keys} foreign keys in ${seconds(checkStarted)}`);
    }
  });

  // Fresh statistics, so that the first pages after a load are planned for the council as it is
  // (PostgreSQL's autovacuum may be off or slow to notice; PGlite has none).
  const analyzing = performance.now();
  await sql`ANALYZE`.execute(db);
  log(`Analyzed in ${seconds(analyzing)}`);
  const rows = [...stats.rows.values()].reduce((a, b) => a + b, 0);
  log(`Wrote ${rows.toLocaleString('en-GB')} rows in ${seconds(started)} (${[...stats.rows].map(([t, n]) => `${t} ${n.toLocaleString('en-GB')}`).join(', ')})`);
  return { demoUsers: council.demoUsers.map((u) => ({ ...u })), password: DEMO_PASSWORD };
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}
