import type { Actor, BlobInput, CreateCaseInput, NewDocument, PiiSpan } from '@ekspedit/core';
import { EmlParseError, type ParsedEml, parseEml } from '../eml';
import { type ExtractOptions, extractFileText } from '../extract/extract-text';
import { toBlob } from '../hash';

/** The personal-data detector intake uses (`findPersonalData` from @ekspedit/ai). */
export type FindPersonalData = (text: string) => { start: number; end: number; type: string }[];

export interface PrepareOptions {
  actor: Actor;
  /** Content limit (EKSPEDIT_MAX_UPLOAD_BYTES): larger sources are kept and flagged, not parsed for attachments. */
  maxBytes: number;
  extract: ExtractOptions;
  findPersonalData: FindPersonalData;
  /** Name of an imported file, for the title of an unreadable one. */
  filename?: string;
}

export interface AttachmentOutcome {
  mediaType: string;
  size: number;
  outcome: string;
  entries?: { size: number; outcome: string }[];
}

/** An incoming mail ready to become (or join) a case. */
export interface PreparedMail {
  input: CreateCaseInput;
  /** Personal data in subject and body (subject spans carry `field: 'subject'`). */
  piiSpans: PiiSpan[];
  /** Message-IDs this mail answers (In-Reply-To first, then References, newest first). */
  threadIds: string[];
  /** The Message-IDs of In-Reply-To alone. */
  replyToIds: string[];
  /** A case number such as 2026-000123 written in the subject, if any. */
  caseNumberInSubject: string | null;
  parsed: ParsedEml | null;
  /** Stable codes for the receipt and the case log: parsed | unparsed | too_large, no_message_id … */
  outcomes: string[];
  attachments: AttachmentOutcome[];
}

// C0/C1 controls and Unicode line separators: a header value must stay one line, so a CR/LF
// smuggled in through an encoded word can never reach an outgoing header built from it.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const controls = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** A header value made safe to show and to reuse in an outgoing header: one line, no controls, at most 300 characters. */
export function sanitizeHeaderText(value: string): string {
  return value
    .replace(controls, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim()
    .slice(0, 300);
}

const messageIdToken = /<[^<>\s]{1,900}>/g;

/** The Message-IDs of In-Reply-To and References, newest first, without duplicates. */
export function threadIdsOf(mail: Pick<ParsedEml, 'inReplyTo' | 'references'>): string[] {
  const ids = [...(mail.inReplyTo?.match(messageIdToken) ?? []), ...[...mail.references].reverse().flatMap((r) => r.match(messageIdToken) ?? [])];
  return [...new Set(ids)].slice(0, 50);
}

const caseNumberPattern = /(?<![\d-])(\d{4}-\d{6})(?![\d-])/;

/** The case number in a subject ("Sv: Storskrald [2026-000123]" or "Vedr. sag 2026-000123"). */
export function caseNumberIn(subject: string): string | null {
  return caseNumberPattern.exec(subject)?.[1] ?? null;
}

function spansOf(find: FindPersonalData, text: string, field?: 'subject'): PiiSpan[] {
  return find(text).map((s) => (field ? { start: s.start, end: s.end, type: s.type, field } : { start: s.start, end: s.end, type: s.type }));
}

/** The header block only, for a source too large to parse whole. */
function headerBlock(raw: Uint8Array): Uint8Array {
  const head = Buffer.from(raw.subarray(0, Math.min(raw.byteLength, 256 * 1024)));
  const end = head.indexOf('\r\n\r\n');
  const lfEnd = head.indexOf('\n\n');
  const cut = end >= 0 ? end + 4 : lfEnd >= 0 ? lfEnd + 2 : head.byteLength;
  return new Uint8Array(Buffer.concat([head.subarray(0, cut), Buffer.from('\r\n')]));
}

/**
 * Parses a raw mail into a case input: sanitised subject, body, sender, attachments with their
 * extracted text and personal-data spans. Never throws on bad mail: an unreadable source becomes a
 * flagged input holding the raw, and an oversized one is flagged and not extracted.
 */
export async function prepareMail(raw: Uint8Array, options: PrepareOptions): Promise<PreparedMail> {
  const rawBlob: BlobInput = toBlob(raw, 'message/rfc822');
  // The limit is for the content: base64 makes a 25 MB attachment a 34 MB mail, so the raw source
  // may exceed it by the encoding overhead; each attachment is held to the limit itself.
  const isTooLarge = raw.byteLength > options.maxBytes * 1.4 + 64 * 1024;
  let mail: ParsedEml;
  try {
    mail = await parseEml(isTooLarge ? headerBlock(raw) : raw);
  } catch (error) {
    if (!(error instanceof EmlParseError)) throw error;
    return {
      input: {
        actor: options.actor,
        kind: 'citizen_inquiry',
        title: `Ulæselig e-mail${options.filename ? ` (${sanitizeHeaderText(options.filename)})` : ''}`,
        body: '',
        channel: 'email',
        raw: rawBlob,
        flags: isTooLarge ? ['unparsed_source', 'oversized_source'] : ['unparsed_source'],
      },
      piiSpans: [],
      threadIds: [],
      replyToIds: [],
      caseNumberInSubject: null,
      parsed: null,
      outcomes: isTooLarge ? ['unparsed', 'too_large'] : ['unparsed'],
      attachments: [],
    };
  }
  const subject = sanitizeHeaderText(mail.subject);
  const outcomes: string[] = [isTooLarge ? 'too_large' : 'parsed'];
  if (!mail.messageId) outcomes.push('no_message_id');
  const attachments: { document: NewDocument; blob: BlobInput }[] = [];
  const attachmentOutcomes: AttachmentOutcome[] = [];
  for (const a of isTooLarge ? [] : mail.attachments) {
    const blob = toBlob(a.content, a.contentType);
    const extraction = await extractFileText({ filename: a.filename, contentType: a.contentType, content: a.content }, options.extract);
    const text = extraction.text;
    attachments.push({
      blob,
      document: {
        filename: sanitizeHeaderText(a.filename) || 'vedhæftning',
        mediaType: a.contentType,
        blobHash: blob.hash,
        size: a.content.byteLength,
        extractedText: text,
        piiSpans: text ? spansOf(options.findPersonalData, text) : [],
      },
    });
    attachmentOutcomes.push({
      mediaType: a.contentType,
      size: a.content.byteLength,
      outcome: extraction.outcome,
      ...(extraction.entries ? { entries: extraction.entries.map((e) => ({ size: e.size, outcome: e.outcome })) } : {}),
    });
  }
  const body = isTooLarge ? '' : mail.text;
  const flags = isTooLarge ? ['oversized_source'] : [];
  const fromAddress = mail.from.address ? sanitizeHeaderText(mail.from.address) : null;
  return {
    input: {
      actor: options.actor,
      kind: 'citizen_inquiry',
      title: subject || '(uden emne)',
      body,
      channel: 'email',
      receivedAt: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : undefined,
      sender: fromAddress ? { kind: 'citizen', name: mail.from.name ? sanitizeHeaderText(mail.from.name) : null, email: fromAddress } : null,
      fromAddress,
      toAddresses: mail.to.map(sanitizeHeaderText),
      raw: rawBlob,
      attachments,
      messageIdHeader: mail.messageId ? sanitizeHeaderText(mail.messageId) : null,
      inReplyTo: mail.inReplyTo ? sanitizeHeaderText(mail.inReplyTo) : null,
      flags,
    },
    piiSpans: [...spansOf(options.findPersonalData, subject, 'subject'), ...spansOf(options.findPersonalData, body)],
    threadIds: threadIdsOf(mail),
    replyToIds: mail.inReplyTo?.match(messageIdToken) ?? [],
    caseNumberInSubject: caseNumberIn(subject),
    parsed: mail,
    outcomes,
    attachments: attachmentOutcomes,
  };
}
