import type { IsoDate } from '../calendar';
import { AppError } from '../errors';
import { controlGroupFlag, isFeatureAllowed, type PolicyRepository } from '../policy';
import type { AiUsageLog, AuditLog, CaseRepository, Clock, Draft, DraftingEngine, KnowledgeSearch } from '../ports';
import type { UserRecord } from '../types';
import { getCaseForUser } from './get-case';

export interface DraftReplyDeps {
  cases: CaseRepository;
  knowledge: KnowledgeSearch;
  drafting: DraftingEngine;
  usage: AiUsageLog;
  audit: AuditLog;
  clock: Clock;
  /** The automation policy; drafting needs level 2 and its kill switch off. */
  policy?: PolicyRepository;
  /** Cleans the inquiry before it becomes the search query (e.g. drops injected instructions). */
  searchText?: (text: string) => string;
}

export interface DraftReplyInput {
  /** Case id or case number. */
  caseId: string;
  user: UserRecord;
  /** Receives the draft's text as it is written (sentence by sentence), for streaming into the UI. */
  onDelta?: (text: string) => void;
  signal?: AbortSignal;
  /** How many passages to retrieve. */
  passages?: number;
}

const isoDay = (d: Date): IsoDate => d.toISOString().slice(0, 10) as IsoDate;

/**
 * Drafts a reply to the newest incoming message of a case from the knowledge base, with the
 * caseworker's access checked and the run written to the AI usage log. Nothing is sent: the draft
 * goes back to a person.
 */
export async function draftReply(input: DraftReplyInput, deps: DraftReplyDeps): Promise<Draft> {
  const c = await getCaseForUser({ caseRef: input.caseId, user: input.user }, deps);
  if (c.flags.includes(controlGroupFlag)) {
    throw new AppError('POLICY_FORBIDS', { message: 'Sagen er i forsøgets kontrolgruppe og behandles uden AI' });
  }
  if (deps.policy) {
    const policy = await deps.policy.current();
    if (!isFeatureAllowed(policy, 'drafting', { kind: c.kind, kleCode: c.kleCode, channel: c.channel })) {
      throw new AppError('POLICY_FORBIDS', { message: `AI-udkast er ikke tilladt for denne sag efter AI-politikken (version ${policy.version})` });
    }
  }
  const messages = await deps.cases.listMessages(c.id);
  const incoming = [...messages].reverse().find((m) => m.direction === 'in');
  const parties = await deps.cases.listParties(c.id);
  const party = parties.find((p) => p.role === 'sender') ?? parties[0] ?? null;
  const today = isoDay(deps.clock.now());
  const subject = incoming?.subject ?? c.title;
  const body = incoming?.bodyText ?? '';
  // The query is the inquiry itself: its subject carries the topic, the first part of the body the question.
  const query = `${subject} ${(deps.searchText ?? ((t: string) => t))(body).slice(0, 1500)}`;
  const filter = { unitId: c.unitId, kleCode: c.kleCode, today };
  const [passages, standardLetters, tokensUsed] = await Promise.all([
    deps.knowledge.search({ text: query, limit: input.passages ?? 8, ...filter, kinds: ['document', 'web_page', 'approved_reply'] }),
    deps.knowledge.listStandardLetters(filter),
    deps.usage.tokensUsed(c.id),
  ]);
  const { draft, usage } = await deps.drafting.draft(
    {
      caseId: c.id,
      caseNumber: c.number,
      title: c.title,
      inquiry: { subject, body, language: c.language },
      party: party ? { name: party.name, email: party.email, phone: party.phone, address: party.address, cpr: party.cpr } : null,
      passages,
      standardLetters,
      today,
      tokensUsed,
    },
    { onDelta: input.onDelta, signal: input.signal },
  );
  const usageIds: string[] = [];
  for (const entry of usage) usageIds.push((await deps.usage.record({ ...entry, caseId: c.id, startedBy: input.user.id })).id);
  const flagged = draft.sentences.filter((s) => !s.supported).length;
  await deps.audit.record({
    actorKind: 'person',
    actorId: input.user.id,
    action: 'draft.create',
    outcome: 'allowed',
    targetType: 'case',
    targetId: c.id,
    data: { engine: draft.engine, sentences: draft.sentences.length, flagged, fallbackReason: draft.fallbackReason },
  });
  await deps.cases.appendEvents(c.id, [
    {
      activity: 'draft.created',
      actorKind: 'ai',
      actorId: draft.engine,
      occurredAt: deps.clock.now(),
      data: { engine: draft.engine, flagged, startedBy: input.user.id },
    },
  ]);
  return { ...draft, usageIds };
}
