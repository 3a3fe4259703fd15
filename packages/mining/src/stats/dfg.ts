import type { EventLog } from '../log/event-log';
import { type DurationSummary, summarise } from './aggregate';

/** One directly-follows edge with its frequency and the time between the two events. */
export interface DfgEdge extends DurationSummary {
  from: string;
  to: string;
  fromId: number;
  toId: number;
  count: number;
}

/** Options for computing the directly-follows graph. */
export interface DfgOptions {
  /** Also compute times (mean, median, min, max, total); on by default. */
  withTimes?: boolean;
}

/**
 * Directly-follows graph: every pair of consecutive events in a case. Edges come most frequent first,
 * ties by source then target name (the order of pm4py's reference figures).
 *
 * Two passes over the events: the first counts each edge, the second drops each waiting time into
 * that edge's slice of one Float64Array, so medians need no per-edge arrays of boxed numbers.
 */
export function getDfg(log: EventLog, options: DfgOptions = {}): DfgEdge[] {
  const withTimes = options.withTimes !== false;
  const { caseOffsets, activities, timestamps } = log;
  const width = log.activityNames.length;
  const dense = width * width <= 1 << 22;
  const denseCounts = dense ? new Int32Array(width * width) : undefined;
  const sparseCounts = dense ? undefined : new Map<number, number>();
  for (let c = 0; c + 1 < caseOffsets.length; c++) {
    const from = caseOffsets[c] ?? 0;
    const to = caseOffsets[c + 1] ?? from;
    for (let e = from + 1; e < to; e++) {
      const key = (activities[e - 1] ?? 0) * width + (activities[e] ?? 0);
      if (denseCounts) denseCounts[key] = (denseCounts[key] ?? 0) + 1;
      else sparseCounts?.set(key, (sparseCounts.get(key) ?? 0) + 1);
    }
  }
  const keys: number[] = [];
  const counts: number[] = [];
  if (denseCounts) {
    for (let key = 0; key < denseCounts.length; key++) {
      const n = denseCounts[key] ?? 0;
      if (n > 0) {
        keys.push(key);
        counts.push(n);
      }
    }
  } else if (sparseCounts) {
    for (const [key, n] of sparseCounts) {
      keys.push(key);
      counts.push(n);
    }
  }
  const edgeOfKey = new Map<number, number>();
  keys.forEach((key, i) => {
    edgeOfKey.set(key, i);
  });
  const starts = new Int32Array(keys.length + 1);
  for (let i = 0; i < keys.length; i++) starts[i + 1] = (starts[i] ?? 0) + (counts[i] ?? 0);
  const durations = new Float64Array(withTimes ? (starts[keys.length] ?? 0) : 0);
  if (withTimes) {
    const fill = starts.slice(0, keys.length);
    for (let c = 0; c + 1 < caseOffsets.length; c++) {
      const from = caseOffsets[c] ?? 0;
      const to = caseOffsets[c + 1] ?? from;
      for (let e = from + 1; e < to; e++) {
        const key = (activities[e - 1] ?? 0) * width + (activities[e] ?? 0);
        const edge = edgeOfKey.get(key) ?? 0;
        const slot = fill[edge] ?? 0;
        durations[slot] = ((timestamps[e] ?? 0) - (timestamps[e - 1] ?? 0)) / 1000;
        fill[edge] = slot + 1;
      }
    }
  }
  const edges: DfgEdge[] = keys.map((key, i) => {
    const fromId = Math.floor(key / width);
    const toId = key % width;
    const times = withTimes
      ? summarise(durations.subarray(starts[i] ?? 0, starts[i + 1] ?? 0))
      : { meanSeconds: 0, medianSeconds: 0, minSeconds: 0, maxSeconds: 0, totalSeconds: 0 };
    return { from: log.activityNames[fromId] ?? '', to: log.activityNames[toId] ?? '', fromId, toId, count: counts[i] ?? 0, ...times };
  });
  edges.sort((a, b) => b.count - a.count || compareNames(a.from, b.from) || compareNames(a.to, b.to));
  return edges;
}

function compareNames(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** How many cases start with each activity, most frequent first. */
export function getStartActivities(log: EventLog): Map<string, number> {
  return boundaryActivities(log, true);
}

/** How many cases end with each activity, most frequent first. */
export function getEndActivities(log: EventLog): Map<string, number> {
  return boundaryActivities(log, false);
}

function boundaryActivities(log: EventLog, isStart: boolean): Map<string, number> {
  const counts = new Int32Array(log.activityNames.length);
  for (let c = 0; c + 1 < log.caseOffsets.length; c++) {
    const from = log.caseOffsets[c] ?? 0;
    const to = log.caseOffsets[c + 1] ?? from;
    if (to <= from) continue;
    const a = log.activities[isStart ? from : to - 1] ?? 0;
    counts[a] = (counts[a] ?? 0) + 1;
  }
  const ids = [...counts.keys()].filter((a) => (counts[a] ?? 0) > 0);
  ids.sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || compareNames(log.activityNames[a] ?? '', log.activityNames[b] ?? ''));
  return new Map(ids.map((a) => [log.activityNames[a] ?? '', counts[a] ?? 0]));
}

/** How many events each activity has, most frequent first. */
export function getActivityCounts(log: EventLog): Map<string, number> {
  const counts = new Int32Array(log.activityNames.length);
  for (const a of log.activities) counts[a] = (counts[a] ?? 0) + 1;
  const ids = [...counts.keys()].filter((a) => (counts[a] ?? 0) > 0);
  ids.sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || compareNames(log.activityNames[a] ?? '', log.activityNames[b] ?? ''));
  return new Map(ids.map((a) => [log.activityNames[a] ?? '', counts[a] ?? 0]));
}

/** Duration of each case in seconds: last minus first timestamp (0 for empty cases). */
export function getCaseDurations(log: EventLog): Float64Array {
  const cases = log.caseOffsets.length - 1;
  const durations = new Float64Array(cases);
  for (let c = 0; c < cases; c++) {
    const from = log.caseOffsets[c] ?? 0;
    const to = log.caseOffsets[c + 1] ?? from;
    durations[c] = to > from ? ((log.timestamps[to - 1] ?? 0) - (log.timestamps[from] ?? 0)) / 1000 : 0;
  }
  return durations;
}

/** Mean, median, min, max and total of the case durations. */
export function getCaseDurationSummary(log: EventLog): DurationSummary {
  return summarise(getCaseDurations(log));
}
