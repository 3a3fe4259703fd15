/**
 * Filters: pure functions from a log to a smaller log (or, for paths, a smaller DFG). They compose,
 * so the UI can apply period, frequency, variant, attribute and duration filters in any order.
 */
import type { AttributeValue, EventLog } from '../log/event-log';
import { selectEvents } from '../log/event-log';
import { type DfgEdge, getActivityCounts, getCaseDurations } from '../stats/dfg';
import { getVariants } from '../stats/variants';

/** How a period filter treats cases that only partly fall inside the period. */
export type PeriodMode = 'contained' | 'intersecting' | 'started' | 'completed' | 'trim';

/** Keeps cases by their time span relative to [from, to] (epoch ms, inclusive). */
export function filterByPeriod(log: EventLog, { from, to, mode = 'intersecting' }: { from: number; to: number; mode?: PeriodMode }): EventLog {
  const inside = (t: number) => t >= from && t <= to;
  if (mode === 'trim')
    return selectEvents(
      log,
      () => true,
      (e) => inside(log.timestamps[e] ?? Number.NaN),
    );
  return selectEvents(log, (c) => {
    const first = log.caseOffsets[c] ?? 0;
    const last = (log.caseOffsets[c + 1] ?? first) - 1;
    if (last < first) return false;
    const start = log.timestamps[first] ?? Number.NaN;
    const end = log.timestamps[last] ?? Number.NaN;
    switch (mode) {
      case 'contained':
        return start >= from && end <= to;
      case 'started':
        return inside(start);
      case 'completed':
        return inside(end);
      default:
        return start <= to && end >= from;
    }
  });
}

/**
 * Keeps only the events of the most frequent activities: those with at least `minCount` events, and
 * (with `keepShare`, 0–1) the most frequent activities whose events together make up that share of
 * all events — the activity slider of a process map. Cases left without events disappear.
 */
export function filterActivitiesByFrequency(log: EventLog, { minCount = 0, keepShare = 1 }: { minCount?: number; keepShare?: number }): EventLog {
  const counts = getActivityCounts(log);
  const total = log.activities.length;
  const kept = new Set<string>();
  let covered = 0;
  for (const [activity, count] of counts) {
    if (count < minCount) break;
    if (kept.size > 0 && covered >= keepShare * total) break;
    kept.add(activity);
    covered += count;
  }
  const keptIds = new Uint8Array(log.activityNames.length);
  log.activityNames.forEach((name, id) => {
    if (kept.has(name)) keptIds[id] = 1;
  });
  return selectEvents(
    log,
    () => true,
    (e) => keptIds[log.activities[e] ?? 0] === 1,
  );
}

/**
 * The path slider: keeps the most frequent DFG edges whose counts make up `keepShare` (0–1) of all
 * arcs, and any edge with at least `minCount`; always keeps at least one edge.
 */
export function filterPaths(
  edges: readonly DfgEdge[],
  { minCount = Number.POSITIVE_INFINITY, keepShare = 1 }: { minCount?: number; keepShare?: number },
): DfgEdge[] {
  const sorted = [...edges].sort((a, b) => b.count - a.count);
  const total = sorted.reduce((sum, e) => sum + e.count, 0);
  const kept: DfgEdge[] = [];
  let covered = 0;
  for (const edge of sorted) {
    if (kept.length === 0 || covered < keepShare * total || edge.count >= minCount) {
      kept.push(edge);
      covered += edge.count;
    }
  }
  return kept;
}

/** Keeps the cases whose every directly-follows step is one of the given edges. */
export function filterCasesByPaths(log: EventLog, edges: readonly Pick<DfgEdge, 'fromId' | 'toId'>[]): EventLog {
  const allowed = new Set(edges.map((e) => e.fromId * log.activityNames.length + e.toId));
  return selectEvents(log, (c) => {
    const from = log.caseOffsets[c] ?? 0;
    const to = log.caseOffsets[c + 1] ?? from;
    for (let e = from + 1; e < to; e++) {
      if (!allowed.has((log.activities[e - 1] ?? 0) * log.activityNames.length + (log.activities[e] ?? 0))) return false;
    }
    return true;
  });
}

/** Keeps the most frequent variants until they cover `coverage` (0–1) of the cases; at least one. */
export function filterVariantsByCoverage(log: EventLog, coverage: number): EventLog {
  const { variants, variantOfCase } = getVariants(log);
  const cases = variantOfCase.length;
  let kept = 0;
  let covered = 0;
  while (kept < variants.length && (kept === 0 || covered < coverage * cases)) {
    covered += variants[kept]?.count ?? 0;
    kept++;
  }
  return selectEvents(log, (c) => (variantOfCase[c] ?? 0) < kept);
}

/** Which attribute to filter on, and whether matching cases/events are kept or dropped. */
export interface AttributeFilter {
  /** `concept:name`, `org:resource`, `lifecycle:transition`, or any other event or case attribute. */
  key: string;
  values: readonly AttributeValue[];
  /** `case` keeps whole cases with at least one matching event (or a matching case attribute); `event` keeps only matching events. */
  level?: 'case' | 'event';
  /** Drop the matches instead of keeping them. */
  isExclusion?: boolean;
}

/** Filters cases or events on an attribute value. */
export function filterByAttribute(log: EventLog, { key, values, level = 'case', isExclusion = false }: AttributeFilter): EventLog {
  const wanted = new Set(values);
  const eventValue = (e: number): AttributeValue | undefined => {
    if (key === 'concept:name') return log.activityNames[log.activities[e] ?? 0];
    if (key === 'org:resource') return log.resources.names[log.resources.codes[e] ?? -1];
    if (key === 'lifecycle:transition') return log.lifecycles.names[log.lifecycles.codes[e] ?? -1];
    return log.eventAttributes.get(key)?.values[e];
  };
  const matches = (e: number) => {
    const v = eventValue(e);
    return v !== undefined && wanted.has(v);
  };
  if (level === 'event')
    return selectEvents(
      log,
      () => true,
      (e) => matches(e) !== isExclusion,
    );
  const caseColumn = key === 'case:concept:name' ? undefined : log.caseAttributes.get(key.replace(/^case:/, ''));
  return selectEvents(log, (c) => {
    let isMatch = false;
    if (key === 'case:concept:name') isMatch = wanted.has(log.caseIds[c] ?? '');
    else if (caseColumn) {
      const v = caseColumn.values[c];
      isMatch = v !== undefined && wanted.has(v);
    }
    if (!isMatch) {
      const from = log.caseOffsets[c] ?? 0;
      const to = log.caseOffsets[c + 1] ?? from;
      for (let e = from; e < to && !isMatch; e++) isMatch = matches(e);
    }
    return isMatch !== isExclusion;
  });
}

/** Keeps cases whose duration (last − first event, seconds) lies within [minSeconds, maxSeconds]. */
export function filterByCaseDuration(
  log: EventLog,
  { minSeconds = 0, maxSeconds = Number.POSITIVE_INFINITY }: { minSeconds?: number; maxSeconds?: number },
): EventLog {
  const durations = getCaseDurations(log);
  return selectEvents(log, (c) => {
    const d = durations[c] ?? 0;
    return d >= minSeconds && d <= maxSeconds;
  });
}
