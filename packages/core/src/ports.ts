import type { CaseScope } from './access';
import type { IsoDate } from './calendar';
import type { ActorKind, CaseKind, Channel, Priority } from './roles';
import type { BlobInput, CaseEvent, CaseRecord, DocumentRecord, MessageRecord, PartyInput, PartyRecord, UnitRecord, UserRecord } from './types';

export interface NewEvent {
  activity: string;
  actorKind: ActorKind;
  actorId: string | null;
  occurredAt: Date;
  data?: Record<string, unknown>;
}

export interface NewCase {
  kind: CaseKind;
  title: string;
  kleCode: string | null;
  unitId: string | null;
  assigneeId: string | null;
  state: string;
  workflowVersion: number;
  priority: Priority;
  deadline: IsoDate | null;
  receivedAt: Date;
  language: string;
  channel: Channel;
  flags: string[];
  details?: Record<string, unknown>;
}

export interface NewMessage {
  direction: 'in' | 'out';
  channel: Channel;
  fromAddress: string | null;
  toAddresses: string[];
  subject: string;
  bodyText: string;
  rawHash: string | null;
  messageIdHeader: string | null;
  inReplyTo: string | null;
  status: MessageRecord['status'];
  authorId: string | null;
  sentAt: Date | null;
  /** Personal data found at intake (offsets into bodyText, or into subject when `field` says so). */
  piiSpans?: PiiSpan[];
  draftId?: string | null;
  aiPolicyVersion?: number | null;
  isAuditSample?: boolean;
}

/** A stretch of personal data found at intake, kept for redaction and access logging; never logged. */
export interface PiiSpan {
  start: number;
  end: number;
  type: string;
  /** Absent: the offsets index into the body (or a document's extracted text). */
  field?: 'subject';
}

export interface NewDocument {
  filename: string;
  mediaType: string;
  blobHash: string;
  size: number;
  extractedText: string | null;
  /** Personal data in extractedText. */
  piiSpans?: PiiSpan[];
}

/** Everything a new case arrives with, written in one transaction. */
export interface NewCaseBundle {
  case: NewCase;
  party: PartyInput | null;
  message: NewMessage | null;
  documents: NewDocument[];
  blobs: BlobInput[];
  events: NewEvent[];
}

/** A further incoming message on an existing case (a reply), written in one transaction. */
export interface IncomingMessageBundle {
  message: NewMessage;
  documents: NewDocument[];
  blobs: BlobInput[];
  events: NewEvent[];
  receivedAt: Date;
}

export interface InboxQuery {
  scope: CaseScope;
  states?: string[];
  kinds?: CaseKind[];
  unitId?: string;
  assigneeId?: string;
  /** Only cases no unit has yet: the mail reception's triage queue. */
  unroutedOnly?: boolean;
  deadlineBefore?: IsoDate;
  text?: string;
  /** Include cases in terminal states. */
  includeClosed?: boolean;
  sort?: 'deadline' | 'received' | 'number';
  limit: number;
  offset: number;
}

export interface CaseSummary extends CaseRecord {
  assigneeName: string | null;
  unitName: string | null;
}

/** Persistence of cases and their log. Every method is atomic. */
export interface CaseRepository {
  /** Creates the case with its number, party, message, documents, blobs and events; returns the case. */
  createCase(bundle: NewCaseBundle): Promise<CaseRecord>;
  findCaseById(id: string): Promise<CaseRecord | null>;
  findCaseByNumber(number: string): Promise<CaseRecord | null>;
  listCases(query: InboxQuery): Promise<{ total: number; items: CaseSummary[] }>;
  /**
   * Updates fields of a case only if its state is still `expectedState` (optimistic concurrency)
   * and appends the events; returns null when the state had moved on.
   */
  updateCase(
    id: string,
    expectedState: string,
    changes: Partial<Pick<CaseRecord, 'state' | 'assigneeId' | 'unitId' | 'priority' | 'closedAt' | 'deadline' | 'kleCode' | 'kind' | 'workflowVersion'>>,
    events: NewEvent[],
  ): Promise<CaseRecord | null>;
  /** Appends a message (and events) to a case. */
  addMessage(caseId: string, message: NewMessage, events: NewEvent[]): Promise<MessageRecord>;
  /** Sets the delivery outcome of an outbound message and appends events. */
  markMessageDelivered(
    messageId: string,
    outcome: { status: 'sent' | 'failed'; sentAt: Date | null; deliveryRef: string | null },
    events: NewEvent[],
  ): Promise<void>;
  /** The case of the newest stored message whose Message-ID header is one of `ids` (threading only), or null. */
  findCaseByMessageIds(ids: string[]): Promise<CaseRecord | null>;
  /** Appends an incoming message with its documents, blobs and events to an existing case, atomically. */
  addIncomingMessage(caseId: string, incoming: IncomingMessageBundle): Promise<MessageRecord>;
  listMessages(caseId: string): Promise<MessageRecord[]>;
  listDocuments(caseId: string): Promise<DocumentRecord[]>;
  listParties(caseId: string): Promise<PartyRecord[]>;
  listEvents(caseId: string): Promise<CaseEvent[]>;
  appendEvents(caseId: string, events: NewEvent[]): Promise<void>;
}

export interface DirectoryRepository {
  listUnits(): Promise<UnitRecord[]>;
  findUnit(id: string): Promise<UnitRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  findUser(id: string): Promise<UserRecord | null>;
  /** The unit that handles a KLE code: the longest matching prefix among units' codes. */
  findUnitForKle(kleCode: string): Promise<UnitRecord | null>;
}

export interface AuditEntry {
  actorKind: ActorKind;
  actorId: string | null;
  action: string;
  outcome: 'allowed' | 'denied' | 'failed';
  targetType: string | null;
  targetId: string | null;
  data?: Record<string, unknown>;
}

/** Append-only record of security-relevant acts (logins, refusals, reads of personal data, sends). */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
}

export interface OutgoingMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId: string;
  inReplyTo: string | null;
}

/** Delivers outgoing mail: SMTP in production, an outbox folder of .eml files by default. */
export interface MailTransport {
  readonly name: string;
  send(mail: OutgoingMail): Promise<{ deliveryRef: string }>;
}

/** A source of the current time, so tests and the demo can control it. */
export interface Clock {
  now(): Date;
}

/** Where a mail was delivered: the identity of one delivery (not of the message; Message-ID is never identity). */
export interface MailIdentity {
  /** imap: user@host; smtp: "smtp". */
  account: string;
  /** IMAP mailbox, or the recipient for SMTP. */
  mailbox: string;
  uidValidity: number;
  uid: number;
}

/** stored → processed (made or joined a case) | duplicate (same raw already on a case) | failed. */
export type MailReceiptStatus = 'stored' | 'processed' | 'duplicate' | 'failed';

export interface MailReceipt extends MailIdentity {
  id: string;
  rawHash: string;
  messageIdHeader: string | null;
  status: MailReceiptStatus;
  caseId: string | null;
  messageId: string | null;
  outcome: string | null;
  error: string | null;
  receivedAt: Date;
  processedAt: Date | null;
}

/** What processing a receipt does: open a new case, or add the mail to the case it answers. */
export type ReceiptPlan = { kind: 'new_case'; bundle: NewCaseBundle } | { kind: 'reply'; caseId: string; incoming: IncomingMessageBundle };

export interface ReceiptCompletion {
  status: 'processed' | 'duplicate';
  caseId: string;
  messageId: string | null;
  outcome: string | null;
}

/** The intake ledger: raw mail is stored here before anything else happens to it. */
export interface MailReceiptRepository {
  /** Stores the raw source by hash and one receipt per identity in ONE transaction; known identities are skipped. */
  store(input: { raw: BlobInput; messageIdHeader: string | null; identities: MailIdentity[] }): Promise<{ created: number }>;
  /** UIDs of one mailbox generation (account, mailbox, UIDVALIDITY) that already have a receipt. */
  listStoredUids(account: string, mailbox: string, uidValidity: number): Promise<number[]>;
  /** Receipts in status `stored`, oldest first. */
  listPending(limit: number): Promise<MailReceipt[]>;
  findReceipt(id: string): Promise<MailReceipt | null>;
  /** The raw source of a receipt. */
  findRaw(hash: string): Promise<Uint8Array | null>;
  /**
   * Completes a stored receipt atomically with its case: when an earlier receipt brought the same
   * raw source to a case, this one becomes a duplicate of it; else the plan is written. Null when the receipt
   * was no longer `stored` (processed by someone else), and then nothing is written.
   */
  complete(receiptId: string, plan: ReceiptPlan, outcome: string | null, at: Date): Promise<ReceiptCompletion | null>;
  /** Marks a receipt failed with a reason that holds no personal data. */
  markFailed(receiptId: string, error: string): Promise<void>;
  /** Puts failed receipts back to `stored`; returns how many. */
  retryFailed(): Promise<number>;
  /** Receipts per status. */
  countByStatus(): Promise<Record<MailReceiptStatus, number>>;
}

// ── Knowledge base and drafting ──────────────────────────────────────────────────────────────

/** document | web_page | standard_letter | approved_reply. */
export type KnowledgeSourceKind = 'document' | 'web_page' | 'standard_letter' | 'approved_reply';

export interface KnowledgeQuery {
  text: string;
  limit?: number;
  /** Sources of this unit, plus sources without a unit (shared by all). */
  unitId?: string | null;
  /** Sources whose KLE codes share a prefix with this code, plus sources without codes. */
  kleCode?: string | null;
  kinds?: KnowledgeSourceKind[];
  /** Validity is judged on this day: sources with valid_to before it or valid_from after it are never used. */
  today: IsoDate;
  /** `hybrid` fuses full-text and vector ranks; `lexical` is full-text only. */
  mode?: 'lexical' | 'hybrid';
}

/** A passage found in the knowledge base. */
export interface KnowledgeHit {
  sourceId: string;
  chunkId: string;
  title: string;
  kind: KnowledgeSourceKind;
  headingPath: string;
  text: string;
  /** The passage shortened around the query words, for lists. */
  excerpt: string;
  score: number;
  page: number | null;
  paragraph: number | null;
  charStart: number;
  charEnd: number;
  origin: string | null;
}

/** A standard letter (standardbrev) with merge fields such as {{navn}}, {{sagsnummer}}, {{dato}}. */
export interface StandardLetter {
  id: string;
  title: string;
  body: string;
  mergeFields: string[];
  unitId: string | null;
  kleCodes: string[];
}

/** Search in the knowledge base (a feature of its own, and the input to drafting). */
export interface KnowledgeSearch {
  search(query: KnowledgeQuery): Promise<KnowledgeHit[]>;
  /** Valid, active standard letters for a unit / KLE code. */
  listStandardLetters(filter: { unitId?: string | null; kleCode?: string | null; today: IsoDate }): Promise<StandardLetter[]>;
}

/** A link from a draft sentence to the exact passage that supports it. */
export interface DraftCitation {
  sourceId: string;
  chunkId: string;
  title: string;
  headingPath: string;
  excerpt: string;
  page: number | null;
  score: number;
}

export interface DraftSentence {
  text: string;
  citations: DraftCitation[];
  supported: boolean;
  /** unsupported | contradicted | fabricated_number | fabricated_date | fabricated_reference | injected_link | injected_phone | foreign_personal_data. */
  flags: string[];
  kind: 'claim' | 'courtesy';
}

/** A draft reply: never sent by itself; a person edits and sends it. */
export interface Draft {
  engine: 'offline' | 'llm';
  text: string;
  sentences: DraftSentence[];
  lix: number;
  /** Language of the draft (ISO 639-1). */
  language: string;
  /** Language of the inquiry, when the draft could not follow it (the offline engine writes Danish). */
  requestedLanguage: string;
  standardLetterId: string | null;
  model: string | null;
  promptVersion: string;
  hints: { kind: string; start: number; end: number; text: string; suggestion?: string }[];
  /** Why the LLM engine was not used or failed, when the offline engine answered instead. */
  fallbackReason: string | null;
  /** Ids of the AI usage log entries of this draft, filled in by `draftReply`. */
  usageIds?: string[];
  usage: { tokensIn: number; tokensOut: number; latencyMs: number };
}

/** What a drafting engine needs to know about the case. */
export interface DraftRequest {
  caseId: string;
  caseNumber: string;
  title: string;
  inquiry: { subject: string; body: string; language: string };
  /** The citizen or business the reply goes to; its values may appear in the draft. */
  party: { name: string | null; email: string | null; phone: string | null; address: string | null; cpr: string | null } | null;
  passages: KnowledgeHit[];
  standardLetters: StandardLetter[];
  today: IsoDate;
  /** Tokens this case has already used at the model endpoint (for the per-case budget). */
  tokensUsed: number;
}

/** One model call or offline run, as the AI usage log keeps it. */
export interface AiUsageEntry {
  caseId: string | null;
  purpose: string;
  engine: 'offline' | 'llm';
  endpoint: string | null;
  model: string | null;
  promptId: string | null;
  promptHash: string | null;
  params: Record<string, unknown>;
  inputHash: string | null;
  redactedInputHash: string | null;
  redactedInput: string | null;
  outputHash: string | null;
  output: string | null;
  sources: unknown[];
  tokensIn: number | null;
  tokensOut: number | null;
  latencyMs: number | null;
  startedBy: string | null;
}

/** Drafts a reply; implementations: the offline engine, the LLM engine with offline fallback. */
export interface DraftingEngine {
  draft(request: DraftRequest, options?: { onDelta?: (text: string) => void; signal?: AbortSignal }): Promise<{ draft: Draft; usage: AiUsageEntry[] }>;
}

/** The AI usage log. */
export interface AiUsageLog {
  record(entry: AiUsageEntry): Promise<{ id: string }>;
  /** Tokens (in + out) used at model endpoints for a case. */
  tokensUsed(caseId: string): Promise<number>;
}

/** What people did with an AI output, written back to its usage log entries. */
export interface AiReviewLog {
  recordReview(
    usageIds: string[],
    review: { decision: 'approved' | 'edited' | 'rejected'; editDistance: number | null; reviewSeconds: number | null },
  ): Promise<void>;
}
