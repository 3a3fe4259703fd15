import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock } from '../src/lock';

describe('data directory lock', () => {
  it('refuses a second holder with a clear Danish message, and frees on release', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ekspedit-lock-'));
    const release = acquireDataDirLock(dir, 'server on port 3000');
    expect(() => acquireDataDirLock(dir, 'cli')).toThrow(/bruges allerede af en anden Ekspedit-proces.*server on port 3000/);
    release();
    const again = acquireDataDirLock(dir, 'cli');
    again();
  });

  it('takes over a stale lock left by a process that died', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ekspedit-lock-'));
    // PID 2^22+1 is above Linux's pid_max default, so no such process exists.
    writeFileSync(join(dir, 'ekspedit.lock'), JSON.stringify({ pid: 4_194_305, purpose: 'crashed' }));
    const release = acquireDataDirLock(dir, 'server');
    expect(JSON.parse(readFileSync(join(dir, 'ekspedit.lock'), 'utf8')).pid).toBe(process.pid);
    release();
  });
});
