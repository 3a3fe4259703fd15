// Time to first page: `npm start` on a fresh data directory (migrations + demo seed) and on an
// existing one, plus the web build that `npm start` runs first. Prints seconds and peak RSS.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../e2e/support/server';

async function timeToFirstPage(dataDir: string): Promise<{ seconds: number; rssMb: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    env: { ...process.env, EKSPEDIT_DATA_DIR: dataDir, PORT: String(port), NODE_ENV: 'production', EKSPEDIT_LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`);
        if (res.ok && (await res.text()).includes('<div id="root">')) break;
      } catch {
        // not up yet
      }
      if (performance.now() - started > 180_000) throw new Error('no first page within 180 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = (performance.now() - started) / 1000;
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const rssMb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    return { seconds, rssMb };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const buildStart = performance.now();
execFileSync('npm', ['run', '--silent', 'build:web'], { stdio: 'ignore' });
const buildSeconds = (performance.now() - buildStart) / 1000;

const dir = mkdtempSync(join(tmpdir(), 'ekspedit-bench-start-'));
const first = await timeToFirstPage(dir);
const again = await timeToFirstPage(dir);

console.log('| step | seconds | peak RSS (MB) |');
console.log('|---|---:|---:|');
console.log(`| web build (vite) | ${buildSeconds.toFixed(1)} | |`);
console.log(`| first start: migrate + seed demo (300 cases) + first page | ${first.seconds.toFixed(1)} | ${first.rssMb.toFixed(0)} |`);
console.log(`| later start: first page | ${again.seconds.toFixed(1)} | ${again.rssMb.toFixed(0)} |`);
console.log(`npm start → first page on a fresh clone: ${(buildSeconds + first.seconds).toFixed(1)} s (target 60 s)`);
