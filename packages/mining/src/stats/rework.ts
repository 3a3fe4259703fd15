import type { EventLog } from '../log/event-log';

/** An activity done more than once in the same case. */
export interface Rework {
  activity: string;
  /** Cases in which it happened more than once. */
  cases: number;
  /** Extra executions beyond the first, summed over those cases. */
  repetitions: number;
  /** Share of the cases that contain the activity at all. */
  share: number;
}

/** A directly-follows step back to an activity already done in the case (a loop). */
export interface LoopStep {
  from: string;
  to: string;
  count: number;
}

/** Rework per activity and the loop-back steps, most frequent first. */
export function getReworkAndLoops(log: EventLog): { rework: Rework[]; loops: LoopStep[] } {
  const names = log.activityNames;
  const withActivity = new Int32Array(names.length);
  const reworkCases = new Int32Array(names.length);
  const repetitions = new Int32Array(names.length);
  const loops = new Map<number, number>();
  const seen = new Int32Array(names.length);
  for (let c = 0; c + 1 < log.caseOffsets.length; c++) {
    const start = log.caseOffsets[c] ?? 0;
    const end = log.caseOffsets[c + 1] ?? start;
    seen.fill(0);
    for (let e = start; e < end; e++) {
      const a = log.activities[e] ?? 0;
      // Returning to an activity already done is a loop back from the previous one.
      if ((seen[a] ?? 0) > 0 && e > start) {
        const key = (log.activities[e - 1] ?? 0) * names.length + a;
        loops.set(key, (loops.get(key) ?? 0) + 1);
      }
      seen[a] = (seen[a] ?? 0) + 1;
    }
    for (let a = 0; a < names.length; a++) {
      const n = seen[a] ?? 0;
      if (n > 0) withActivity[a] = (withActivity[a] ?? 0) + 1;
      if (n > 1) {
        reworkCases[a] = (reworkCases[a] ?? 0) + 1;
        repetitions[a] = (repetitions[a] ?? 0) + n - 1;
      }
    }
  }
  const rework: Rework[] = [];
  names.forEach((activity, a) => {
    const cases = reworkCases[a] ?? 0;
    if (cases > 0) rework.push({ activity, cases, repetitions: repetitions[a] ?? 0, share: cases / (withActivity[a] || 1) });
  });
  rework.sort((x, y) => y.cases - x.cases || x.activity.localeCompare(y.activity));
  const loopList = [...loops].map(([key, count]) => ({ from: names[Math.floor(key / names.length)] ?? '', to: names[key % names.length] ?? '', count }));
  loopList.sort((x, y) => y.count - x.count || x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
  return { rework, loops: loopList };
}

/** Working and waiting time of an activity, from its start and complete events. */
export interface ActivityTimes {
  activity: string;
  /** Executions with both a start and a complete event. */
  executions: number;
  workingMeanSeconds: number;
  /** From the end of the previous activity to this one's start. */
  waitingMeanSeconds: number;
}

/**
 * Waiting versus working time where the log has `lifecycle:transition` start and complete events:
 * working is start → matching complete of the same activity, waiting is the previous complete →
 * this start. Logs without start events give an empty list.
 */
export function getActivityTimes(log: EventLog): ActivityTimes[] {
  const lc = log.lifecycles;
  const startCode = lc.names.findIndex((n) => n.toLowerCase() === 'start');
  const completeCode = lc.names.findIndex((n) => n.toLowerCase() === 'complete');
  const names = log.activityNames;
  const work = new Float64Array(names.length);
  const wait = new Float64Array(names.length);
  const count = new Int32Array(names.length);
  const waitCount = new Int32Array(names.length);
  const intervals = log.eventAttributes.get('start_timestamp');
  if ((startCode < 0 || completeCode < 0) && intervals) {
    // Interval logs (one event per execution with a start_timestamp attribute, as pm4py writes them).
    for (let c = 0; c + 1 < log.caseOffsets.length; c++) {
      const start = log.caseOffsets[c] ?? 0;
      const end = log.caseOffsets[c + 1] ?? start;
      for (let e = start; e < end; e++) {
        const begun = intervals.values[e];
        const t = log.timestamps[e] ?? Number.NaN;
        if (typeof begun !== 'number' || Number.isNaN(t)) continue;
        const a = log.activities[e] ?? 0;
        work[a] = (work[a] ?? 0) + Math.max(0, t - begun);
        count[a] = (count[a] ?? 0) + 1;
        if (e > start) {
          wait[a] = (wait[a] ?? 0) + Math.max(0, begun - (log.timestamps[e - 1] ?? begun));
          waitCount[a] = (waitCount[a] ?? 0) + 1;
        }
      }
    }
    return summariseTimes(names, work, wait, count, waitCount);
  }
  if (startCode < 0 || completeCode < 0) return [];
  for (let c = 0; c + 1 < log.caseOffsets.length; c++) {
    const start = log.caseOffsets[c] ?? 0;
    const end = log.caseOffsets[c + 1] ?? start;
    const open = new Map<number, number[]>();
    let lastComplete = Number.NaN;
    for (let e = start; e < end; e++) {
      const a = log.activities[e] ?? 0;
      const t = log.timestamps[e] ?? Number.NaN;
      const code = lc.codes[e];
      if (code === startCode) {
        const stack = open.get(a) ?? [];
        stack.push(t);
        open.set(a, stack);
        if (!Number.isNaN(lastComplete)) {
          wait[a] = (wait[a] ?? 0) + Math.max(0, t - lastComplete);
          waitCount[a] = (waitCount[a] ?? 0) + 1;
        }
      } else if (code === completeCode) {
        // The earliest open start of the same activity is the one this complete ends.
        const begun = open.get(a)?.shift();
        if (begun !== undefined) {
          work[a] = (work[a] ?? 0) + (t - begun);
          count[a] = (count[a] ?? 0) + 1;
        }
        lastComplete = t;
      }
    }
  }
  return summariseTimes(names, work, wait, count, waitCount);
}

function summariseTimes(names: readonly string[], work: Float64Array, wait: Float64Array, count: Int32Array, waitCount: Int32Array): ActivityTimes[] {
  const out: ActivityTimes[] = [];
  names.forEach((activity, a) => {
    const n = count[a] ?? 0;
    if (n === 0) return;
    out.push({
      activity,
      executions: n,
      workingMeanSeconds: (work[a] ?? 0) / n / 1000,
      waitingMeanSeconds: (waitCount[a] ?? 0) > 0 ? (wait[a] ?? 0) / (waitCount[a] ?? 1) / 1000 : 0,
    });
  });
  return out.sort((x, y) => y.waitingMeanSeconds - x.waitingMeanSeconds);
}
