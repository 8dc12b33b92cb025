// npm run csc-api -- --send | --check [--database-url postgres://…] [--data-dir ./data]
// The DfE CSC API daily flow (issue 10, decision 0034), for the council's scheduler (cron, a systemd
// timer): --send sends the snapshot the first time, then the changes since DfE last accepted each
// child, and exits 0 when everything was accepted (or nothing needed sending), 1 otherwise.
// --check says what the next send would hold and sends nothing. Counts only: no child is named.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/connection.ts';
import { lockDataFolder } from '../../db/lock.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { systemTime } from '../../server/time.ts';
import { readCscApiConfig } from './config.ts';
import { nextBatch, runCscApi } from './service.ts';

const USAGE = 'Usage: npm run csc-api -- --send | --check [--database-url postgres://…] [--data-dir ./data]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      send: { type: 'boolean' },
      check: { type: 'boolean' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || (!values.send && !values.check)) {
    console.log(USAGE);
    return values.help ? 0 : 1;
  }
  const url = values['database-url'] ?? process.env['DATABASE_URL'];
  const dataDir = resolve(values['data-dir'] ?? process.env['LANTERN_DATA_DIR'] ?? './data');
  const releaseLock = url ? () => {} : lockDataFolder(dataDir);
  const handle = await openDatabase({ url, dataDir });
  try {
    await migrateToLatest(handle.db);
    // A pinned LANTERN_TODAY (a demo) dates the payloads as the app does.
    const today = process.env['LANTERN_TODAY'];
    const time = today ? { now: () => new Date(), today: () => today } : systemTime;
    if (values.check) {
      const next = await nextBatch(handle.db, time.today());
      const purges = next.outgoing.filter((o) => o.purgesChild).length;
      console.log(`Next send: ${next.kind}; ${next.outgoing.length - purges} children to send, ${purges} to purge, ${next.unchanged} unchanged, ${next.unsendable.length} that cannot be sent (see /returns/csc-api).`);
      return 0;
    }
    const config = readCscApiConfig();
    const summary = await runCscApi(handle.db, { config, time, startedBy: null });
    if (!config.ok) {
      console.error(`Not sent: the DfE CSC API is not configured.\n${config.problems.join('\n')}`);
      return 1;
    }
    console.log(`${summary.kind === 'snapshot' ? 'Snapshot' : 'Changes'}: ${summary.outcome}; ${summary.children} children sent, ${summary.purged} purged, ${summary.batches} requests, ${summary.failedBatches} not accepted (see /returns/csc-api).`);
    return summary.outcome === 'sent' || summary.outcome === 'nothing-to-send' ? 0 : 1;
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
    // The message only: an error's detail could carry a value from the record.
    console.error(error instanceof Error ? error.message : 'The DfE CSC API send failed');
    process.exitCode = 1;
  },
);
