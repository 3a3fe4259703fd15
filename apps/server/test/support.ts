import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@ekspedit/core';
import type { DatabaseHandle } from '@ekspedit/db';
import { buildApp } from '../src/app';
import { createDeps } from '../src/deps';

/** The app on a test database, with an outbox in a temporary folder. */
export async function buildTestApp(handle: DatabaseHandle, env: Record<string, string> = {}, overrides: Parameters<typeof createDeps>[2] = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ekspedit-api-'));
  const config = loadConfig({ EKSPEDIT_DATA_DIR: dataDir, NODE_ENV: 'test', ...env });
  const deps = createDeps(config, handle, overrides);
  const app = await buildApp(deps);
  return { app, deps, outboxDir: config.outboxDir };
}

/** Logs in and returns headers that carry the session and the CSRF header. */
export async function loginHeaders(app: Awaited<ReturnType<typeof buildTestApp>>['app'], username: string, password: string) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-requested-with': 'ekspedit' }, payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'ekspedit_session');
  if (!cookie) throw new Error('no session cookie');
  return { cookie: `ekspedit_session=${cookie.value}`, 'x-requested-with': 'ekspedit' };
}
