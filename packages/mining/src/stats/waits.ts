import type { EventLog } from '../log/event-log';

/** The waits behind one directly-follows edge: which cases, and from when to when. */
export interface EdgeWaits {
  from: string;
  to: string;
  count: number;
  /** Case index, and the timestamps (epoch ms) of the two events. */
  occurrences: { caseIndex: number; fromTime: number; toTime: number }[];
}

/**
 * Every occurrence of every directly-follows edge, so a caller can weigh waits in its own units
 * (working days) and list the cases behind an edge. Most frequent edges first.
 */
export function getEdgeWaits(log: EventLog): EdgeWaits[] {
  const byKey = new Map<number, EdgeWaits>();
  const width = log.activityNames.length;
  for (let c = 0; c + 1 < log.caseOffsets.length; c++) {
    const start = log.caseOffsets[c] ?? 0;
    const end = log.caseOffsets[c + 1] ?? start;
    for (let e = start + 1; e < end; e++) {
      const a = log.activities[e - 1] ?? 0;
      const b = log.activities[e] ?? 0;
      const key = a * width + b;
      let edge = byKey.get(key);
      if (!edge) {
        edge = { from: log.activityNames[a] ?? '', to: log.activityNames[b] ?? '', count: 0, occurrences: [] };
        byKey.set(key, edge);
      }
      edge.count++;
      edge.occurrences.push({ caseIndex: c, fromTime: log.timestamps[e - 1] ?? Number.NaN, toTime: log.timestamps[e] ?? Number.NaN });
    }
  }
  return [...byKey.values()].sort((x, y) => y.count - x.count || x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
}
