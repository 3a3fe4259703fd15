import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support';

// A fresh data directory and a local web server on 127.0.0.1; nothing external is contacted.
const dir = mkdtempSync(join(tmpdir(), 'ekspedit-kb-url-'));
const saved = { data: process.env.EKSPEDIT_DATA_DIR, domains: process.env.EKSPEDIT_KB_ALLOWED_DOMAINS };
let server: Server;
let base = '';

const run = (...argv: string[]) => runCli(argv);

describe('ekspedit kb add-url', () => {
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/aktindsigt') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<h1>Aktindsigt</h1><p>Kommunen svarer på en anmodning om aktindsigt inden for syv arbejdsdage.</p>');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.env.EKSPEDIT_DATA_DIR = dir;
  });
  afterAll(async () => {
    for (const [key, value] of [
      ['EKSPEDIT_DATA_DIR', saved.data],
      ['EKSPEDIT_KB_ALLOWED_DOMAINS', saved.domains],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('refuses URL import when no domain is allowed', async () => {
    delete process.env.EKSPEDIT_KB_ALLOWED_DOMAINS;
    const res = await run('kb', 'add-url', `${base}/aktindsigt`);
    expect(res.code).toBe(2);
    expect(res.err).toContain('EKSPEDIT_KB_ALLOWED_DOMAINS');
  }, 60_000);

  it('imports a page, finds it, and refuses a page that is not HTML', async () => {
    process.env.EKSPEDIT_KB_ALLOWED_DOMAINS = '127.0.0.1';
    const added = await run('kb', 'add-url', `${base}/aktindsigt`, '--kle', '85.04', '--format', 'json');
    expect(added.code, added.err).toBe(0);
    expect(JSON.parse(added.out)).toMatchObject([{ url: `${base}/aktindsigt`, title: 'Aktindsigt', kind: 'web_page' }]);
    const hits = JSON.parse((await run('kb', 'search', 'aktindsigt arbejdsdage', '--kind', 'web_page', '--format', 'json')).out) as { title: string }[];
    expect(hits[0]?.title).toBe('Aktindsigt');
    const bad = await run('kb', 'add-url', `${base}/data.json`);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('UNSUPPORTED_MEDIA_TYPE');
  }, 60_000);
});
