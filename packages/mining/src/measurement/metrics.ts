import { type CaseFacts, groupBy } from './case-facts';
import type { Random } from './random';
import { bootstrapMean, type Estimate, medianInterval, wilsonInterval } from './statistics';

/** What every estimate in a report is computed with. */
export interface StatsContext {
  rand: Random;
  resamples: number;
  confidence: number;
  /** Review times longer than this (minutes) count as this: a longer "review" is a draft left lying. */
  reviewCapMinutes: number;
}

/** The efficiency figures of a set of cases, each number with its interval and n. */
export interface MetricSummary {
  /** Cases received (the volume). */
  cases: number;
  /** Cases whose follow-up window has passed: the time figures rest on these. */
  measured: number;
  /** Share of measured cases answered within the window. */
  answeredInWindow: Estimate;
  /** Mean working days to the first message out (or the answer). */
  firstResponseDays: Estimate;
  firstResponseMedianDays: Estimate;
  /** Mean working days from receipt to the answer: queue + active + waiting. */
  handlingDays: Estimate;
  handlingMedianDays: Estimate;
  /** Working days waiting to be taken up. */
  queueDays: Estimate;
  /** Working days in work (neither queued nor waiting for a party or an approval). */
  activeDays: Estimate;
  /** Working days waiting for the party or an approval. */
  waitingDays: Estimate;
  /** Share answered by the deadline (measured cases with a deadline that is met or has passed). */
  deadlineMet: Estimate;
  /** Share of measured closed cases that were reopened. */
  reopened: Estimate;
  /** Shares of cases where AI sorted (any classification), routed on its own, drafted, or sent. */
  aiClassified: Estimate;
  aiAutoRouted: Estimate;
  aiDrafted: Estimate;
  aiSent: Estimate;
  /** Of reviewed AI drafts: share sent without a single word changed. */
  draftsApprovedUnedited: Estimate;
  /** Mean words changed in AI drafts that were used (approved or edited). */
  editDistanceWords: Estimate;
  /** Mean minutes from an AI draft to its review decision (capped). */
  reviewMinutes: Estimate;
}

const values = (facts: readonly CaseFacts[], pick: (f: CaseFacts) => number | null): number[] => {
  const out: number[] = [];
  for (const f of facts) {
    const v = pick(f);
    if (v !== null && Number.isFinite(v)) out.push(v);
  }
  return out;
};

const share = (facts: readonly CaseFacts[], pick: (f: CaseFacts) => boolean | null, confidence: number): Estimate => {
  let n = 0;
  let yes = 0;
  for (const f of facts) {
    const v = pick(f);
    if (v === null) continue;
    n++;
    if (v) yes++;
  }
  return wilsonInterval(yes, n, confidence);
};

/** Every efficiency figure of a set of cases. */
export function summariseMetrics(facts: readonly CaseFacts[], ctx: StatsContext): MetricSummary {
  const opts = { rand: ctx.rand, resamples: ctx.resamples, confidence: ctx.confidence };
  const mature = facts.filter((f) => f.isMature);
  const reviewed = facts.filter((f) => f.ai.draftDecision !== null);
  const cap = ctx.reviewCapMinutes;
  return {
    cases: facts.length,
    measured: mature.length,
    answeredInWindow: share(mature, (f) => f.isAnsweredInWindow, ctx.confidence),
    firstResponseDays: bootstrapMean(
      values(mature, (f) => f.firstResponseDays),
      opts,
    ),
    firstResponseMedianDays: medianInterval(
      values(mature, (f) => f.firstResponseDays),
      ctx.confidence,
    ),
    handlingDays: bootstrapMean(
      values(mature, (f) => f.handlingDays),
      opts,
    ),
    handlingMedianDays: medianInterval(
      values(mature, (f) => f.handlingDays),
      ctx.confidence,
    ),
    queueDays: bootstrapMean(
      values(mature, (f) => f.queueDays),
      opts,
    ),
    activeDays: bootstrapMean(
      values(mature, (f) => f.activeDays),
      opts,
    ),
    waitingDays: bootstrapMean(
      values(mature, (f) => f.waitingDays),
      opts,
    ),
    // Like the times, deadlines and reopening count only for cases whose window has passed: a young
    // case answered early would otherwise count while its slower neighbours do not yet.
    deadlineMet: share(mature, (f) => f.isDeadlineMet, ctx.confidence),
    reopened: share(mature, (f) => (f.isClosed || f.isReopened ? f.isReopened : null), ctx.confidence),
    aiClassified: share(facts, (f) => f.ai.isClassified, ctx.confidence),
    aiAutoRouted: share(facts, (f) => f.ai.isAutoRouted, ctx.confidence),
    aiDrafted: share(facts, (f) => f.ai.isDrafted, ctx.confidence),
    aiSent: share(facts, (f) => f.ai.isAiSent, ctx.confidence),
    draftsApprovedUnedited: share(reviewed, (f) => f.ai.draftDecision === 'approved', ctx.confidence),
    editDistanceWords: bootstrapMean(
      values(reviewed, (f) => (f.ai.draftDecision === 'rejected' ? null : f.ai.editDistance)),
      opts,
    ),
    reviewMinutes: bootstrapMean(
      values(reviewed, (f) => (f.ai.reviewSeconds === null ? null : Math.min(f.ai.reviewSeconds / 60, cap))),
      opts,
    ),
  };
}

/** Dimensions a breakdown groups cases by. */
export type BreakdownDimension = 'unit' | 'kind' | 'kleGroup' | 'channel' | 'month';

const keyOf: Record<BreakdownDimension, (f: CaseFacts) => string> = {
  unit: (f) => f.unitId ?? '(ingen)',
  kind: (f) => f.kind,
  kleGroup: (f) => f.kleGroup ?? '(ingen)',
  channel: (f) => f.channel,
  month: (f) => f.month,
};

/** One group of a breakdown with its figures. */
export type BreakdownRow = { key: string } & MetricSummary;

/**
 * The figures per unit, kind, KLE group, channel or month, largest group first (months in order).
 * Rows are many, so their intervals use at most 500 resamples.
 */
export function breakdown(facts: readonly CaseFacts[], dimension: BreakdownDimension, context: StatsContext): BreakdownRow[] {
  const ctx = { ...context, resamples: Math.min(context.resamples, 500) };
  const groups = [...groupBy(facts, keyOf[dimension])];
  if (dimension === 'month') groups.sort((a, b) => a[0].localeCompare(b[0]));
  else groups.sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  return groups.map(([key, list]) => ({ key, ...summariseMetrics(list, ctx) }));
}
