import { filterActivitiesByFrequency, filterPaths, filterVariantsByCoverage } from '../filters/filters';
import { caseCount, type EventLog, eventCount } from '../log/event-log';
import { type DfgEdge, getActivityCounts, getCaseDurationSummary, getDfg, getEndActivities, getStartActivities } from '../stats/dfg';
import { getVariants } from '../stats/variants';
import { getEdgeWaits } from '../stats/waits';

export interface ProcessMapOptions {
  /** Share of events kept by the most frequent activities (activity slider), 0–1. */
  activityShare?: number;
  /** Share of arcs kept by the most frequent paths (path slider), 0–1. */
  pathShare?: number;
  /** Share of cases kept by the most frequent variants, 0–1. */
  variantCoverage?: number;
  /** How many variants to list. */
  topVariants?: number;
  /**
   * Converts a wait (two instants) into working days; with it, waits are weighed in working days
   * (what a deadline counts), not in calendar time that includes nights and weekends.
   */
  workingDays?: (fromMs: number, toMs: number) => number;
}

export interface WaitRanking {
  from: string;
  to: string;
  count: number;
  meanSeconds: number;
  medianSeconds: number;
  /** Sum of the waits in working days: what this step costs the organisation. */
  totalWorkingDays: number;
  meanWorkingDays: number;
  /** Case ids behind the edge, longest wait first. */
  cases: { caseId: string; seconds: number; workingDays: number }[];
}

export interface ProcessMap {
  cases: number;
  events: number;
  activities: { activity: string; count: number }[];
  edges: DfgEdge[];
  start: Map<string, number>;
  end: Map<string, number>;
  variants: { trace: string[]; count: number; coverage: number; caseIds: string[] }[];
  variantCount: number;
  caseDuration: { meanSeconds: number; medianSeconds: number; minSeconds: number; maxSeconds: number };
  waits: WaitRanking[];
}

/**
 * One process map: the log filtered by the sliders, its directly-follows graph with times, the
 * variants, and the steps where cases wait longest ranked by what they cost in working days.
 */
export function buildProcessMap(source: EventLog, options: ProcessMapOptions = {}): ProcessMap {
  let log = source;
  if (options.variantCoverage !== undefined && options.variantCoverage < 1) log = filterVariantsByCoverage(log, options.variantCoverage);
  if (options.activityShare !== undefined && options.activityShare < 1) log = filterActivitiesByFrequency(log, { keepShare: options.activityShare });
  const allEdges = getDfg(log);
  const edges = options.pathShare !== undefined && options.pathShare < 1 ? filterPaths(allEdges, { keepShare: options.pathShare }) : allEdges;
  const keptEdges = new Set(edges.map((e) => `${e.from}\u0000${e.to}`));
  const { variants } = getVariants(log);
  const toDays = options.workingDays;
  const waits: WaitRanking[] = getEdgeWaits(log)
    .filter((w) => keptEdges.has(`${w.from}\u0000${w.to}`))
    .map((w) => {
      const cases = w.occurrences.map((o) => {
        const seconds = (o.toTime - o.fromTime) / 1000;
        return { caseId: log.caseIds[o.caseIndex] ?? '', seconds, workingDays: toDays ? toDays(o.fromTime, o.toTime) : seconds / 86_400 };
      });
      cases.sort((a, b) => b.workingDays - a.workingDays || b.seconds - a.seconds);
      const edge = allEdges.find((e) => e.from === w.from && e.to === w.to);
      const totalWorkingDays = cases.reduce((s, c) => s + c.workingDays, 0);
      return {
        from: w.from,
        to: w.to,
        count: w.count,
        meanSeconds: edge?.meanSeconds ?? 0,
        medianSeconds: edge?.medianSeconds ?? 0,
        totalWorkingDays,
        meanWorkingDays: totalWorkingDays / Math.max(1, w.count),
        cases,
      };
    })
    .sort((a, b) => b.totalWorkingDays - a.totalWorkingDays || b.meanSeconds - a.meanSeconds);
  const duration = getCaseDurationSummary(log);
  return {
    cases: caseCount(log),
    events: eventCount(log),
    activities: [...getActivityCounts(log)].map(([activity, count]) => ({ activity, count })),
    edges,
    start: getStartActivities(log),
    end: getEndActivities(log),
    variants: variants
      .slice(0, options.topVariants ?? 20)
      .map((v) => ({ trace: v.trace, count: v.count, coverage: v.coverage, caseIds: v.caseIndexes.slice(0, 50).map((i) => log.caseIds[i] ?? '') })),
    variantCount: variants.length,
    caseDuration: {
      meanSeconds: duration.meanSeconds,
      medianSeconds: duration.medianSeconds,
      minSeconds: duration.minSeconds,
      maxSeconds: duration.maxSeconds,
    },
    waits,
  };
}
