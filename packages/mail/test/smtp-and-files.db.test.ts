import { createRepositories, type DatabaseHandle } from '@ekspedit/db';
import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../src/intake/import-file';
import { processPendingReceipts } from '../src/intake/process-receipts';
import { startSmtpReceiver } from '../src/intake/smtp-receiver';
import { buildDocx, buildPdf } from './support/documents';
import { buildIntakeDeps } from './support/intake';
import { buildMail } from './support/mails';
import { createSharedTestDatabase, type SharedTestDatabase, testDatabaseKind } from './support/test-db';

describe(`SMTP receiver and file import (${testDatabaseKind})`, () => {
  let shared: SharedTestDatabase;
  let handle: DatabaseHandle;
  let receiver: Awaited<ReturnType<typeof startSmtpReceiver>>;

  beforeAll(async () => {
    shared = await createSharedTestDatabase();
    handle = await shared.open();
    receiver = await startSmtpReceiver(
      { listen: '127.0.0.1:0', domains: ['kommune.example'], maxBytes: 200_000 },
      { receipts: createRepositories(handle.db).mailReceipts },
    );
  });
  afterAll(async () => {
    await receiver?.stop();
    await handle?.close();
    await shared?.dispose();
  });

  const rows = async <T>(q: ReturnType<typeof sql>) => ((await handle.db.execute(q)) as unknown as { rows: T[] }).rows;
  const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, ignoreTLS: true });

  it('answers 250 only after the raw mail and a receipt per local recipient are stored, then processes them into one case', async () => {
    const raw = buildMail({ to: 'post@kommune.example, byg@kommune.example', subject: 'Direkte levering' });
    const info = await transport().sendMail({ envelope: { from: 'anne@borger.example', to: ['post@kommune.example', 'byg@kommune.example'] }, raw });
    expect(info.accepted).toHaveLength(2);
    // The 250 has been received: the receipts exist now, before any processing.
    const stored = await rows<{ mailbox: string; status: string; uid: number }>(
      sql`select mailbox, status, uid from mail_receipts where account = 'smtp' order by mailbox`,
    );
    expect(stored.map((r) => [r.mailbox, r.status])).toEqual([
      ['byg@kommune.example', 'stored'],
      ['post@kommune.example', 'stored'],
    ]);
    expect(await processPendingReceipts(buildIntakeDeps(handle))).toMatchObject({ processed: 1, duplicate: 1 });
  });

  it('runs the after-intake step (the AI acknowledgement hook) once per new case, and a failing step does not undo the intake', async () => {
    const raw = buildMail({ to: 'post@kommune.example', subject: 'Kvittering, tak' });
    await transport().sendMail({ envelope: { from: 'anne@borger.example', to: ['post@kommune.example'] }, raw });
    const seen: string[] = [];
    const result = await processPendingReceipts(
      buildIntakeDeps(handle, {
        afterNewCase: async ({ caseId }) => {
          seen.push(caseId);
          throw new Error('mail server down');
        },
      }),
    );
    expect(result).toMatchObject({ processed: 1 });
    expect(seen).toHaveLength(1);
    expect(await createRepositories(handle.db).cases.findCaseById(seen[0] as string)).not.toBeNull();
  });

  it('refuses other domains (550) and mail above the size limit (552)', async () => {
    await expect(transport().sendMail({ envelope: { from: 'a@b.example', to: ['someone@elsewhere.example'] }, raw: buildMail() })).rejects.toMatchObject({
      responseCode: 550,
    });
    const big = buildMail({ body: 'x'.repeat(300_000) });
    await expect(transport().sendMail({ envelope: { from: 'a@b.example', to: ['post@kommune.example'] }, raw: big })).rejects.toMatchObject({
      responseCode: 552,
    });
  });

  it('imports PDF, DOCX, text and EML files as cases with their text and personal-data spans; an unreadable file is kept on a flagged case', async () => {
    const deps = buildIntakeDeps(handle);
    const actor = { kind: 'system', id: 'test' } as const;
    const pdf = await importFile({ raw: buildPdf('Ansogning om tilskud, tlf. 22 33 44 55'), filename: 'ansoegning.pdf', actor }, deps);
    expect(pdf).toMatchObject({ kind: 'pdf', outcome: 'pdf_text', flags: [] });
    const docx = await importFile({ raw: buildDocx(['Klage fra Karen Jensen', 'CPR 010203-1236']), filename: 'klage.docx', actor }, deps);
    expect(docx).toMatchObject({ kind: 'docx', outcome: 'docx_text' });
    const [docRow] = await rows<{ extracted_text: string; pii_spans: { type: string }[] }>(
      sql`select extracted_text, pii_spans from documents where case_id = ${docx.case.id}`,
    );
    expect(docRow?.pii_spans.map((s) => s.type)).toEqual(['NAME', 'CPR']);
    const txt = await importFile({ raw: new TextEncoder().encode('Hej, hvornår åbner svømmehallen?'), filename: 'spørgsmål.txt', actor }, deps);
    expect(txt).toMatchObject({ kind: 'text', outcome: 'text' });
    const messages = await createRepositories(handle.db).cases.listMessages(txt.case.id);
    expect(messages[0]?.bodyText).toBe('Hej, hvornår åbner svømmehallen?');
    const eml = await importFile({ raw: new TextEncoder().encode(buildMail({ subject: 'Fra fil' })), filename: 'mail.eml', actor }, deps);
    expect(eml).toMatchObject({ kind: 'eml', outcome: 'parsed' });
    const junk = await importFile({ raw: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), filename: 'ødelagt.msg', actor }, deps);
    expect(junk).toMatchObject({ kind: 'msg', outcome: 'unparsed', flags: ['unparsed_source'] });
  });
});
