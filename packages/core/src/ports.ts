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
}

export interface NewDocument {
  filename: string;
  mediaType: string;
  blobHash: string;
  size: number;
  extractedText: string | null;
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

export interface InboxQuery {
  scope: CaseScope;
  states?: string[];
  kinds?: CaseKind[];
  unitId?: string;
  assigneeId?: string;
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
    changes: Partial<Pick<CaseRecord, 'state' | 'assigneeId' | 'unitId' | 'priority' | 'closedAt' | 'deadline' | 'kleCode'>>,
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
