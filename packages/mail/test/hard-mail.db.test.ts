import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRepositories, type DatabaseHandle } from '@ekspedit/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/hash';
import { pollImapOnce } from '../src/intake/imap-poller';
import { processPendingReceipts } from '../src/intake/process-receipts';
import { createOutboxTransport } from '../src/transports';
import { buildDocx, buildPdf, buildZip } from './support/documents';
import { type Dovecot, dovecotBinary, startDovecot } from './support/dovecot';
import { buildIntakeDeps } from './support/intake';
import { buildMail } from './support/mails';
import { createSharedTestDatabase, type SharedTestDatabase, testDatabaseKind } from './support/test-db';

type Receipt = {
  uid: number;
  uid_validity: number;
  status: string;
  outcome: string | null;
  case_id: string | null;
  message_id: string | null;
  raw_hash: string;
};

/** The hard mail of the issue, each delivered to its own mailbox on a real Dovecot and taken in by the IMAP poller. */
describe.skipIf(!dovecotBinary)(`hard mail through IMAP (${testDatabaseKind})`, () => {
  let dovecot: Dovecot;
  let shared: SharedTestDatabase;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    [dovecot, shared] = await Promise.all([startDovecot(), createSharedTestDatabase()]);
    handle = await shared.open();
  });
  afterAll(async () => {
    await handle?.close();
    await dovecot?.stop();
    await shared?.dispose();
  });

  const rows = async <T>(q: ReturnType<typeof sql>) => ((await handle.db.execute(q)) as unknown as { rows: T[] }).rows;

  async function deliver(mailbox: string, raws: (string | Uint8Array)[]): Promise<void> {
    const client = await dovecot.client();
    if (mailbox !== 'INBOX' && !(await client.list()).some((b) => b.path === mailbox)) await client.mailboxCreate(mailbox);
    for (const raw of raws) await client.append(mailbox, typeof raw === 'string' ? raw : Buffer.from(raw));
    await client.logout();
  }

  async function intake(mailboxes: string[], overrides: Parameters<typeof buildIntakeDeps>[1] = {}) {
    await pollImapOnce({ url: dovecot.url, mailboxes, after: { kind: 'seen' } }, { receipts: createRepositories(handle.db).mailReceipts });
    return processPendingReceipts(buildIntakeDeps(handle, overrides));
  }

  const receiptsIn = (mailbox: string) =>
    rows<Receipt>(
      sql`select uid, uid_validity, status, outcome, case_id, message_id, raw_hash from mail_receipts where mailbox = ${mailbox} order by uid_validity, uid`,
    );

  async function unseen(mailbox: string): Promise<number[]> {
    const client = await dovecot.client();
    await client.mailboxOpen(mailbox, { readOnly: true });
    const uids = (await client.search({ seen: false }, { uid: true })) || [];
    await client.logout();
    return uids;
  }

  it('missing Message-ID: a case all the same, outcome no_message_id', async () => {
    await deliver('NoId', [buildMail({ messageId: null, subject: 'Uden id', body: 'Hej, jeg mangler et Message-ID.' })]);
    expect(await intake(['NoId'])).toMatchObject({ processed: 1, failed: 0 });
    const [r] = await receiptsIn('NoId');
    expect(r).toMatchObject({ status: 'processed', outcome: 'new_case,parsed,no_message_id' });
    expect(await unseen('NoId')).toEqual([]);
  });

  it('a reused Message-ID with a different body: a separate case, never dropped', async () => {
    const id = '<samme-id@borger.example>';
    await deliver('Reused', [
      buildMail({ messageId: id, subject: 'Første', body: 'Første henvendelse.' }),
      buildMail({ messageId: id, subject: 'Anden', body: 'En helt anden henvendelse.' }),
    ]);
    expect(await intake(['Reused'])).toMatchObject({ processed: 2 });
    const [a, b] = await receiptsIn('Reused');
    expect(a?.case_id).not.toBe(b?.case_id);
    expect(b?.outcome).toContain('reused_message_id');
  });

  it('the same mail in two mailboxes: one case, the second receipt a duplicate linked to it', async () => {
    const raw = buildMail({ messageId: '<to-postkasser@borger.example>', subject: 'Sendt to steder', body: 'Samme mail til to postkasser.' });
    await deliver('BoxA', [raw]);
    await deliver('BoxB', [raw]);
    expect(await intake(['BoxA', 'BoxB'])).toMatchObject({ processed: 1, duplicate: 1 });
    const [a] = await receiptsIn('BoxA');
    const [b] = await receiptsIn('BoxB');
    expect(a).toMatchObject({ status: 'processed' });
    expect(b).toMatchObject({ status: 'duplicate', case_id: a?.case_id, message_id: a?.message_id, outcome: 'same_raw_on_case' });
    const events = await createRepositories(handle.db).cases.listEvents(a?.case_id ?? '');
    expect(events.map((e) => e.activity)).toContain('mail.duplicate_received');
    expect(await unseen('BoxB')).toEqual([]);
  });

  it('a UIDVALIDITY change: the mailbox is rescanned, known raw sources are recognised, nothing duplicated', async () => {
    const raws = [1, 2, 3].map((i) => buildMail({ messageId: `<rescan-${i}@borger.example>`, subject: `Rescan ${i}`, body: `Mail ${i} før og efter.` }));
    await deliver('Rescan', raws);
    await intake(['Rescan']);
    const before = await receiptsIn('Rescan');
    const [{ n: casesBefore } = { n: 0 }] = await rows<{ n: number }>(sql`select count(*)::int as n from cases`);
    // The server forgets its UIDs (a restore or migration): Dovecot's uidlist and index go, the mails stay.
    await new Promise((r) => setTimeout(r, 1100));
    const folder = join(dovecot.maildir, '.Rescan');
    for (const f of await readdir(folder)) if (f.startsWith('dovecot')) await rm(join(folder, f), { force: true });
    expect(await intake(['Rescan'])).toMatchObject({ processed: 0, duplicate: 3, failed: 0 });
    const after = await receiptsIn('Rescan');
    expect(after).toHaveLength(6);
    const rescanned = after.filter((r) => Number(r.uid_validity) !== Number(before[0]?.uid_validity));
    expect(rescanned).toHaveLength(3);
    expect(rescanned.every((r) => r.status === 'duplicate' && r.outcome === 'rescanned_after_uidvalidity_change')).toBe(true);
    expect(new Set(rescanned.map((r) => r.case_id))).toEqual(new Set(before.map((r) => r.case_id)));
    const [{ n: casesAfter } = { n: 0 }] = await rows<{ n: number }>(sql`select count(*)::int as n from cases`);
    expect(casesAfter).toBe(casesBefore);
  });

  it('broken MIME: kept raw, byte for byte, on a flagged case', async () => {
    const raw = 'Dette er ikke en e-mail\r\nmen stadig post, der ikke må tabes\r\n';
    await deliver('Broken', [raw]);
    expect(await intake(['Broken'])).toMatchObject({ processed: 1 });
    const [r] = await receiptsIn('Broken');
    expect(r?.outcome).toBe('new_case,unparsed');
    const c = await createRepositories(handle.db).cases.findCaseById(r?.case_id ?? '');
    expect(c?.flags).toEqual(['unparsed_source']);
    expect(r?.raw_hash).toBe(sha256Hex(new TextEncoder().encode(raw)));
    const blob = await createRepositories(handle.db).blobs.findBlob(r?.raw_hash ?? '');
    expect(new TextDecoder().decode(blob?.content)).toBe(raw);
  });

  it('encoded-word subjects in mixed charsets are decoded', async () => {
    await deliver('Charsets', [buildMail({ subject: '=?ISO-8859-1?Q?Sp=F8rgsm=E5l_om?= =?UTF-8?B?IOKAkyDDpsO4w6U=?= =?windows-1252?Q?_=80?=' })]);
    await intake(['Charsets']);
    const [r] = await receiptsIn('Charsets');
    const c = await createRepositories(handle.db).cases.findCaseById(r?.case_id ?? '');
    expect(c?.title).toBe('Spørgsmål om – æøå €');
  });

  it('CRLF injection in a header: the subject is sanitised and never reaches an outgoing header', async () => {
    await deliver('Crlf', [buildMail({ subject: '=?UTF-8?Q?Hej=0D=0ABcc:_evil@example.com=0D=0A=0D=0Akrop?=' })]);
    await intake(['Crlf']);
    const [r] = await receiptsIn('Crlf');
    const c = await createRepositories(handle.db).cases.findCaseById(r?.case_id ?? '');
    expect(c?.title).toBe('Hej Bcc: evil@example.com krop');
    const outbox = await mkdtemp(join(tmpdir(), 'ekspedit-outbox-'));
    try {
      const { deliveryRef } = await createOutboxTransport(outbox).send({
        from: 'post@kommune.example',
        to: ['anne@borger.example'],
        subject: `Sv: ${c?.title} [${c?.number}]`,
        text: 'Svar',
        messageId: '<svar@kommune.example>',
        inReplyTo: null,
      });
      const sent = await readFile(join(outbox, deliveryRef), 'utf8');
      const headerLines = sent.split('\r\n\r\n')[0]?.split('\r\n') ?? [];
      expect(headerLines.some((l) => /^bcc:/i.test(l))).toBe(false);
    } finally {
      await rm(outbox, { recursive: true, force: true });
    }
  });

  it('a 25 MB attachment within the limit is stored; above the limit the mail is kept raw, flagged, not extracted', async () => {
    const big = new Uint8Array(randomBytes(25 * 1024 * 1024));
    const attachment = { filename: 'stor.bin', contentType: 'application/octet-stream', content: big };
    await deliver('Big', [buildMail({ messageId: '<stor-1@borger.example>', subject: 'Stort bilag', attachments: [attachment] })]);
    // Above the limit: the same path at a smaller scale (a 2 MB attachment against a 1 MB limit).
    const above2 = { filename: 'stor.bin', contentType: 'application/octet-stream', content: new Uint8Array(randomBytes(2 * 1024 * 1024)) };
    await deliver('Bigger', [buildMail({ messageId: '<stor-2@borger.example>', subject: 'For stort bilag', attachments: [above2] })]);
    expect(await intake(['Big'])).toMatchObject({ processed: 1, failed: 0 });
    const [within] = await receiptsIn('Big');
    const docs = await createRepositories(handle.db).cases.listDocuments(within?.case_id ?? '');
    expect(docs).toHaveLength(1);
    expect(docs[0]?.size).toBe(big.byteLength);
    expect(await intake(['Bigger'], { maxBytes: 1024 * 1024 })).toMatchObject({ processed: 1, failed: 0 });
    const [above] = await receiptsIn('Bigger');
    expect(above?.outcome).toBe('new_case,too_large');
    const c = await createRepositories(handle.db).cases.findCaseById(above?.case_id ?? '');
    expect(c?.title).toBe('For stort bilag');
    expect(c?.flags).toEqual(['oversized_source']);
    expect(await createRepositories(handle.db).cases.listDocuments(above?.case_id ?? '')).toEqual([]);
    expect((await createRepositories(handle.db).blobs.findBlob(above?.raw_hash ?? ''))?.size).toBeGreaterThan(2 * 1024 * 1024);
  }, 120_000);

  it('a zip attachment: its PDF, DOCX and TXT are read, and personal data is recorded as spans', async () => {
    const zip = buildZip({
      'ansoegning.pdf': buildPdf('Ansoeger: CPR 010203-1236'),
      'klage.docx': buildDocx(['Klage fra Anne Jensen, Nørregade 12, 2200 København N']),
      'noter.txt': new TextEncoder().encode('Ring på 22 33 44 55'),
    });
    await deliver('Zip', [
      buildMail({
        subject: 'Bilag i zip',
        body: 'Mit navn er Anne Jensen, CPR 010203-1236.',
        attachments: [{ filename: 'bilag.zip', contentType: 'application/zip', content: zip }],
      }),
    ]);
    await intake(['Zip']);
    const [r] = await receiptsIn('Zip');
    const [doc] = await rows<{ extracted_text: string; pii_spans: { type: string }[] }>(
      sql`select extracted_text, pii_spans from documents where case_id = ${r?.case_id}`,
    );
    expect(doc?.extracted_text).toContain('--- klage.docx ---');
    expect(doc?.pii_spans.map((s) => s.type).sort()).toEqual(['ADDRESS', 'CPR', 'NAME', 'PHONE']);
    const [message] = await rows<{ pii_spans: { type: string }[] }>(sql`select pii_spans from messages where id = ${r?.message_id}`);
    expect(message?.pii_spans.map((s) => s.type)).toEqual(['NAME', 'CPR']);
    const events = await createRepositories(handle.db).cases.listEvents(r?.case_id ?? '');
    const attachments = events.find((e) => e.activity === 'intake.attachments')?.data.attachments as { outcome: string; entries: { outcome: string }[] }[];
    expect(attachments[0]?.entries.map((e) => e.outcome)).toEqual(['pdf_text', 'docx_text', 'text']);
  });

  it('replies join their case by In-Reply-To, References or the case number in the subject', async () => {
    await deliver('Thread', [buildMail({ messageId: '<traad-1@borger.example>', subject: 'Spørgsmål', body: 'Første mail.' })]);
    await intake(['Thread']);
    const [first] = await receiptsIn('Thread');
    const c = await createRepositories(handle.db).cases.findCaseById(first?.case_id ?? '');
    await deliver('Thread', [
      buildMail({ messageId: '<traad-2@borger.example>', inReplyTo: '<traad-1@borger.example>', subject: 'Re: Spørgsmål', body: 'Opfølgning.' }),
      buildMail({ messageId: '<traad-3@borger.example>', references: '<ukendt@x> <traad-2@borger.example>', subject: 'Re: Re: Spørgsmål', body: 'Mere.' }),
      buildMail({ messageId: '<traad-4@borger.example>', subject: `Sv: Spørgsmål [${c?.number}]`, body: 'Svar på jeres svar.' }),
    ]);
    await intake(['Thread']);
    const all = await receiptsIn('Thread');
    expect(all.map((r) => r.outcome?.split(',')[0])).toEqual(['new_case', 'reply:in_reply_to', 'reply:references', 'reply:case_number']);
    expect(new Set(all.map((r) => r.case_id)).size).toBe(1);
    const messages = await createRepositories(handle.db).cases.listMessages(c?.id ?? '');
    expect(messages).toHaveLength(4);
  });

  it('the sorting seam: a classifier and a route decide kind, KLE code and unit', async () => {
    await createRepositories(handle.db).auth.upsertUnit({ id: 'affald', name: 'Affald', parentId: null, kleCodes: ['07'] });
    const recorded: string[] = [];
    await deliver('Sorted', [buildMail({ subject: 'Storskrald', body: 'Hvornår hentes storskrald?' })]);
    await intake(['Sorted'], {
      sorting: {
        classify: async (item) => ({
          modelVersion: 'test-1',
          kleCode: item.subject.includes('Storskrald') ? '07.18.00' : null,
          kleGroup: '07.18',
          caseKind: 'citizen_inquiry',
          itemKind: 'question',
          priority: 'normal',
          language: 'da',
          confidence: 0.97,
          alternatives: [],
          explanation: [],
        }),
        route: async (result) => ({ unitId: 'affald', kleCode: result.kleCode, decision: 'auto_routed' }),
        record: async (entry) => {
          recorded.push(entry.caseId);
        },
      },
    });
    const [r] = await receiptsIn('Sorted');
    const c = await createRepositories(handle.db).cases.findCaseById(r?.case_id ?? '');
    expect(c).toMatchObject({ unitId: 'affald', kleCode: '07.18.00' });
    expect(recorded).toEqual([c?.id]);
    const events = await createRepositories(handle.db).cases.listEvents(c?.id ?? '');
    expect(events.find((e) => e.activity === 'case.classified')?.data).toMatchObject({ decision: 'auto_routed', kleCode: '07.18.00' });
  });

  it('move:<folder> moves a mail only after it is stored, and a second pass takes nothing twice', async () => {
    await deliver('MoveMe', [buildMail({ subject: 'Flyt mig' })]);
    const receipts = createRepositories(handle.db).mailReceipts;
    await pollImapOnce({ url: dovecot.url, mailboxes: ['MoveMe'], after: { kind: 'move', folder: 'Behandlet' } }, { receipts });
    await pollImapOnce({ url: dovecot.url, mailboxes: ['MoveMe'], after: { kind: 'move', folder: 'Behandlet' } }, { receipts });
    expect(await receiptsIn('MoveMe')).toHaveLength(1);
    const client = await dovecot.client();
    const status = await client.status('Behandlet', { messages: true });
    const left = await client.status('MoveMe', { messages: true });
    await client.logout();
    expect(status === false ? null : status.messages).toBe(1);
    expect(left === false ? null : left.messages).toBe(0);
    await processPendingReceipts(buildIntakeDeps(handle));
  });
});
