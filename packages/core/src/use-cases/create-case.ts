import { copenhagenDate, type IsoDate, type WorkingCalendar } from '../calendar';
import type { CaseRepository, Clock, DirectoryRepository, NewCaseBundle, NewDocument, NewEvent } from '../ports';
import type { CaseKind, Channel, Priority } from '../roles';
import type { Actor, BlobInput, CaseRecord, PartyInput } from '../types';
import { actorId } from '../types';
import { computeDeadline, type WorkflowRegistry } from '../workflows';

export interface CreateCaseInput {
  kind: CaseKind;
  title: string;
  body: string;
  channel: Channel;
  actor: Actor;
  receivedAt?: Date;
  sender?: PartyInput | null;
  unitId?: string | null;
  kleCode?: string | null;
  language?: string;
  priority?: Priority;
  /** The raw source (EML, form JSON) stored once by its hash. */
  raw?: BlobInput | null;
  attachments?: { document: NewDocument; blob: BlobInput }[];
  messageIdHeader?: string | null;
  inReplyTo?: string | null;
  fromAddress?: string | null;
  toAddresses?: string[];
  /** Markers such as `unparsed_source`. */
  flags?: string[];
  /** Kind-specific facts (a politician's question: committee, sub-questions, deadline rule). */
  details?: Record<string, unknown>;
  /** A deadline set by the caller (e.g. from a politician question's own rule) instead of the workflow's. */
  deadline?: IsoDate | null;
}

export interface CreateCaseDeps {
  cases: CaseRepository;
  directory: DirectoryRepository;
  workflows: WorkflowRegistry;
  calendar: WorkingCalendar;
  clock: Clock;
}

/** Registers an incoming item as a new case with its first message, deadline and opening events. */
export async function createCase(input: CreateCaseInput, deps: CreateCaseDeps): Promise<CaseRecord> {
  return deps.cases.createCase(await buildCaseBundle(input, deps));
}

/** Everything `createCase` would write, without writing it: intake writes it together with its mail receipt. */
export async function buildCaseBundle(input: CreateCaseInput, deps: Omit<CreateCaseDeps, 'cases'>): Promise<NewCaseBundle> {
  const workflow = deps.workflows.current(input.kind);
  const receivedAt = input.receivedAt ?? deps.clock.now();
  const deadline =
    input.deadline !== undefined
      ? input.deadline
        ? { deadline: input.deadline }
        : null
      : computeDeadline(workflow.deadline, copenhagenDate(receivedAt), deps.calendar);
  // The unit follows from the KLE code unless the caller routed it explicitly.
  let unitId = input.unitId ?? null;
  if (!unitId && input.kleCode) unitId = (await deps.directory.findUnitForKle(input.kleCode))?.id ?? null;

  const who = { actorKind: input.actor.kind, actorId: actorId(input.actor) };
  const events: NewEvent[] = [
    {
      ...who,
      activity: 'case.created',
      occurredAt: receivedAt,
      data: {
        kind: input.kind,
        channel: input.channel,
        state: workflow.initialState,
        workflowVersion: workflow.version,
        unitId,
        deadline: deadline?.deadline ?? null,
      },
    },
    { ...who, activity: 'message.received', occurredAt: receivedAt, data: { channel: input.channel, hasRaw: Boolean(input.raw) } },
  ];
  const flags = input.flags ?? [];
  if (flags.length > 0) events.push({ ...who, activity: 'case.flagged', occurredAt: receivedAt, data: { flags } });

  return {
    case: {
      kind: input.kind,
      title: input.title.trim().slice(0, 300) || '(uden emne)',
      kleCode: input.kleCode ?? null,
      unitId,
      assigneeId: null,
      state: workflow.initialState,
      workflowVersion: workflow.version,
      priority: input.priority ?? 'normal',
      deadline: deadline?.deadline ?? null,
      receivedAt,
      language: input.language ?? 'da',
      channel: input.channel,
      flags,
      details: input.details ?? {},
    },
    party: input.sender ?? null,
    message: {
      direction: 'in',
      channel: input.channel,
      fromAddress: input.fromAddress ?? input.sender?.email ?? null,
      toAddresses: input.toAddresses ?? [],
      subject: input.title,
      bodyText: input.body,
      rawHash: input.raw?.hash ?? null,
      messageIdHeader: input.messageIdHeader ?? null,
      inReplyTo: input.inReplyTo ?? null,
      status: flags.includes('unparsed_source') ? 'unparsed' : 'received',
      authorId: null,
      sentAt: null,
    },
    documents: (input.attachments ?? []).map((a) => a.document),
    blobs: [...(input.raw ? [input.raw] : []), ...(input.attachments ?? []).map((a) => a.blob)],
    events,
  };
}
