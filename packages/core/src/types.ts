import type { IsoDate } from './calendar';
import type { ActorKind, CaseKind, Channel, PartyKind, Priority, Role } from './roles';

/** A case (sag): one dialogue product and everything that happens to it. */
export interface CaseRecord {
  id: string;
  /** Human case number, e.g. 2026-000123. */
  number: string;
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
  /** Markers such as `unparsed_source`; never personal data. */
  flags: string[];
  /** Kind-specific facts, e.g. a politician's question: committee, sub-questions, deadline rule. */
  details?: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

/** One entry of the append-only case log that process mining and the efficiency measure read. */
export interface CaseEvent {
  id: string;
  caseId: string;
  activity: string;
  actorKind: ActorKind;
  actorId: string | null;
  occurredAt: Date;
  data: Record<string, unknown>;
}

export interface PartyInput {
  kind: PartyKind;
  name: string | null;
  email: string | null;
  phone?: string | null;
  address?: string | null;
  /** Stored only where the case needs it (e.g. a citizen's own case); never logged. */
  cpr?: string | null;
  cvr?: string | null;
}

export interface PartyRecord extends Required<PartyInput> {
  id: string;
  role: 'sender' | 'recipient' | 'subject';
}

export type MessageDirection = 'in' | 'out';
/** queued → sending → sent | failed (nothing went out; retried) | uncertain (the connection broke after the content was handed over; retried with the same Message-ID). */
export type MessageStatus = 'received' | 'unparsed' | 'queued' | 'sending' | 'sent' | 'failed' | 'uncertain';

export interface MessageRecord {
  id: string;
  caseId: string;
  direction: MessageDirection;
  channel: Channel;
  fromAddress: string | null;
  toAddresses: string[];
  subject: string;
  bodyText: string;
  /** sha256 of the raw source in the blob store, when there is one. */
  rawHash: string | null;
  messageIdHeader: string | null;
  inReplyTo: string | null;
  status: MessageStatus;
  authorId: string | null;
  createdAt: Date;
  sentAt: Date | null;
  /** Where the outbound transport put it (SMTP response or outbox file name). */
  deliveryRef: string | null;
  /** The approved reply draft this message delivers. */
  draftId?: string | null;
  /** Set when AI sent it on its own, under this policy version. */
  aiPolicyVersion?: number | null;
  isAuditSample?: boolean;
  deliveryAttempts?: number;
}

export interface DocumentRecord {
  id: string;
  caseId: string;
  messageId: string | null;
  filename: string;
  mediaType: string;
  blobHash: string;
  size: number;
  extractedText: string | null;
  createdAt: Date;
}

export interface UnitRecord {
  id: string;
  name: string;
  parentId: string | null;
  kleCodes: string[];
}

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  roles: Role[];
  unitId: string | null;
  locale: 'da' | 'en';
}

/** Who did something: a person (with their user), the system, or an AI engine. */
export type Actor = { kind: 'person'; user: UserRecord } | { kind: 'system'; id: string } | { kind: 'ai'; id: string };

/** The actor id stored on events. */
export function actorId(actor: Actor): string {
  return actor.kind === 'person' ? actor.user.id : actor.id;
}

/** A stored blob: raw source addressed by its hash. */
export interface BlobInput {
  hash: string;
  content: Uint8Array;
  mediaType: string;
}
