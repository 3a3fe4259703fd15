import { AppError, type AuditLog, type CaseRepository, type Clock, type PartyRecord, type UserRecord } from '@ekspedit/core';
import { findPersonalData } from '../pii';
import type { KnowledgeSink } from './add-file';
import { prepareSource } from './prepare';

/** A literal value of the case to replace wherever it stands, longest first. */
interface KnownValue {
  value: string;
  field: string | null;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The case's own personal data: each party's name (whole and in parts), e-mail, phone, address, CPR and CVR. */
function knownValues(parties: readonly PartyRecord[], caseNumber: string | null): KnownValue[] {
  const out: KnownValue[] = [];
  const add = (value: string | null | undefined, field: string | null) => {
    const v = value?.trim();
    if (v && v.length >= 2) out.push({ value: v, field });
  };
  for (const p of parties) {
    add(p.name, 'navn');
    // "Kære Anne" and "fru Jensen": the parts of a name are the name too.
    for (const part of p.name?.split(/\s+/) ?? []) if (part.length >= 3) add(part, 'navn');
    add(p.email, 'email');
    add(p.phone, null);
    add(p.address, null);
    add(p.cpr, null);
    add(p.cvr, null);
  }
  add(caseNumber, 'sagsnummer');
  return out.sort((a, b) => b.value.length - a.value.length);
}

/** Tidies what a removal leaves behind: double spaces, a space before punctuation, empty brackets. */
function tidy(text: string): string {
  return text
    .replace(/\(\s*\)|\[\s*\]/g, '')
    .replace(/[ \t]+([.,;:!?])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A reply made fit for reuse: the case's own name, e-mail and case number become the merge fields
 * `{{navn}}`, `{{email}}` and `{{sagsnummer}}`; its phone, address, CPR and CVR are removed; any
 * other personal data the detector finds (names, addresses, phones, e-mails, CPR, accounts) is
 * removed as well, so that no citizen's data enters the knowledge base.
 */
export function anonymizeReply(text: string, context: { parties?: readonly PartyRecord[]; caseNumber?: string | null } = {}): string {
  let out = text;
  for (const known of knownValues(context.parties ?? [], context.caseNumber ?? null)) {
    const boundary = /^[\p{L}\p{N}]/u.test(known.value) ? '(?<![\\p{L}\\p{N}])' : '';
    const end = /[\p{L}\p{N}]$/u.test(known.value) ? '(?![\\p{L}\\p{N}])' : '';
    out = out.replace(new RegExp(`${boundary}${escapeRegExp(known.value)}${end}`, 'giu'), known.field ? `{{${known.field}}}` : '');
  }
  const spans = findPersonalData(out);
  for (const span of [...spans].reverse()) {
    // A detected name right where a merge field was put is the field's own text, not a name.
    if (/\{\{[^}]*\}\}/.test(out.slice(span.start, span.end))) continue;
    out = out.slice(0, span.start) + out.slice(span.end);
  }
  return tidy(out);
}

export interface ApproveReplyDeps {
  cases: Pick<CaseRepository, 'findCaseById' | 'listParties' | 'appendEvents'>;
  knowledge: KnowledgeSink;
  audit: AuditLog;
  clock: Clock;
}

export interface ApproveReplyInput {
  caseId: string;
  /** The sent reply. */
  messageId: string;
  text: string;
  user: UserRecord;
}

/**
 * Stores a sent reply that a caseworker approved for reuse as an `approved_reply` knowledge source:
 * titled after the case, its personal data replaced by merge fields or removed, scoped to the
 * case's unit and KLE, owned by the caseworker, linked to the case; the case gets the event
 * `reply.approved_for_reuse`. Called after the reply was sent.
 */
export async function approveReplyForReuse(input: ApproveReplyInput, deps: ApproveReplyDeps): Promise<{ sourceId: string; chunks: number }> {
  const c = await deps.cases.findCaseById(input.caseId);
  if (!c) throw new AppError('CASE_NOT_FOUND', { message: 'Sagen findes ikke' });
  const parties = await deps.cases.listParties(c.id);
  const context = { parties, caseNumber: c.number };
  const body = anonymizeReply(input.text, context);
  if (!body) throw new AppError('VALIDATION_FAILED', { message: 'Svaret er tomt, når personoplysningerne er fjernet' });
  const title = anonymizeReply(c.title, context) || 'Godkendt svar';
  const prepared = await prepareSource({ filename: 'svar.txt', content: new TextEncoder().encode(body), mediaType: 'text/plain' });
  const { id, chunks } = await deps.knowledge.addSource(
    {
      kind: 'approved_reply',
      title,
      ownerId: input.user.id,
      unitId: c.unitId ?? null,
      kleCodes: c.kleCode ? [c.kleCode] : [],
      origin: c.number,
      mediaType: 'text/plain',
      body,
      mergeFields: prepared.mergeFields,
      caseId: c.id,
    },
    // Passages carry the case title as heading so that search and citations name the topic.
    prepared.chunks.map((chunk) => ({ ...chunk, headingPath: chunk.headingPath || title })),
  );
  const now = deps.clock.now();
  await deps.cases.appendEvents(c.id, [
    { activity: 'reply.approved_for_reuse', actorKind: 'person', actorId: input.user.id, occurredAt: now, data: { messageId: input.messageId, sourceId: id } },
  ]);
  await deps.audit.record({
    actorKind: 'person',
    actorId: input.user.id,
    action: 'knowledge.approve_reply',
    outcome: 'allowed',
    targetType: 'case',
    targetId: c.id,
    data: { messageId: input.messageId, sourceId: id },
  });
  return { sourceId: id, chunks };
}
