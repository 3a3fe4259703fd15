import type { MeasurementCaseRow, MeasurementData, MeasurementEventRow, MeasurementUsageRow } from '../src/measurement/case-facts';
import { normalDraw, type Random, seededRandom } from '../src/measurement/random';

export const DAY = 86_400_000;
/** Calendar days as "working days": the synthetic logs need no calendar to know their true effect. */
export const calendarDays = (a: number, b: number) => Math.max(0, (b - a) / DAY);

export interface SyntheticGroup {
  /** Label for case numbers. */
  name: string;
  cases: number;
  /** Cases are received evenly over [from, to). */
  from: number;
  to: number;
  kind?: string;
  /** Mean active days before any effect (active time is gamma-distributed, shape 2). */
  meanActiveDays: number;
  /** Active time is multiplied by (1 − reduction): the true effect. */
  reduction?: number;
  /** Does AI sort and draft in this group? */
  isAi?: boolean;
  /** Seconds each AI draft takes to review. */
  reviewSeconds?: number;
  /** Share of AI drafts sent unchanged. */
  acceptance?: number;
  /** Share of AI classifications a person confirms. */
  accuracy?: number;
  /** The case's pilot arm, recorded as a case flag. */
  arm?: 'ai' | 'control';
  /** Attributes to give the cases (drawn per case). */
  attributes?: (rand: Random, i: number) => { channel?: string; language?: string; postalCode?: string | null };
  /** Extra working days before the first response for a case (e.g. a group treated worse). */
  extraFirstResponseDays?: (row: MeasurementCaseRow) => number;
  /** Accuracy for a case, overriding `accuracy`. */
  accuracyFor?: (row: MeasurementCaseRow) => number;
  modelVersion?: string;
  promptId?: string;
}

function gamma2(rand: Random, mean: number): number {
  // Sum of two exponentials: gamma with shape 2 and the given mean.
  return (-Math.log(1 - rand()) - Math.log(1 - rand())) * (mean / 2);
}

const event = (caseId: string, activity: string, at: number, extra: Partial<MeasurementEventRow> = {}): MeasurementEventRow => ({
  caseId,
  activity,
  actorKind: 'person',
  actorId: 'u1',
  occurredAt: new Date(at),
  fromState: null,
  toState: null,
  transition: null,
  decision: null,
  kleCode: null,
  suggestedKleCode: null,
  confidence: null,
  flagged: null,
  arm: null,
  ...extra,
});

/**
 * A synthetic case log: each case queues, is worked on (active time with a known distribution and
 * a known effect), sometimes waits for the citizen, is answered by a sent message and closed.
 * Every random draw comes from `seed`, so a test sees the same log every time.
 */
export function syntheticLog(groups: SyntheticGroup[], seed = 7): MeasurementData {
  const rand = seededRandom(seed);
  const data: MeasurementData = { cases: [], events: [], usage: [], replies: [] };
  let counter = 0;
  for (const g of groups) {
    for (let i = 0; i < g.cases; i++) {
      counter++;
      const caseId = `${g.name}-${i}`;
      const received = g.from + ((g.to - g.from) * (i + rand())) / g.cases;
      const attrs = g.attributes?.(rand, i) ?? {};
      const row: MeasurementCaseRow = {
        caseId,
        caseNumber: `2026-${String(counter).padStart(6, '0')}`,
        kind: g.kind ?? 'citizen_inquiry',
        unitId: 'affald',
        kleCode: '07.18.00',
        channel: attrs.channel ?? 'email',
        language: attrs.language ?? 'da',
        deadline: null,
        receivedAt: new Date(received),
        closedAt: null,
        state: 'closed',
        flags: g.arm === 'control' ? ['ai_control'] : g.arm === 'ai' ? ['ai_pilot'] : [],
        postalCode: attrs.postalCode ?? null,
      };
      const queue = 0.2 + rand() * 0.6 + (g.extraFirstResponseDays?.(row) ?? 0);
      const active = gamma2(rand, g.meanActiveDays) * (1 - (g.reduction ?? 0));
      const waits = rand() < 0.2 ? 1 + rand() * 2 : 0;
      const start = received + queue * DAY;
      const answered = start + (active + waits) * DAY;
      const closed = answered + (0.5 + rand()) * DAY;
      row.closedAt = new Date(closed);
      data.cases.push(row);
      data.events.push(event(caseId, 'case.created', received, { actorKind: 'system', actorId: null }));
      if (g.isAi) {
        const accuracy = g.accuracyFor?.(row) ?? g.accuracy ?? 0.9;
        const isCorrect = rand() < accuracy;
        data.events.push(
          event(caseId, 'case.classified', received, {
            actorKind: 'ai',
            actorId: g.modelVersion ?? 'sorter-1',
            decision: 'triage',
            kleCode: isCorrect ? '07.18.00' : '05.09.00',
          }),
        );
        data.events.push(
          event(caseId, isCorrect ? 'classification.accepted' : 'classification.corrected', received + 0.1 * DAY, {
            kleCode: '07.18.00',
            suggestedKleCode: isCorrect ? '07.18.00' : '05.09.00',
          }),
        );
      }
      data.events.push(event(caseId, 'state.changed', start, { fromState: 'received', toState: 'in_progress', transition: 'start' }));
      if (waits > 0) {
        const w = start + (active / 2) * DAY;
        data.events.push(event(caseId, 'state.changed', w, { fromState: 'in_progress', toState: 'awaiting_party', transition: 'await_party' }));
        data.events.push(event(caseId, 'state.changed', w + waits * DAY, { fromState: 'awaiting_party', toState: 'in_progress', transition: 'resume' }));
      }
      if (g.isAi) {
        const draftAt = answered - (g.reviewSeconds ?? 600) * 1000;
        data.events.push(event(caseId, 'draft.created', draftAt, { actorKind: 'ai', actorId: 'offline', flagged: rand() < 0.3 ? 1 : 0 }));
        const isApproved = rand() < (g.acceptance ?? 0.5);
        const usage: MeasurementUsageRow = {
          caseId,
          purpose: 'draft',
          engine: 'offline',
          model: null,
          promptId: g.promptId ?? 'draft-reply-offline',
          promptHash: null,
          reviewDecision: isApproved ? 'approved' : 'edited',
          editDistance: isApproved ? 0 : 3 + Math.round(Math.abs(normalDraw(rand)) * 6),
          reviewSeconds: g.reviewSeconds ?? 600,
          createdAt: new Date(draftAt),
        };
        data.usage.push(usage);
      }
      data.events.push(event(caseId, 'message.sent', answered));
      data.events.push(event(caseId, 'state.changed', answered, { fromState: 'in_progress', toState: 'answered', transition: 'answer' }));
      data.events.push(event(caseId, 'state.changed', closed, { fromState: 'answered', toState: 'closed', transition: 'close' }));
      data.replies.push({
        caseId,
        sentAt: new Date(answered),
        bodyText: 'Kære borger\n\nTak for din henvendelse. Vi tømmer beholderen på mandag.\n\nVenlig hilsen\nAffald',
        isAiSent: false,
      });
    }
  }
  return data;
}
