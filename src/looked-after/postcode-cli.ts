// npm run postcodes -- ONSPD.csv [--names LA_UA.csv --names County.csv] [--database-url postgres://…] [--data-dir ./data]
// Loads the ONS Postcode Directory (Office for National Statistics, Open Government Licence v3.0) into
// Lantern's postcode centroids, replacing what was there, so that placements' distance from home and
// host council follow (SSDA903 PL_DISTANCE, PL_LOCATION; decision 0010).
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/connection.ts';
import { lockDataFolder } from '../db/lock.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { readAuthorityNames, readPostcodeDirectory } from './postcode-directory.ts';
import { replaceCentroids } from './repository.ts';

const USAGE = 'Usage: npm run postcodes -- ONSPD.csv [--names names.csv …] [--database-url postgres://…] [--data-dir ./data]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      names: { type: 'string', multiple: true, default: [] },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const file = positionals[0];
  if (values.help || !file) {
    console.log(USAGE);
    return values.help ? 0 : 1;
  }
  const names = new Map<string, string>();
  for (const lookup of values.names) await readAuthorityNames(createReadStream(lookup), names);
  const { postcodes, districts } = await readPostcodeDirectory(createReadStream(file), names);
  if (postcodes.length === 0) {
    console.error('No live postcodes with coordinates were found: nothing was changed.');
    return 1;
  }
  const url = values['database-url'] ?? process.env['DATABASE_URL'];
  const dataDir = resolve(values['data-dir'] ?? process.env['LANTERN_DATA_DIR'] ?? './data');
  const releaseLock = url ? () => {} : lockDataFolder(dataDir);
  const handle = await openDatabase({ url, dataDir });
  try {
    await migrateToLatest(handle.db);
    await replaceCentroids(handle.db, [...postcodes, ...districts]);
    console.log(`Loaded ${postcodes.length} postcodes and ${districts.length} districts from ${new Set(postcodes.map((p) => p.councilCode)).size} councils.`);
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
