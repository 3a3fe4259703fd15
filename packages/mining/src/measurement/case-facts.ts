import { countWords, scoreTone } from './sentiment';
import { copenhagenDay, copenhagenMonth, type WorkingDaysFn, weekdayWorkingDays } from './time';

// ── What the engine reads: rows of the case log, as packages/db's measurement repository extracts them ──

/** One case with the attributes reports group by. */
export interface MeasurementCaseRow {
  caseId: string;
  caseNumber: string;
  kind: string;
  unitId: string | null;
  kleCode: string | null;
  channel: string;
  language: string;
  /** ISO date, or null for kinds without a deadline. */
  deadline: string | null;
  receivedAt: Date;
  closedAt: Date | null;
  state: string;
  flags: string[];
  /** The sender's postal code where the address holds one. */
  postalCode: string | null;
}

/** One event of the case log, with the few fields of its data that measurement reads. */
export interface MeasurementEventRow {
  caseId: string;
  activity: string;
  actorKind: string;
  actorId: string | null;
  occurredAt: Date;
  fromState: string | null;
  toState: string | null;
  transition: string | null;
  /** case.classified: auto_routed | triage. */
  decision: string | null;
  /** case.classified: the model's KLE code; classification.corrected/accepted: the code a person chose. */
  kleCode: string | null;
  /** classification.corrected/accepted: what the model had suggested. */
  suggestedKleCode: string | null;
  confidence: number | null;
  /** draft.created: sentences the grounding check flagged. */
  flagged: number | null;
  /** pilot.assigned: ai | control. */
  arm: string | null;
}

/** One row of the AI usage log. */
export interface MeasurementUsageRow {
  caseId: string | null;
  purpose: string;
  engine: string;
  model: string | null;
  promptId: string | null;
  promptHash: string | null;
  reviewDecision: string | null;
  editDistance: number | null;
  reviewSeconds: number | null;
  createdAt: Date;
}

/** One outgoing message that was sent. */
export interface MeasurementReplyRow {
  caseId: string;
  sentAt: Date;
  bodyText: string;
  /** Sent by AI on its own (an acknowledgement), not by a person. */
  isAiSent: boolean;
}

/** Everything the reports read. */
export interface MeasurementData {
  cases: MeasurementCaseRow[];
  events: MeasurementEventRow[];
  usage: MeasurementUsageRow[];
  replies: MeasurementReplyRow[];
}

export interface CaseFactsOptions {
  /** When the data was read: cases younger than the follow-up window are not yet measured. */
  asOf: number;
  /** Working time between two instants, in working days (default: Monday–Friday). */
  workingDays?: WorkingDaysFn;
  /** Days after receipt each case is followed (default 30): times are restricted to this window, so old and new cases are measured alike. */
  windowDays?: number;
  /** States whose entry answers a case (default answered, decided, closed). */
  stopStates?: readonly string[];
  /** States where the case waits for someone outside the unit (default awaiting_party, awaiting_approval). */
  waitingStates?: readonly string[];
  /** States where the case waits in a queue to be taken up (default received). */
  queueStates?: readonly string[];
}

/** A case's AI involvement, as the log and the usage log record it. */
export interface CaseAiFacts {
  isClassified: boolean;
  isAutoRouted: boolean;
  classifierVersion: string | null;
  /** Did a person confirm the model's KLE code? null when no person judged it. */
  isClassificationCorrect: boolean | null;
  isDrafted: boolean;
  isAiSent: boolean;
  /** What became of the case's newest reviewed AI draft. */
  draftDecision: 'approved' | 'edited' | 'rejected' | null;
  editDistance: number | null;
  reviewSeconds: number | null;
}

/** One case, measured: what every report groups, compares and counts. */
export interface CaseFacts {
  caseId: string;
  caseNumber: string;
  kind: string;
  unitId: string | null;
  kleCode: string | null;
  /** KLE group (07.18), or the main group when the code has only one level. */
  kleGroup: string | null;
  channel: string;
  language: string;
  postalCode: string | null;
  district: string | null;
  /** Copenhagen month of receipt, YYYY-MM. */
  month: string;
  receivedAt: number;
  /** The pilot arm, when the case was drawn into a controlled pilot. */
  arm: 'ai' | 'control' | null;
  /** The follow-up window has passed, so the case's times are final. */
  isMature: boolean;
  isAnsweredInWindow: boolean;
  answeredAt: number | null;
  /** Working days within the window (null while the case is not mature). */
  firstResponseDays: number | null;
  handlingDays: number | null;
  queueDays: number | null;
  activeDays: number | null;
  waitingDays: number | null;
  closeDays: number | null;
  /** Answered by the deadline; null while it is open and the deadline has not passed, or without a deadline. */
  isDeadlineMet: boolean | null;
  isClosed: boolean;
  isReopened: boolean;
  ai: CaseAiFacts;
  /** The first reply a person sent: length in words and tone (−1…+1). */
  reply: { words: number; tone: number } | null;
  /** Attributes the bias report compares groups by (language, channel, district, and any the caller adds). */
  attributes: Record<string, string | null>;
}

const DAY = 86_400_000;

// Copenhagen's postal districts; elsewhere the postal code itself is the group.
const districtNames: [number, number, string][] = [
  [1000, 1499, 'København K'],
  [1500, 1799, 'København V'],
  [1800, 1999, 'Frederiksberg C'],
  [2000, 2000, 'Frederiksberg'],
  [2100, 2100, 'København Ø'],
  [2150, 2150, 'Nordhavn'],
  [2200, 2200, 'København N'],
  [2300, 2300, 'København S'],
  [2400, 2400, 'København NV'],
  [2450, 2450, 'København SV'],
  [2500, 2500, 'Valby'],
  [2700, 2700, 'Brønshøj'],
  [2720, 2720, 'Vanløse'],
];

/** The district a postal code belongs to, as a group label ("2200 København N"). */
export function districtOf(postalCode: string | null): string | null {
  if (!postalCode || !/^\d{4}$/.test(postalCode)) return null;
  const code = Number(postalCode);
  const hit = districtNames.find(([lo, hi]) => code >= lo && code <= hi);
  if (!hit) return postalCode;
  return hit[0] === hit[1] ? `${postalCode} ${hit[2]}` : `${hit[0]}–${hit[1]} ${hit[2]}`;
}

/** The KLE group of a code: 07.18.00 → 07.18, 07 → 07. */
export function kleGroupOf(code: string | null): string | null {
  if (!code) return null;
  const parts = code.split('.');
  return parts.slice(0, Math.min(2, parts.length)).join('.');
}

/**
 * Measures every case from its rows: when it was first answered and how its time split into queue,
 * active work and waiting (in working days, within the follow-up window), deadline, reopening, what
 * AI did and what people made of it, and the first reply's length and tone.
 */
export function buildCaseFacts(data: MeasurementData, options: CaseFactsOptions): CaseFacts[] {
  const workingDays = options.workingDays ?? weekdayWorkingDays;
  const windowMs = (options.windowDays ?? 30) * DAY;
  const stop = new Set(options.stopStates ?? ['answered', 'decided', 'closed']);
  const waiting = new Set(options.waitingStates ?? ['awaiting_party', 'awaiting_approval']);
  const queue = new Set(options.queueStates ?? ['received']);
  const today = copenhagenDay(options.asOf);

  const eventsByCase = groupBy(data.events, (e) => e.caseId);
  const usageByCase = groupBy(
    data.usage.filter((u) => u.caseId !== null),
    (u) => u.caseId ?? '',
  );
  const repliesByCase = groupBy(data.replies, (r) => r.caseId);

  return data.cases.map((c) => {
    const received = c.receivedAt.getTime();
    const events = [...(eventsByCase.get(c.caseId) ?? [])].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    const windowEnd = received + windowMs;
    const isMature = windowEnd <= options.asOf;

    let answeredAt: number | null = null;
    let firstMessageAt: number | null = null;
    let isReopened = false;
    let arm: CaseFacts['arm'] = c.flags.includes('ai_control') ? 'control' : c.flags.includes('ai_pilot') ? 'ai' : null;
    for (const e of events) {
      const t = e.occurredAt.getTime();
      if (e.activity === 'message.sent') {
        firstMessageAt ??= t;
        if (e.actorKind !== 'ai') answeredAt ??= t;
      }
      if (e.activity === 'state.changed') {
        if (e.toState && stop.has(e.toState)) answeredAt = answeredAt === null ? t : Math.min(answeredAt, t);
        if (e.transition === 'reopen' || e.fromState === 'closed') isReopened = true;
      }
      if (e.activity === 'pilot.assigned' && (e.arm === 'ai' || e.arm === 'control')) arm = e.arm;
    }
    const firstResponseAt = firstMessageAt === null ? answeredAt : answeredAt === null ? firstMessageAt : Math.min(firstMessageAt, answeredAt);
    const restricted = (at: number | null) => (isMature ? workingDays(received, Math.min(at ?? windowEnd, windowEnd)) : null);

    // The state timeline up to the answer (or the end of the window), split by the kind of state.
    let queueDays = 0;
    let activeDays = 0;
    let waitingDays = 0;
    const stateChanges = events.filter((e) => e.activity === 'state.changed');
    let state = stateChanges[0]?.fromState ?? 'received';
    let since = received;
    const until = Math.min(answeredAt ?? windowEnd, windowEnd);
    const addSpan = (from: number, to: number, s: string) => {
      const a = Math.max(from, received);
      const b = Math.min(to, until);
      if (b <= a) return;
      const d = workingDays(a, b);
      if (queue.has(s)) queueDays += d;
      else if (waiting.has(s)) waitingDays += d;
      else if (!stop.has(s)) activeDays += d;
    };
    for (const e of stateChanges) {
      const t = e.occurredAt.getTime();
      if (t >= until) break;
      addSpan(since, t, state);
      state = e.toState ?? state;
      since = t;
    }
    addSpan(since, until, state);

    let isDeadlineMet: boolean | null = null;
    if (c.deadline) {
      if (answeredAt !== null && answeredAt <= options.asOf) isDeadlineMet = copenhagenDay(answeredAt) <= c.deadline;
      else if (today > c.deadline) isDeadlineMet = false;
    }

    const classified = events.filter((e) => e.activity === 'case.classified');
    const lastClassified = classified.at(-1);
    const verdict = events.filter((e) => e.activity === 'classification.corrected' || e.activity === 'classification.accepted').at(-1);
    let isClassificationCorrect: boolean | null = null;
    if (lastClassified && verdict) {
      const suggested = verdict.suggestedKleCode ?? lastClassified.kleCode;
      isClassificationCorrect = verdict.activity === 'classification.accepted' || (suggested !== null && suggested === verdict.kleCode);
    }
    const usage = (usageByCase.get(c.caseId) ?? []).filter((u) => u.purpose === 'draft');
    const reviewed = usage.filter((u) => u.reviewDecision !== null).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const lastReview = reviewed.at(-1);
    const replies = [...(repliesByCase.get(c.caseId) ?? [])].sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
    const personReply = replies.find((r) => !r.isAiSent);
    const isAiSent =
      replies.some((r) => r.isAiSent) || events.some((e) => (e.activity === 'message.sent' || e.activity === 'message.queued') && e.actorKind === 'ai');
    const district = districtOf(c.postalCode);
    const decision = lastReview?.reviewDecision;

    return {
      caseId: c.caseId,
      caseNumber: c.caseNumber,
      kind: c.kind,
      unitId: c.unitId,
      kleCode: c.kleCode,
      kleGroup: kleGroupOf(c.kleCode),
      channel: c.channel,
      language: c.language,
      postalCode: c.postalCode,
      district,
      month: copenhagenMonth(received),
      receivedAt: received,
      arm,
      isMature,
      isAnsweredInWindow: answeredAt !== null && answeredAt <= windowEnd && answeredAt <= options.asOf,
      answeredAt,
      firstResponseDays: restricted(firstResponseAt),
      handlingDays: restricted(answeredAt),
      queueDays: isMature ? queueDays : null,
      activeDays: isMature ? activeDays : null,
      waitingDays: isMature ? waitingDays : null,
      closeDays: restricted(c.closedAt ? c.closedAt.getTime() : null),
      isDeadlineMet,
      isClosed: c.closedAt !== null,
      isReopened,
      ai: {
        isClassified: classified.length > 0,
        isAutoRouted: classified.some((e) => e.decision === 'auto_routed'),
        classifierVersion: lastClassified?.actorId ?? null,
        isClassificationCorrect,
        isDrafted: usage.length > 0 || events.some((e) => e.activity === 'draft.created'),
        isAiSent,
        draftDecision: decision === 'approved' || decision === 'edited' || decision === 'rejected' ? decision : null,
        editDistance: lastReview?.editDistance ?? null,
        reviewSeconds: lastReview?.reviewSeconds ?? null,
      },
      reply: personReply ? { words: countWords(personReply.bodyText), tone: scoreTone(personReply.bodyText).compound } : null,
      attributes: { language: c.language, channel: c.channel, district },
    };
  });
}

/** Groups items by a key, keeping their order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** Filters a server route or the CLI can put on facts already built. */
export interface MeasurementFilter {
  unitIds?: readonly string[];
  kinds?: readonly string[];
  /** KLE prefix: 07 or 07.18. */
  klePrefix?: string;
  channels?: readonly string[];
}

/** The facts that pass a filter. */
export function filterFacts(facts: readonly CaseFacts[], filter: MeasurementFilter = {}): CaseFacts[] {
  return facts.filter(
    (f) =>
      (!filter.unitIds?.length || (f.unitId !== null && filter.unitIds.includes(f.unitId))) &&
      (!filter.kinds?.length || filter.kinds.includes(f.kind)) &&
      (!filter.klePrefix || (f.kleCode !== null && (f.kleCode === filter.klePrefix || f.kleCode.startsWith(`${filter.klePrefix}.`)))) &&
      (!filter.channels?.length || filter.channels.includes(f.channel)),
  );
}
