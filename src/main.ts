// `npm start`: open the database (embedded in ./data unless DATABASE_URL is set), migrate, seed a
// synthetic council on first start, and serve Lantern.
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

    const app = await buildApp(
      { db: handle.db, time, councilName: config.LANTERN_COUNCIL_NAME },
      {
        cookieSecret: await cookieSecret(handle.db, config.LANTERN_COOKIE_SECRET),
        secureCookies: config.LANTERN_SECURE_COOKIES === 'true',
        logger: true,
        areas: AREAS,
      },
    );

    const shutdown = async (signal: string) => {
      console.log(`${signal}: closing Lantern…`);
      await app.close();
      await handle?.close();
      releaseLock();
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));

    const address = await app.listen({ port: config.PORT, host: config.HOST });
    const where = config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${dataDir}`;
    const users = demo?.demoUsers ?? (await demoUsersIn(handle.db));
    const signIns = users.length
      ? ['', 'Demo sign-ins (synthetic council; password "lantern-demo"):', ...users.map((u) => `  ${u.title ?? ROLES[u.role as keyof typeof ROLES] ?? u.role}: ${u.username}`)]
      : [];
    // One write, so that whoever reads the output sees the address and the sign-ins together.
    console.log([`\nLantern is running at ${address}/ on ${where}.`, ...signIns].join('\n'));
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

/** On later starts, list the demo accounts again so nobody has to remember them. */
async function demoUsersIn(db: Kysely<Database>) {
  const setting = await db.selectFrom('council_setting').select('value').where('key', '=', 'synth.demoUsers').executeTakeFirst();
  return Array.isArray(setting?.value) ? (setting.value as { username: string; role: string; title?: string }[]) : [];
}

await main();
