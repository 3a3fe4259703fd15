import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '@ekspedit/core';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data directory's lock file. PGlite allows one process per data directory; a second
 * writer would lose its writes silently, so a second process must refuse to start instead.
 */
export function acquireDataDirLock(dataDir: string, purpose: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'ekspedit.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, purpose, since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: { pid?: number; purpose?: string } = {};
      try {
        holder = JSON.parse(readFileSync(path, 'utf8'));
      } catch {
        // A lock file being written right now, or garbage: treat as held unless it stays unreadable.
      }
      if (holder.pid && isAlive(holder.pid)) {
        throw new AppError('DATA_DIR_LOCKED', {
          message: `Datamappen ${dataDir} bruges allerede af en anden Ekspedit-proces (pid ${holder.pid}, ${holder.purpose ?? 'ukendt'}). Stop den først, eller brug en anden EKSPEDIT_DATA_DIR.`,
          details: { pid: holder.pid },
        });
      }
      // The holder is gone (crash, SIGKILL): the lock is stale and may be taken over.
      rmSync(path, { force: true });
    }
  }
  throw new AppError('DATA_DIR_LOCKED', { message: `Kunne ikke tage låsen på datamappen ${dataDir}` });
}
