// `npm start` as a person runs it: a second start keeps the data, a second process on the same
// folder is refused with a clear message, and SIGTERM closes the database cleanly.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connection.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'lantern-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const { DATABASE_URL: _ignored, ...withoutDatabaseUrl } = process.env;

function start(): { child: ChildProcess; output: () => string; ready: Promise<void>; exited: Promise<number | null> } {
  let text = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...withoutDatabaseUrl, PORT: '0', LANTERN_DATA_DIR: dataDir, LANTERN_SEED_SIZE: 'tiny', LANTERN_TODAY: '2026-11-20' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('Lantern is running at')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`exited before it was ready:\n${text}`)));
  });
  return { child, output: () => text, ready, exited };
}

describe('starting Lantern', () => {
  it('seeds on first start, refuses a second process on the same folder, stops on SIGTERM and keeps its data', async () => {
    const first = start();
    await first.ready;
    expect(first.output()).toContain('Demo sign-ins');
    expect(existsSync(join(dataDir, 'lantern.lock'))).toBe(true);

    const second = start();
    await expect(second.ready).rejects.toThrow(/already using the data folder/);
    expect(await second.exited).toBe(1);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(join(dataDir, 'lantern.lock'))).toBe(false);

    const handle = await openDatabase({ dataDir });
    const users = await handle.db.selectFrom('app_user').select('id').execute();
    await handle.close();
    expect(users.length).toBeGreaterThan(0);

    const third = start();
    await third.ready;
    expect(third.output()).not.toContain('First start');
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  }, 180_000);
});
