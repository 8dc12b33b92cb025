// `npm start`: open the database (embedded in ./data unless DATABASE_URL is set), migrate, seed a
// synthetic council on first start, and serve Lantern.
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { readConfig } from './server/config.ts';
import { openDatabase, type DatabaseHandle } from './db/connection.ts';
import { lockDataFolder, DataFolderInUseError } from './db/lock.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildApp } from './server/app.ts';
import { AREAS } from './server/areas.ts';
import { fixedTime, systemTime } from './server/time.ts';
import { generateCouncil } from './synth/generate.ts';
import { ROLES } from './access/roles.ts';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.ts';

async function cookieSecret(db: Kysely<Database>, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  // Kept in the database so that sessions survive a restart without any configuration.
  const stored = await db.selectFrom('council_setting').select('value').where('key', '=', 'system.cookieSecret').executeTakeFirst();
  if (typeof stored?.value === 'string') return stored.value;
  const secret = randomBytes(32).toString('base64url');
  await db.insertInto('council_setting').values({ key: 'system.cookieSecret', value: JSON.stringify(secret) }).execute();
  return secret;
}

async function main(): Promise<void> {
  const config = readConfig();
  const time = config.LANTERN_TODAY ? fixedTime(config.LANTERN_TODAY) : systemTime;
  let releaseLock: () => void = () => {};
  const dataDir = resolve(config.LANTERN_DATA_DIR);

  let handle: DatabaseHandle | undefined;
  try {
    // Inside the try: a second process on the same folder ends with one line, not a stack trace.
    if (!config.DATABASE_URL) releaseLock = lockDataFolder(dataDir);
    handle = await openDatabase({ url: config.DATABASE_URL, dataDir });
    const applied = await migrateToLatest(handle.db);
    if (applied.length) console.log(`Database: applied ${applied.length} migration(s).`);

    const anyUser = await handle.db.selectFrom('app_user').select('id').limit(1).executeTakeFirst();
    let demo: Awaited<ReturnType<typeof generateCouncil>> | undefined;
    if (!anyUser) {
      console.log(`First start: generating a ${config.LANTERN_SEED_SIZE} synthetic council (seed ${config.LANTERN_SEED})…`);
      demo = await generateCouncil(handle.db, { size: config.LANTERN_SEED_SIZE, seed: config.LANTERN_SEED, today: time.today() }, (line) => console.log(`  ${line}`));
    }

    const secret = await cookieSecret(handle.db, config.LANTERN_COOKIE_SECRET);
    const where = config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${dataDir}`;
    const users = demo?.demoUsers ?? (await demoUsersIn(handle.db));
    const signIns = users.length
      ? ['', 'Demo sign-ins (synthetic council; password "lantern-demo"):', ...users.map((u) => `  ${u.title ?? ROLES[u.role as keyof typeof ROLES] ?? u.role}: ${u.username}`)]
      : [];
    // One write, so that whoever reads the output sees the address and the sign-ins together.
    const announce = (address: string, processes: string) => console.log([`\nLantern is running at ${address}/ on ${where}${processes}.`, ...signIns].join('\n'));

    if (config.DATABASE_URL && config.LANTERN_WORKERS > 1) {
      // The database is ready: the workers only serve. They share the port and the cookie secret.
      await handle.close();
      handle = undefined;
      await startWorkers(config.LANTERN_WORKERS, secret, (address) => announce(address, `, ${config.LANTERN_WORKERS} processes`));
      return;
    }
    const address = await serve(handle, secret, () => releaseLock());
    announce(address, '');
  } catch (error) {
    await handle?.close().catch(() => {});
    releaseLock();
    if (error instanceof DataFolderInUseError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** Builds the app on an open database and listens; SIGTERM or SIGINT closes both. Returns the address. */
async function serve(handle: DatabaseHandle, secret: string, onClosed: () => void): Promise<string> {
  const config = readConfig();
  const time = config.LANTERN_TODAY ? fixedTime(config.LANTERN_TODAY) : systemTime;
  const app = await buildApp(
    { db: handle.db, time, councilName: config.LANTERN_COUNCIL_NAME },
    { cookieSecret: secret, secureCookies: config.LANTERN_SECURE_COOKIES === 'true', logger: true, areas: AREAS },
  );
  const shutdown = async (signal: string) => {
    if (cluster.isPrimary) console.log(`${signal}: closing Lantern…`);
    await app.close();
    await handle.close();
    onClosed();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return app.listen({ port: config.PORT, host: config.HOST });
}

/** Forks the serving processes; says where Lantern is once the first listens; ends them on a signal. */
async function startWorkers(count: number, secret: string, announce: (address: string) => void): Promise<void> {
  let announced = false;
  let stopping = false;
  cluster.on('listening', (_worker, address) => {
    if (announced) return;
    announced = true;
    const host = address.address && address.address.includes(':') ? `[${address.address}]` : (address.address ?? '127.0.0.1');
    announce(`http://${host}:${address.port}`);
  });
  cluster.on('exit', (_worker, code) => {
    if (stopping) return;
    // A worker that dies is replaced, so a fault in one request cannot take the service down.
    console.error(`A Lantern process ended (exit ${code ?? 'signal'}); starting another.`);
    cluster.fork({ LANTERN_COOKIE_SECRET: secret });
  });
  for (let i = 0; i < count; i++) cluster.fork({ LANTERN_COOKIE_SECRET: secret });
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    console.log(`${signal}: closing Lantern…`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

/** A serving process of the cluster: the primary has migrated and seeded the database. */
async function worker(): Promise<void> {
  const config = readConfig();
  const handle = await openDatabase({ url: config.DATABASE_URL, dataDir: undefined });
  await serve(handle, config.LANTERN_COOKIE_SECRET!, () => {});
}

/** On later starts, list the demo accounts again so nobody has to remember them. */
async function demoUsersIn(db: Kysely<Database>) {
  const setting = await db.selectFrom('council_setting').select('value').where('key', '=', 'synth.demoUsers').executeTakeFirst();
  return Array.isArray(setting?.value) ? (setting.value as { username: string; role: string; title?: string }[]) : [];
}

await (cluster.isPrimary ? main() : worker());
