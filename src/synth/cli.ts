// npm run synth -- --size small|medium|large --seed N [--today YYYY-MM-DD]
//                  [--database-url postgres://…] [--data-dir ./data]
// Builds a synthetic council into a new database (migrated first). Refuses a database that already
// has users, so a real or demo council is never mixed with a second one.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROLES } from '../access/roles.ts';
import { openDatabase } from '../db/connection.ts';
import { lockDataFolder } from '../db/lock.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { systemTime } from '../server/time.ts';
import { generateCouncil } from './generate.ts';
import { isSize } from './profile.ts';

const USAGE = 'Usage: npm run synth -- --size small|medium|large --seed N [--today YYYY-MM-DD] [--database-url postgres://…] [--data-dir ./data]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'small' },
      seed: { type: 'string', default: '1' },
      today: { type: 'string' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const size = values.size ?? 'small';
  const seed = Number(values.seed);
  const today = values.today ?? process.env['LANTERN_TODAY'] ?? systemTime.today();
  if (!isSize(size)) throw new Error(`--size must be small, medium or large\n${USAGE}`);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be a whole number\n${USAGE}`);
  const url = values['database-url'] ?? process.env['DATABASE_URL'];
  const dataDir = resolve(values['data-dir'] ?? process.env['LANTERN_DATA_DIR'] ?? './data');

  const releaseLock = url ? () => {} : lockDataFolder(dataDir);
  const handle = await openDatabase({ url, dataDir });
  try {
    const applied = await migrateToLatest(handle.db);
    if (applied.length) console.log(`Applied ${applied.length} migration(s).`);
    const existing = await handle.db.selectFrom('app_user').select('id').limit(1).executeTakeFirst();
    if (existing) {
      console.error('This database already has users: generate into a new database or an empty --data-dir.');
      return 1;
    }
    const where = url ? 'PostgreSQL' : `PGlite in ${dataDir}`;
    console.log(`Generating into ${where}…`);
    const result = await generateCouncil(handle.db, { size, seed, today }, (line) => console.log(`  ${line}`));
    console.log(`\nDemo sign-ins (password "${result.password}"):`);
    for (const user of result.demoUsers) console.log(`  ${user.title ?? ROLES[user.role]}: ${user.username}`);
    return 0;
  } finally {
    await handle.close();
    releaseLock();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
