import type { CreateCaseInput, NewDocument } from '@ekspedit/core';
import { simpleParser } from 'mailparser';
import { toBlob } from './hash';

export interface ParsedEml {
  subject: string;
  text: string;
  from: { name: string | null; address: string | null };
  to: string[];
  date: Date | null;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  attachments: { filename: string; contentType: string; content: Uint8Array }[];
}

export class EmlParseError extends Error {}

// A header line per RFC 5322: a printable name without colon or space, then a colon.
const headerLine = /^[!-9;-~]+:/;

/**
 * Parses an EML file. mailparser accepts nearly anything, so we first require a real header
 * block (From, Date or Subject among leading header lines) — otherwise the file is not a mail.
 */
export async function parseEml(raw: Uint8Array): Promise<ParsedEml> {
  if (raw.byteLength === 0) throw new EmlParseError('empty file');
  const head = Buffer.from(raw.subarray(0, Math.min(raw.byteLength, 64 * 1024))).toString('latin1');
  if (head.includes('\u0000')) throw new EmlParseError('binary content');
  const headerBlock = head.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const lines = headerBlock.split(/\r?\n/);
  if (!headerLine.test(lines[0] ?? '')) throw new EmlParseError('no header block');
  const names = new Set(lines.filter((l) => headerLine.test(l)).map((l) => l.slice(0, l.indexOf(':')).toLowerCase()));
  if (!names.has('from') && !names.has('subject') && !names.has('date')) throw new EmlParseError('no From, Subject or Date header');

  let parsed: Awaited<ReturnType<typeof simpleParser>>;
  try {
    parsed = await simpleParser(Buffer.from(raw), { skipHtmlToText: false, skipTextToHtml: true, skipImageLinks: true });
  } catch (error) {
    throw new EmlParseError(`MIME: ${(error as Error).message}`);
  }
  const from = parsed.from?.value[0];
  const toList = Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : [];
  const references = parsed.references ? (Array.isArray(parsed.references) ? parsed.references : [parsed.references]) : [];
  return {
    // Header values are single-line by construction; strip CR/LF a broken encoder might have smuggled in.
    subject: (parsed.subject ?? '').replace(/[\r\n]+/g, ' ').trim(),
    text: (parsed.text ?? '').trim(),
    from: { name: from?.name || null, address: from?.address?.toLowerCase() || null },
    to: toList.flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean),
    date: parsed.date ?? null,
    messageId: parsed.messageId ?? null,
    inReplyTo: parsed.inReplyTo ?? null,
    references,
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? 'vedhæftning',
      contentType: a.contentType,
      content: new Uint8Array(a.content),
    })),
  };
}

/** Turns an EML file into the input of `createCase`; an unparseable file becomes a flagged case holding the raw source. */
export async function caseInputFromEml(
  raw: Uint8Array,
  base: Pick<CreateCaseInput, 'actor' | 'kind'> & { filename?: string },
): Promise<{ input: CreateCaseInput; parseError: string | null }> {
  const rawBlob = toBlob(raw, 'message/rfc822');
  try {
    const mail = await parseEml(raw);
    const attachments = mail.attachments.map((a) => {
      const blob = toBlob(a.content, a.contentType);
      const document: NewDocument = {
        filename: a.filename,
        mediaType: a.contentType,
        blobHash: blob.hash,
        size: a.content.byteLength,
        // Text extraction from PDF and DOCX comes with the intake issue; plain text is kept as is.
        extractedText: a.contentType.startsWith('text/') ? Buffer.from(a.content).toString('utf8') : null,
      };
      return { document, blob };
    });
    return {
      parseError: null,
      input: {
        ...base,
        title: mail.subject || '(uden emne)',
        body: mail.text,
        channel: 'email',
        receivedAt: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : undefined,
        sender: mail.from.address ? { kind: 'citizen', name: mail.from.name, email: mail.from.address } : null,
        fromAddress: mail.from.address,
        toAddresses: mail.to,
        raw: rawBlob,
        attachments,
        messageIdHeader: mail.messageId,
        inReplyTo: mail.inReplyTo,
      },
    };
  } catch (error) {
    if (!(error instanceof EmlParseError)) throw error;
    return {
      parseError: error.message,
      input: {
        ...base,
        title: `Ulæselig e-mail${base.filename ? ` (${base.filename})` : ''}`,
        body: '',
        channel: 'import',
        raw: rawBlob,
        flags: ['unparsed_source'],
      },
    };
  }
}
