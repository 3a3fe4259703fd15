import {
  buildCaseBundle,
  type CaseRecord,
  type CaseRepository,
  type ClassificationResult,
  type CreateCaseDeps,
  type MailReceipt,
  type MailReceiptRepository,
  type NewEvent,
  type ReceiptPlan,
} from '@ekspedit/core';
import type { ExtractOptions } from '../extract/extract-text';
import { type FindPersonalData, type PreparedMail, prepareMail } from './prepare-mail';

/** What the sorting seam sees of an incoming item. */
export interface SortableItem {
  subject: string;
  body: string;
  from: string | null;
  /** Text of the attachments, for a classifier that wants it. */
  attachmentText: string;
  language: string | null;
}

/** Where routing sends a classified item: a unit (auto-routed) or nowhere (triage in the mail reception). */
export interface RouteDecision {
  unitId: string | null;
  /** The KLE code to set on the case; null keeps it unsorted. */
  kleCode: string | null;
  decision: 'auto_routed' | 'triage';
}

/**
 * The seam for sorting: all optional. Without it every new case is unsorted and lands in the mail
 * reception's triage queue. `record` runs after the case exists (e.g. ClassificationStore.record).
 */
export interface IntakeSorting {
  classify(item: SortableItem): Promise<ClassificationResult | null>;
  route(result: ClassificationResult): Promise<RouteDecision>;
  record?(entry: { caseId: string; result: ClassificationResult; decision: RouteDecision['decision']; unitId: string | null }): Promise<void>;
}

/** A pino-compatible logger; intake logs ids, counts and outcome codes only — never addresses or text. */
export interface IntakeLogger {
  info(data: Record<string, unknown>, message: string): void;
  warn(data: Record<string, unknown>, message: string): void;
}

export interface IntakeDeps extends Omit<CreateCaseDeps, 'cases'> {
  /** Runs after a mail made a new case (e.g. an acknowledgement of receipt, where the AI policy allows it). */
  afterNewCase?: (input: { caseId: string; kleCode: string | null; confidence: number | null }) => Promise<unknown>;
  cases: CaseRepository;
  receipts: MailReceiptRepository;
  findPersonalData: FindPersonalData;
  /** Largest raw source parsed in full (EKSPEDIT_MAX_UPLOAD_BYTES). */
  maxBytes: number;
  extract: ExtractOptions;
  sorting?: IntakeSorting | null;
  log?: IntakeLogger;
}

export interface ReceiptResult {
  receiptId: string;
  status: 'processed' | 'duplicate' | 'failed' | 'skipped';
  caseId: string | null;
  outcome: string | null;
}

const actor = { kind: 'system', id: 'intake' } as const;

async function findThread(prepared: PreparedMail, cases: CaseRepository): Promise<{ case: CaseRecord; matchedBy: string } | null> {
  const references = prepared.threadIds.filter((id) => !prepared.replyToIds.includes(id));
  for (const [ids, matchedBy] of [
    [prepared.replyToIds, 'in_reply_to'],
    [references, 'references'],
  ] as const) {
    const found = ids.length > 0 ? await cases.findCaseByMessageIds(ids) : null;
    if (found) return { case: found, matchedBy };
  }
  if (prepared.caseNumberInSubject) {
    const found = await cases.findCaseByNumber(prepared.caseNumberInSubject);
    if (found) return { case: found, matchedBy: 'case_number' };
  }
  return null;
}

/**
 * Turns one stored receipt into a case (or a message on the case it answers), exactly once: the
 * case and the receipt's new status are written in one transaction, and a receipt that is no
 * longer `stored` is left alone. A crash anywhere before that commit leaves it `stored` for the
 * next run.
 */
export async function processReceipt(receipt: MailReceipt, deps: IntakeDeps): Promise<ReceiptResult> {
  const base = { receiptId: receipt.id };
  try {
    const raw = await deps.receipts.findRaw(receipt.rawHash);
    if (!raw) {
      await deps.receipts.markFailed(receipt.id, 'raw_missing');
      return { ...base, status: 'failed', caseId: null, outcome: 'raw_missing' };
    }
    const prepared = await prepareMail(raw, { actor, maxBytes: deps.maxBytes, extract: deps.extract, findPersonalData: deps.findPersonalData });
    const now = deps.clock.now();
    // The deadline runs from when the municipality received the mail, not from the sender's Date header.
    const receivedAt = receipt.receivedAt;
    const outcomes = [...prepared.outcomes];
    const isFlagged = (prepared.input.flags ?? []).length > 0;
    const thread = isFlagged ? null : await findThread(prepared, deps.cases);
    if (!thread && prepared.input.messageIdHeader && (await deps.cases.findCaseByMessageIds([prepared.input.messageIdHeader]))) {
      // Message-ID is no identity: a reused one with another body is a new mail and a new case.
      outcomes.push('reused_message_id');
    }
    const attachmentEvent: NewEvent[] =
      prepared.attachments.length > 0
        ? [{ activity: 'intake.attachments', actorKind: 'system', actorId: 'intake', occurredAt: receivedAt, data: { attachments: prepared.attachments } }]
        : [];
    const rawHash = receipt.rawHash;
    let plan: ReceiptPlan;
    let classification: { result: ClassificationResult; route: RouteDecision } | null = null;
    if (thread) {
      outcomes.unshift(`reply:${thread.matchedBy}`);
      const attachments = prepared.input.attachments ?? [];
      plan = {
        kind: 'reply',
        caseId: thread.case.id,
        incoming: {
          receivedAt,
          message: {
            direction: 'in',
            channel: 'email',
            fromAddress: prepared.input.fromAddress ?? null,
            toAddresses: prepared.input.toAddresses ?? [],
            subject: prepared.input.title,
            bodyText: prepared.input.body,
            rawHash,
            messageIdHeader: prepared.input.messageIdHeader ?? null,
            inReplyTo: prepared.input.inReplyTo ?? null,
            status: 'received',
            authorId: null,
            sentAt: null,
            piiSpans: prepared.piiSpans,
          },
          documents: attachments.map((a) => a.document),
          blobs: attachments.map((a) => a.blob),
          events: [
            {
              activity: 'message.received',
              actorKind: 'system',
              actorId: 'intake',
              occurredAt: receivedAt,
              data: { channel: 'email', reply: true, matchedBy: thread.matchedBy },
            },
            ...attachmentEvent,
          ],
        },
      };
    } else {
      outcomes.unshift('new_case');
      const input = { ...prepared.input, receivedAt };
      if (deps.sorting && !isFlagged) {
        const result = await deps.sorting.classify({
          subject: input.title,
          body: input.body,
          from: input.fromAddress ?? null,
          attachmentText: (input.attachments ?? [])
            .map((a) => a.document.extractedText ?? '')
            .filter(Boolean)
            .join('\n\n'),
          language: null,
        });
        if (result) {
          const route = await deps.sorting.route(result);
          classification = { result, route };
          Object.assign(input, {
            kind: result.caseKind,
            priority: result.priority,
            language: result.language,
            kleCode: route.kleCode,
            unitId: route.unitId,
          });
        }
      }
      const bundle = await buildCaseBundle(input, deps);
      if (bundle.message) bundle.message.piiSpans = prepared.piiSpans;
      // The raw source is already stored with the receipt; sending 25 MB again would be waste.
      bundle.blobs = bundle.blobs.filter((b) => b.hash !== rawHash);
      bundle.events.push(...attachmentEvent);
      if (classification) {
        const { result, route } = classification;
        bundle.events.push({
          activity: 'case.classified',
          actorKind: 'ai',
          actorId: result.modelVersion,
          occurredAt: receivedAt,
          data: {
            decision: route.decision,
            kleCode: result.kleCode,
            kind: result.itemKind,
            confidence: Math.round(result.confidence * 1000) / 1000,
            unitId: route.unitId,
          },
        });
      }
      plan = { kind: 'new_case', bundle };
    }
    const outcome = outcomes.join(',');
    const done = await deps.receipts.complete(receipt.id, plan, outcome, now);
    if (!done) return { ...base, status: 'skipped', caseId: null, outcome: null };
    if (classification && done.status === 'processed' && deps.sorting?.record) {
      await deps.sorting.record({
        caseId: done.caseId,
        result: classification.result,
        decision: classification.route.decision,
        unitId: classification.route.unitId,
      });
    }
    if (done.status === 'processed' && plan.kind === 'new_case' && done.caseId && deps.afterNewCase) {
      // After the commit: a failure here (e.g. an acknowledgement that cannot be delivered) never undoes the intake.
      await deps
        .afterNewCase({ caseId: done.caseId, kleCode: classification?.result.kleCode ?? null, confidence: classification?.result.confidence ?? null })
        .catch((error: { name?: string }) => deps.log?.warn({ receiptId: receipt.id, reason: error?.name ?? 'Error' }, 'after-intake step failed'));
    }
    deps.log?.info({ receiptId: receipt.id, caseId: done.caseId, status: done.status, outcome: done.outcome }, 'mail processed');
    return { ...base, status: done.status, caseId: done.caseId, outcome: done.outcome };
  } catch (error) {
    // Only the class of the error is kept: messages of parsers and drivers may quote the content.
    const err = error as { name?: string; code?: string };
    const reason = `${err.name ?? 'Error'}${err.code ? `:${err.code}` : ''}`;
    await deps.receipts.markFailed(receipt.id, reason);
    deps.log?.warn({ receiptId: receipt.id, reason }, 'mail processing failed');
    return { ...base, status: 'failed', caseId: null, outcome: reason };
  }
}

/** Processes every stored receipt, oldest first, until none is left; returns counts per status. */
export async function processPendingReceipts(
  deps: IntakeDeps,
  options: { batchSize?: number; signal?: AbortSignal } = {},
): Promise<Record<ReceiptResult['status'], number>> {
  const counts = { processed: 0, duplicate: 0, failed: 0, skipped: 0 };
  for (;;) {
    if (options.signal?.aborted) break;
    const pending = await deps.receipts.listPending(options.batchSize ?? 50);
    if (pending.length === 0) break;
    let progressed = 0;
    for (const receipt of pending) {
      if (options.signal?.aborted) break;
      const result = await processReceipt(receipt, deps);
      counts[result.status]++;
      if (result.status !== 'skipped') progressed++;
    }
    // Everything in the batch was taken by another processor: let it finish rather than spin.
    if (progressed === 0) break;
  }
  return counts;
}
