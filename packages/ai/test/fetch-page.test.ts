import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PartyRecord } from '@ekspedit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addKnowledgeUrl, anonymizeReply, checkPageUrl, fetchPage, isAllowedHost, type KnowledgeSink } from '../src/knowledge';

// A local web server on 127.0.0.1 (a test double for a municipality's website); nothing external is contacted.
// "127.0.0.1" is the allowed domain; "localhost" reaches the same server but is not allowed.
const page = `<!doctype html><html><head><title>Haveaffald</title></head><body>
<h1>Haveaffald</h1><p>Haveaffald hentes hver anden fredag fra april til november.</p>
<h2>Sådan gør du</h2><ul><li>Stil containeren ved skel senest kl. 6.00.</li><li>Grene skal være bundtet.</li></ul></body></html>`;

let server: Server;
let port = 0;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/haveaffald') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
    } else if (path === '/flyttet') {
      res.writeHead(301, { location: '/haveaffald' });
      res.end();
    } else if (path === '/ud-af-domaenet') {
      res.writeHead(302, { location: `http://localhost:${port}/haveaffald` });
      res.end();
    } else if (path === '/stor') {
      // No content-length: the limit must hold while reading, not only on the header.
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = `<p>${'x'.repeat(64 * 1024)}</p>`;
      for (let i = 0; i < 100; i++) res.write(chunk);
      res.end();
    } else if (path === '/pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end('%PDF-1.4');
    } else if (path === '/tekst') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Åbningstider\n\nGenbrugspladsen har åbent alle dage kl. 7-19.');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('ikke fundet');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const allowed = ['127.0.0.1'];

describe('fetchPage', () => {
  it('fetches an HTML page within the allowed domains, following redirects that stay inside', async () => {
    const fetched = await fetchPage(`${base}/flyttet`, { allowedDomains: allowed });
    expect(fetched.mediaType).toBe('text/html');
    expect(fetched.finalUrl).toBe(`${base}/haveaffald`);
    expect(new TextDecoder().decode(fetched.content)).toContain('hver anden fredag');
  });

  it('refuses a redirect to a host outside the allowed domains', async () => {
    await expect(fetchPage(`${base}/ud-af-domaenet`, { allowedDomains: allowed })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('localhost er ikke tilladt'),
    });
  });

  it('refuses a page over the size limit', async () => {
    await expect(fetchPage(`${base}/stor`, { allowedDomains: allowed, maxBytes: 1_048_576 })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses what is neither HTML nor text, and HTTP errors', async () => {
    await expect(fetchPage(`${base}/pdf`, { allowedDomains: allowed })).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    await expect(fetchPage(`${base}/mangler`, { allowedDomains: allowed })).rejects.toMatchObject({ message: expect.stringContaining('HTTP 404') });
  });

  it('refuses every URL when no domain is allowed, and other schemes and hosts', () => {
    expect(() => checkPageUrl(`${base}/haveaffald`, [])).toThrow(/EKSPEDIT_KB_ALLOWED_DOMAINS/);
    expect(() => checkPageUrl('file:///etc/passwd', allowed)).toThrow(/http/);
    expect(() => checkPageUrl('ftp://127.0.0.1/x', allowed)).toThrow(/http/);
    expect(() => checkPageUrl('http://evil.example/', allowed)).toThrow(/ikke tilladt/);
    expect(isAllowedHost('www.kommune.dk', ['kommune.dk'])).toBe(true);
    expect(isAllowedHost('ondkommune.dk', ['kommune.dk'])).toBe(false);
  });

  it('times out on a page that does not answer', async () => {
    const hanging = (_url: string, init: { signal: AbortSignal }) =>
      new Promise<Response>((_resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
    await expect(fetchPage(`${base}/haveaffald`, { allowedDomains: allowed, fetch: hanging, timeoutMs: 50 })).rejects.toMatchObject({
      message: expect.stringContaining('svarede ikke'),
    });
  });
});

describe('addKnowledgeUrl', () => {
  it('extracts and chunks the page and stores it as a web_page replacing earlier imports of the URL', async () => {
    const calls: { source: Record<string, unknown>; chunks: { headingPath: string; text: string }[]; options?: { replaceSameOrigin?: boolean } }[] = [];
    const sink: KnowledgeSink = {
      async addSource(source, chunks, options) {
        calls.push({ source, chunks, options });
        return { id: 'src-1', chunks: chunks.length };
      },
    };
    const added = await addKnowledgeUrl({ url: `${base}/haveaffald#top`, kleCodes: ['07.18'] }, sink, { allowedDomains: allowed });
    expect(added).toMatchObject({ id: 'src-1', title: 'Haveaffald', url: `${base}/haveaffald` });
    const call = calls[0];
    expect(call?.source).toMatchObject({ kind: 'web_page', origin: `${base}/haveaffald`, mediaType: 'text/html', kleCodes: ['07.18'] });
    expect(call?.options?.replaceSameOrigin).toBe(true);
    expect(call?.chunks.some((c) => c.headingPath.includes('Sådan gør du') && c.text.includes('bundtet'))).toBe(true);

    const text = await addKnowledgeUrl({ url: `${base}/tekst` }, sink, { allowedDomains: allowed });
    expect(text.title).toBe('Åbningstider');
  });
});

describe('anonymizeReply', () => {
  const party = {
    id: 'p1',
    role: 'sender',
    kind: 'citizen',
    name: 'Anne Jensen',
    email: 'anne@borger.example',
    phone: '22 33 44 55',
    address: 'Nørregade 12, 8000 Aarhus C',
    cpr: '0101901234',
    cvr: null,
  } as PartyRecord;

  it('turns the case’s own data into merge fields and removes other personal data', () => {
    const text = [
      'Kære Anne Jensen',
      '',
      'Tak for din henvendelse i sag 2026-000042. Vi har registreret dit CPR-nummer 010190-1234 og din adresse Nørregade 12, 8000 Aarhus C.',
      'Vi svarer på anne@borger.example eller 22 33 44 55. Din nabo Peter Hansen på peter@nabo.example kan også ringe på 40 50 60 70.',
      'Haveaffald hentes hver anden fredag.',
    ].join('\n');
    const out = anonymizeReply(text, { parties: [party], caseNumber: '2026-000042' });
    expect(out).toContain('Kære {{navn}}');
    expect(out).toContain('{{sagsnummer}}');
    expect(out).toContain('Haveaffald hentes hver anden fredag.');
    for (const gone of ['Anne', 'Jensen', '010190', '1234', 'Nørregade', 'anne@', '22 33 44 55', 'Peter Hansen', 'peter@nabo', '40 50 60 70']) {
      expect(out).not.toContain(gone);
    }
  });
});
