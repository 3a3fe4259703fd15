import {
  type Actor,
  type BlobInput,
  buildCaseBundle,
  type CaseRecord,
  type CaseRepository,
  type CreateCaseDeps,
  type NewDocument,
  type PiiSpan,
} from '@ekspedit/core';
import MsgReader from '@kenjiuno/msgreader';
import { detectKind, type ExtractOptions, extractFileText } from '../extract/extract-text';
import { toBlob } from '../hash';
import { type FindPersonalData, type PreparedMail, prepareMail, sanitizeHeaderText } from './prepare-mail';

export interface ImportFileDeps extends Omit<CreateCaseDeps, 'cases'> {
  cases: CaseRepository;
  findPersonalData: FindPersonalData;
  maxBytes: number;
  extract: ExtractOptions;
}

export type ImportedKind = 'eml' | 'msg' | 'pdf' | 'docx' | 'text' | 'image' | 'other';

export interface ImportFileResult {
  case: CaseRecord;
  kind: ImportedKind;
  /** parsed | unparsed | pdf_text | pdf_ocr | ocr_unavailable | … (see extractFileText). */
  outcome: string;
  flags: string[];
}

const mediaTypes: Record<ImportedKind, string> = {
  eml: 'message/rfc822',
  msg: 'application/vnd.ms-outlook',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  text: 'text/plain',
  image: 'image/*',
  other: 'application/octet-stream',
};

const oleMagic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The kind of an imported file from its first bytes and name. */
export function importKindOf(filename: string, content: Uint8Array): ImportedKind {
  if (oleMagic.every((b, i) => content[i] === b)) return 'msg';
  const name = filename.toLowerCase();
  if (name.endsWith('.eml')) return 'eml';
  const kind = detectKind({ filename, contentType: '', content });
  if (kind === 'pdf' || kind === 'docx' || kind === 'text' || kind === 'image') return kind;
  if (kind === 'eml') return 'eml';
  return 'other';
}

const spans = (find: FindPersonalData, text: string | null): PiiSpan[] => (text ? find(text).map((s) => ({ start: s.start, end: s.end, type: s.type })) : []);

/** An Outlook .msg file as a prepared mail: subject, body, sender, transport headers for threading, attachments with text. */
async function prepareMsg(raw: Uint8Array, actor: Actor, deps: ImportFileDeps): Promise<PreparedMail> {
  const reader = new MsgReader(new DataView(raw.buffer, raw.byteOffset, raw.byteLength));
  const data = reader.getFileData();
  if (data.error) throw new Error('not a readable Outlook message');
  const subject = sanitizeHeaderText(data.subject ?? '');
  const body = (data.body ?? '').trim();
  const headers = data.headers ?? '';
  const header = (name: string) => new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(headers)?.[1]?.replace(/\s+/g, ' ').trim() ?? null;
  const attachments: { document: NewDocument; blob: BlobInput }[] = [];
  const outcomes: PreparedMail['attachments'] = [];
  for (const a of data.attachments ?? []) {
    const file = reader.getAttachment(a);
    const content = new Uint8Array(file.content);
    const filename = sanitizeHeaderText(file.fileName || 'vedhæftning');
    const extraction = await extractFileText({ filename, contentType: 'application/octet-stream', content }, deps.extract);
    const blob = toBlob(content, 'application/octet-stream');
    attachments.push({
      blob,
      document: {
        filename,
        mediaType: 'application/octet-stream',
        blobHash: blob.hash,
        size: content.byteLength,
        extractedText: extraction.text,
        piiSpans: spans(deps.findPersonalData, extraction.text),
      },
    });
    outcomes.push({ mediaType: 'application/octet-stream', size: content.byteLength, outcome: extraction.outcome });
  }
  const email = (data.senderSmtpAddress || data.senderEmail || '').toLowerCase();
  const fromAddress = email.includes('@') ? sanitizeHeaderText(email) : null;
  const sent = data.clientSubmitTime || data.messageDeliveryTime;
  const messageId = header('message-id');
  const inReplyTo = header('in-reply-to');
  const references = header('references');
  const replyToIds = inReplyTo?.match(/<[^<>\s]+>/g) ?? [];
  return {
    input: {
      actor,
      kind: 'citizen_inquiry',
      title: subject || '(uden emne)',
      body,
      channel: 'import',
      receivedAt: sent && !Number.isNaN(new Date(sent).getTime()) ? new Date(sent) : undefined,
      sender: fromAddress ? { kind: 'citizen', name: data.senderName ? sanitizeHeaderText(data.senderName) : null, email: fromAddress } : null,
      fromAddress,
      raw: toBlob(raw, mediaTypes.msg),
      attachments,
      messageIdHeader: messageId,
      inReplyTo,
    },
    piiSpans: [...spans(deps.findPersonalData, subject).map((s) => ({ ...s, field: 'subject' as const })), ...spans(deps.findPersonalData, body)],
    threadIds: [...new Set([...replyToIds, ...(references?.match(/<[^<>\s]+>/g) ?? []).reverse()])],
    replyToIds,
    caseNumberInSubject: null,
    parsed: null,
    outcomes: ['parsed'],
    attachments: outcomes,
  };
}

/**
 * Imports one file as a new case: EML and Outlook MSG as mail (with attachments' text), PDF, DOCX,
 * text and images as a document whose extracted text is the case's first message. Nothing is
 * dropped: an unreadable file is kept raw on a flagged case.
 */
export async function importFile(input: { raw: Uint8Array; filename: string; actor: Actor }, deps: ImportFileDeps): Promise<ImportFileResult> {
  const kind = importKindOf(input.filename, input.raw);
  const filename = sanitizeHeaderText(input.filename) || 'fil';
  let prepared: PreparedMail | null = null;
  if (kind === 'eml') {
    prepared = await prepareMail(input.raw, {
      actor: input.actor,
      maxBytes: deps.maxBytes,
      extract: deps.extract,
      findPersonalData: deps.findPersonalData,
      filename,
    });
  } else if (kind === 'msg') {
    try {
      prepared = await prepareMsg(input.raw, input.actor, deps);
    } catch {
      prepared = null;
    }
  }
  if (prepared) {
    const bundle = await buildCaseBundle(prepared.input, deps);
    if (bundle.message) bundle.message.piiSpans = prepared.piiSpans;
    if (prepared.attachments.length > 0) {
      bundle.events.push({
        activity: 'intake.attachments',
        actorKind: 'system',
        actorId: input.actor.kind === 'person' ? input.actor.user.id : input.actor.id,
        occurredAt: bundle.case.receivedAt,
        data: { attachments: prepared.attachments },
      });
    }
    const created = await deps.cases.createCase(bundle);
    return { case: created, kind, outcome: prepared.outcomes.join(','), flags: bundle.case.flags };
  }
  // A document (or a .msg that could not be read): the file is the case's document.
  const mediaType = mediaTypes[kind];
  const blob = toBlob(input.raw, mediaType);
  const extraction =
    kind === 'msg' ? { text: null, outcome: 'unparsed' } : await extractFileText({ filename, contentType: mediaType, content: input.raw }, deps.extract);
  const text = extraction.text ?? '';
  const flags = extraction.text === null ? ['unparsed_source'] : [];
  const bundle = await buildCaseBundle(
    {
      actor: input.actor,
      kind: 'citizen_inquiry',
      title: filename,
      // The first 100,000 characters are the message (search, sorting); the document keeps all of it.
      body: text.slice(0, 100_000),
      channel: 'import',
      raw: blob,
      attachments: [
        {
          blob,
          document: {
            filename,
            mediaType,
            blobHash: blob.hash,
            size: input.raw.byteLength,
            extractedText: extraction.text,
            piiSpans: spans(deps.findPersonalData, extraction.text),
          },
        },
      ],
      flags,
    },
    deps,
  );
  if (bundle.message) bundle.message.piiSpans = spans(deps.findPersonalData, text.slice(0, 100_000));
  bundle.events.push({
    activity: 'intake.attachments',
    actorKind: 'system',
    actorId: input.actor.kind === 'person' ? input.actor.user.id : input.actor.id,
    occurredAt: bundle.case.receivedAt,
    data: { attachments: [{ mediaType, size: input.raw.byteLength, outcome: extraction.outcome }] },
  });
  const created = await deps.cases.createCase(bundle);
  return { case: created, kind, outcome: extraction.outcome, flags };
}
