// A second Lantern on a data folder that another process holds stops with one line on stderr and a
// non-zero exit code, and no stack trace (issue 6 part 3, item 6). The folder is held here by this
// test process itself: its pid is in the lock file, and it is alive.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'lantern-second-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const { DATABASE_URL: _ignored, ...withoutDatabaseUrl } = process.env;

describe('a second process on the same data folder', () => {
  it('exits 1 with one clear line on stderr, no stack trace, and leaves the other process’s lock alone', async () => {
    writeFileSync(join(dataDir, 'lantern.lock'), String(process.pid));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...withoutDatabaseUrl, PORT: '0', LANTERN_DATA_DIR: dataDir, LANTERN_SEED_SIZE: 'tiny' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      `Another Lantern process (pid ${process.pid}) is already using the data folder ${dataDir}. Stop it first, or set LANTERN_DATA_DIR to a different folder.`,
    );
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).not.toContain('Lantern is running');
    expect(readFileSync(join(dataDir, 'lantern.lock'), 'utf8')).toBe(String(process.pid));
  }, 60_000);
});
