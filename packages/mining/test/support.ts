import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The shared public event logs, next to the repository (../shared/event-logs from its root). */
export const LOGS_DIR = fileURLToPath(new URL('../../../../shared/event-logs/', import.meta.url));

/** True when the shared logs are present; parity tests skip (with a message) otherwise. */
export const hasLogs = existsSync(`${LOGS_DIR}reference/README.md`);

if (!hasLogs) {
  const reason = `Parity tests skipped: no event logs at ${LOGS_DIR} (see docs/benchmarks.md).`;
  // CI always has ../shared: there its absence is a failure, not a skip.
  if (process.env.CI) throw new Error(reason);
  console.log(reason);
}

/** Path of a file in the shared logs folder. */
export function logPath(name: string): string {
  return `${LOGS_DIR}${name}`;
}

/** Reads one of pm4py's reference JSON files. */
export function reference<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(logPath(`reference/${name}`), 'utf8')) as T;
}

/**
 * pm4py's figures were rounded to 3 decimals with Python's round(), which rounds the exact binary
 * value; toFixed does the same (Math.round(x * 1000) would round 56.1755 up, Python rounds it down).
 */
export function round3(x: number): number {
  return Number(x.toFixed(3));
}
