// One process per embedded data folder: PGlite is a single in-process database, and two writers
// would corrupt it. The lock file holds the owner's pid so a stale lock (crashed process) is taken over.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataFolderInUseError extends Error {}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataFolder(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'lantern.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(owner) && owner !== process.pid && processIsAlive(owner)) {
        throw new DataFolderInUseError(
          `Another Lantern process (pid ${owner}) is already using the data folder ${dataDir}. ` +
            'Stop it first, or set LANTERN_DATA_DIR to a different folder.',
        );
      }
      rmSync(lockPath, { force: true }); // stale: its owner has gone
    }
  }
  throw new DataFolderInUseError(`Could not lock the data folder ${dataDir}.`);
}
