import { createHash } from 'node:crypto';
import {
  type AiUsageEntry,
  type AuditLog,
  type CaseClassifier,
  type CaseRecord,
  type Clock,
  type CreateCaseDeps,
  type CreateCaseInput,
  createCase,
  type Draft,
  type DraftingEngine,
  draftReply,
  isFeatureAllowed,
  type KnowledgeSearch,
  type MessageRecord,
  type PolicyRepository,
  receiveItem,
  rejectReply,
  routeCase,
  type SendReplyDeps,
  type SendReplyInput,
  seededRandom,
  sendReply,
  type UserRecord,
} from '@ekspedit/core';
import type { DatabaseHandle } from '../open';
import { createRepositories } from '../repositories';
import { aiUsage, drafts } from '../schema';
import { demoTemplates, streets } from './demo-content';

/**
 * The demo municipality's "before" and "after": the older half of the simulated months runs without
 * AI, the newer half with it, so the measurement dashboards have something to say on first start.
 * In the AI half the real use cases run with a stand-in sorter and drafter (no model needed): the
 * sorter is right about 82 % of the time (a second model version from the middle of the half,
 * about 90 %); a person in the mail reception routes what it is unsure of and corrects what it got
 * wrong; every reply of an inquiry starts from an AI draft that the caseworker sends unchanged,
 * edits or rejects after a few minutes' review (a second prompt version is accepted more often);
 * and the work goes somewhat faster. Everything is drawn from its own seeded generator.
 */

const HOUR = 3_600_000;

// Copenhagen postal districts the demo's citizens live in, with how often they write.
const districts: [string, string, number][] = [
  ['1358', 'København K', 2],
  ['1620', 'København V', 3],
  ['2100', 'København Ø', 4],
  ['2200', 'København N', 5],
  ['2300', 'København S', 4],
  ['2400', 'København NV', 3],
  ['2450', 'København SV', 2],
  ['2500', 'Valby', 3],
  ['2700', 'Brønshøj', 2],
  ['2720', 'Vanløse', 2],
];

/** The demo's handles on its own deps: what creating a case and sending a reply need, plus policy and audit. */
type DemoDeps = CreateCaseDeps & SendReplyDeps & { audit: AuditLog; policy: PolicyRepository };

export interface DemoAiPeriod {
  /** When AI was switched on. */
  aiFrom: Date;
  /** Factor on the demo's handling times: work goes somewhat faster once AI drafts. */
  pace(receivedAt: Date): number;
  /** `createCase`, or in the AI half: sorted by AI (receiveItem), then routed or corrected by the mail reception. */
  createCase(input: CreateCaseInput, deps: DemoDeps): Promise<CaseRecord>;
  /** `sendReply`, or in the AI half: an AI draft first, reviewed for a few minutes, then sent as it was, edited or replaced. */
  sendReply(input: SendReplyInput, deps: DemoDeps): Promise<MessageRecord>;
}

/** The AI half of the demo; `seedDemo` calls it at three points and it does nothing before `aiFrom`. */
export function createDemoAiPeriod(
  handle: DatabaseHandle,
  options: { now: Date; months: number; seed?: number; clock: Clock & { t: Date }; accounts: UserRecord[] },
): DemoAiPeriod {
  const repos = createRepositories(handle.db);
  const rand = seededRandom((options.seed ?? 20261129) ^ 0x5eed);
  const { clock, now } = options;
  const span = options.months * 30 * 24 * HOUR;
  const aiFrom = new Date(now.getTime() - span / 2);
  // Halfway through the AI half a second sorter and a second drafting prompt arrive.
  const secondVersionFrom = new Date(now.getTime() - span / 4);
  const isAi = (t: Date) => t >= aiFrom;
  const isSecond = (t: Date) => t >= secondVersionFrom;
  const reception = options.accounts.find((u) => u.roles.includes('mail_reception'));
  const kleCodes = [...new Set(demoTemplates.map((t) => t.kle))];
  const weightSum = districts.reduce((s, d) => s + d[2], 0);

  const address = (): string => {
    const x = rand() * weightSum;
    let acc = 0;
    const d =
      districts.find((entry) => {
        acc += entry[2];
        return x < acc;
      }) ?? districts[0];
    const street = streets[Math.floor(rand() * streets.length)] ?? 'Nørregade';
    return `${street} ${1 + Math.floor(rand() * 120)}, ${d?.[0]} ${d?.[1]}`;
  };

  // Forward by working hours on working days, 7–15 UTC, like the demo's own clock.
  const later = (from: Date, hours: number, deps: DemoDeps): Date => {
    let t = from.getTime() + hours * HOUR;
    for (;;) {
      const d = new Date(t);
      const working = deps.calendar.isWorkingDay(d.toISOString().slice(0, 10));
      if (working && d.getUTCHours() >= 7 && d.getUTCHours() < 15) return d;
      const day = working && d.getUTCHours() < 7 ? d.getUTCDate() : d.getUTCDate() + 1;
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), day, 7, 17);
    }
  };

  const usage = {
    // The usage log written at the demo clock's time, so its history spans the months like the cases'.
    async record(entry: AiUsageEntry) {
      const [row] = await handle.db
        .insert(aiUsage)
        .values({ ...entry, createdAt: clock.now() })
        .returning({ id: aiUsage.id });
      if (!row) throw new Error('ai_usage insert returned no row');
      return { id: row.id };
    },
    tokensUsed: async () => 0,
  };
  const knowledge: KnowledgeSearch = { search: async () => [], listStandardLetters: async () => [] };
  const promptHash = (version: number) => createHash('sha256').update(`demo-offline-drafter-${version}`).digest('hex');

  // The stand-in drafter: writes the text it is given, sentence by sentence, and flags a few as unsupported.
  const drafter = (text: string, version: number): DraftingEngine => ({
    async draft(request) {
      const flagRate = version === 1 ? 0.3 : 0.15;
      const sentences = text
        .split(/(?<=[.!?])\s+/)
        .filter(Boolean)
        .map((s) => {
          const supported = rand() >= flagRate / 2;
          return { text: s, citations: [], supported, flags: supported ? [] : ['unsupported'], kind: 'claim' as const };
        });
      const draft: Draft = {
        engine: 'offline',
        text,
        sentences,
        lix: 32,
        language: 'da',
        requestedLanguage: request.inquiry.language,
        standardLetterId: null,
        model: null,
        promptVersion: `demo-${version}`,
        hints: [],
        fallbackReason: null,
        usage: { tokensIn: 0, tokensOut: 0, latencyMs: 40 },
      };
      const entry: AiUsageEntry = {
        caseId: request.caseId,
        purpose: 'draft',
        engine: 'offline',
        endpoint: null,
        model: null,
        promptId: 'draft-reply-offline',
        promptHash: promptHash(version),
        params: { demo: true, version },
        inputHash: null,
        redactedInputHash: null,
        redactedInput: null,
        outputHash: createHash('sha256').update(text).digest('hex'),
        output: null,
        sources: [],
        tokensIn: null,
        tokensOut: null,
        latencyMs: 40,
        startedBy: null,
      };
      return { draft, usage: [entry] };
    },
  });

  // What the AI draft looked like when the caseworker had to change it: a sentence too few, or a stock phrase too many.
  const perturb = (text: string): string => {
    const paragraphs = text.split('\n\n');
    const body = paragraphs[1] ?? '';
    const sentences = body.split(/(?<=[.!?])\s+/);
    if (sentences.length > 1 && rand() < 0.5) paragraphs[1] = sentences.slice(0, -1).join(' ');
    else paragraphs[1] = `${body} Du er velkommen til at kontakte os igen, hvis du har yderligere spørgsmål til sagen.`;
    if (rand() < 0.3) paragraphs[1] = (paragraphs[1] ?? '').replace('Tak for din henvendelse.', 'Tak for din mail.');
    return paragraphs.join('\n\n');
  };

  return {
    aiFrom,
    pace: (receivedAt) => (isAi(receivedAt) ? 0.7 : 1),

    async createCase(input, deps) {
      const sender = input.sender && input.sender.kind === 'citizen' && !input.sender.address ? { ...input.sender, address: address() } : input.sender;
      const receivedAt = input.receivedAt ?? clock.now();
      const truth = input.kleCode ?? null;
      if (!isAi(receivedAt) || !truth) return createCase({ ...input, sender }, deps);
      const second = isSecond(receivedAt);
      const isRight = rand() < (second ? 0.9 : 0.82);
      const others = kleCodes.filter((k) => k.slice(0, 2) !== truth.slice(0, 2));
      const suggested = isRight ? truth : (others[Math.floor(rand() * others.length)] ?? truth);
      const confidence = isRight ? 0.7 + rand() * 0.29 : 0.35 + rand() * 0.55;
      const classifier: CaseClassifier = {
        classify: async () => ({
          modelVersion: second ? 'demo-sorter-2' : 'demo-sorter-1',
          kleCode: suggested,
          kleGroup: suggested.slice(0, 5),
          caseKind: input.kind,
          itemKind: input.kind === 'citizen_inquiry' ? 'question' : input.kind,
          priority: input.priority ?? 'normal',
          language: 'da',
          confidence,
          alternatives: [],
          explanation: [],
        }),
      };
      const received = await receiveItem(
        { ...input, sender, kleCode: null, isKindGiven: true },
        { ...deps, classifier, routing: repos.routing, classifications: repos.classifications, policy: deps.policy },
      );
      if (!reception || (received.decision === 'auto_routed' && isRight)) return received.case;
      // The mail reception routes what waits in triage, and moves what the sorter sent to the wrong unit.
      const at = later(clock.t, received.decision === 'triage' ? 0.3 + rand() * 3 : 1 + rand() * 6, deps);
      if (at > now) return received.case;
      clock.t = at;
      return routeCase({ caseId: received.case.id, kleCode: truth, user: reception }, { ...deps, classifications: repos.classifications });
    },

    async sendReply(input, deps) {
      const c = await deps.cases.findCaseById(input.caseId);
      const policy = await deps.policy.current();
      if (!c || !isAi(c.receivedAt) || !isFeatureAllowed(policy, 'drafting', { kind: c.kind, kleCode: c.kleCode, channel: c.channel })) {
        return sendReply(input, deps);
      }
      const version = isSecond(c.receivedAt) ? 2 : 1;
      const roll = rand();
      const outcome = roll < 0.08 ? 'rejected' : roll < (version === 1 ? 0.43 : 0.63) ? 'approved' : 'edited';
      const aiText =
        outcome === 'approved'
          ? input.text
          : outcome === 'edited'
            ? perturb(input.text)
            : 'Tak for din henvendelse. Vi har modtaget den og vender tilbage hurtigst muligt.';
      const draft = await draftReply(
        { caseId: c.id, user: input.user },
        { cases: deps.cases, knowledge, drafting: drafter(aiText, version), usage, audit: deps.audit, clock, policy: deps.policy },
      );
      const [stored] = await handle.db
        .insert(drafts)
        .values({
          caseId: c.id,
          body: draft.text,
          authorKind: 'ai',
          authorId: draft.engine,
          status: 'proposed',
          data: draft as unknown as Record<string, unknown>,
          createdAt: clock.now(),
          updatedAt: clock.now(),
        })
        .returning({ id: drafts.id });
      if (!stored) throw new Error('insert into drafts returned nothing');
      // Reading and fixing the draft takes minutes: longer when it needs changing.
      const reviewMs = (outcome === 'approved' ? 60 + rand() * 240 : 180 + rand() * 720) * 1000;
      clock.t = new Date(Math.min(clock.t.getTime() + reviewMs, now.getTime()));
      if (outcome === 'rejected') {
        await rejectReply({ caseId: c.id, draftId: stored.id, user: input.user, decision: 'reject', reason: 'Udkastet svarede ikke på spørgsmålet' }, deps);
        return sendReply(input, deps);
      }
      return sendReply({ ...input, basedOnId: stored.id }, deps);
    },
  };
}
