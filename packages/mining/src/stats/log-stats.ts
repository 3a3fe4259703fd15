import { caseCount, type EventLog, eventCount } from '../log/event-log';
import type { DurationSummary } from './aggregate';
import { type DfgEdge, getCaseDurationSummary, getDfg, getEndActivities, getStartActivities } from './dfg';
import { getVariants } from './variants';

/** The overview the CLI and the UI show first. */
export interface LogStats {
  cases: number;
  events: number;
  activities: number;
  variants: number;
  dfg: DfgEdge[];
  start: Map<string, number>;
  end: Map<string, number>;
  caseDuration: DurationSummary;
}

/** Counts, directly-follows graph with times, start/end activities and case durations in one call. */
export function getLogStats(log: EventLog): LogStats {
  const used = new Uint8Array(log.activityNames.length);
  for (const a of log.activities) used[a] = 1;
  let activities = 0;
  for (const u of used) activities += u;
  return {
    cases: caseCount(log),
    events: eventCount(log),
    activities,
    variants: getVariants(log).variants.length,
    dfg: getDfg(log),
    start: getStartActivities(log),
    end: getEndActivities(log),
    caseDuration: getCaseDurationSummary(log),
  };
}
