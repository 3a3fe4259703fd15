import { describe, expect, it } from 'vitest';
import {
  type EventLog,
  getActivityCounts,
  getCaseDurationSummary,
  getDfg,
  getEndActivities,
  getStartActivities,
  getVariants,
  readEventLog,
  readXes,
} from '../src/index';
import { hasLogs, logPath, reference, round3 } from './support';

interface Reference {
  events: number;
  cases: number;
  activities: number;
  activity_counts: Record<string, number>;
  variants: number;
  top_variants: { trace: string[]; count: number }[];
  dfg_edge_count: number;
  dfg_total_arcs: number;
  dfg_edges: [string, string, number][];
  start_activities: Record<string, number>;
  end_activities: Record<string, number>;
  performance_dfg_top_by_total_wait: { from: string; to: string; count: number; mean_s: number; median_s: number }[];
  case_duration_s: { mean: number; median: number; min: number; max: number };
}

function checkAgainstReference(log: EventLog, ref: Reference): void {
  expect(log.caseIds.length).toBe(ref.cases);
  expect(log.activities.length).toBe(ref.events);
  expect(Object.fromEntries(getActivityCounts(log))).toEqual(ref.activity_counts);
  const { variants } = getVariants(log);
  expect(variants.length).toBe(ref.variants);
  expect(variants.slice(0, ref.top_variants.length).map((v) => ({ trace: v.trace, count: v.count }))).toEqual(ref.top_variants);
  const dfg = getDfg(log);
  expect(dfg.length).toBe(ref.dfg_edge_count);
  expect(dfg.reduce((sum, e) => sum + e.count, 0)).toBe(ref.dfg_total_arcs);
  expect(dfg.map((e) => [e.from, e.to, e.count])).toEqual(ref.dfg_edges);
  expect(Object.fromEntries(getStartActivities(log))).toEqual(ref.start_activities);
  expect(Object.fromEntries(getEndActivities(log))).toEqual(ref.end_activities);
  for (const p of ref.performance_dfg_top_by_total_wait) {
    const edge = dfg.find((e) => e.from === p.from && e.to === p.to);
    expect(edge, `${p.from} → ${p.to}`).toBeDefined();
    expect(edge?.count).toBe(p.count);
    expect(round3(edge?.meanSeconds ?? Number.NaN)).toBe(p.mean_s);
    expect(round3(edge?.medianSeconds ?? Number.NaN)).toBe(p.median_s);
  }
  const durations = getCaseDurationSummary(log);
  expect(round3(durations.meanSeconds)).toBe(ref.case_duration_s.mean);
  expect(round3(durations.medianSeconds)).toBe(ref.case_duration_s.median);
  expect(round3(durations.minSeconds)).toBe(ref.case_duration_s.min);
  expect(round3(durations.maxSeconds)).toBe(ref.case_duration_s.max);
}

describe.skipIf(!hasLogs)('statistics match pm4py', () => {
  for (const name of ['running-example', 'receipt']) {
    it(`${name}: counts, variants, DFG, start/end, times and durations`, async () => {
      checkAgainstReference(await readXes(logPath(`${name}.xes.gz`)), reference<Reference>(`${name}.reference.json`));
    });
    it(`${name}: the strict saxes parser reads the same log`, async () => {
      const fast = await readXes(logPath(`${name}.xes.gz`));
      const strict = await readXes(logPath(`${name}.xes.gz`), { parser: 'saxes' });
      expect(strict.activities).toEqual(fast.activities);
      expect(strict.timestamps).toEqual(fast.timestamps);
      expect(strict.caseIds).toEqual(fast.caseIds);
    });
  }

  // Counts from SOURCES.md (cases / events / activities / variants).
  const counts: [string, number, number, number, number][] = [
    ['Road_Traffic_Fine_Management_Process.xes.gz', 150370, 561470, 11, 231],
    ['Sepsis_Cases-Event_Log.xes.gz', 1050, 15214, 16, 846],
    ['BPIC15_1.xes.gz', 1199, 52217, 398, 1170],
    ['BPIC15_2.xes.gz', 832, 44354, 410, 828],
    ['BPIC15_3.xes.gz', 1409, 59681, 383, 1349],
    ['BPIC15_4.xes.gz', 1053, 47293, 356, 1049],
    ['BPIC15_5.xes.gz', 1156, 59083, 389, 1153],
    ['interval_event_log.xes', 1266, 8109, 8, -1],
  ];
  for (const [file, cases, events, activities, variants] of counts) {
    it(`${file}: ${cases} cases, ${events} events, ${activities} activities`, async () => {
      const { log } = await readEventLog(logPath(file));
      expect(log.caseIds.length).toBe(cases);
      expect(log.activities.length).toBe(events);
      expect(new Set(log.activities).size).toBe(activities);
      if (variants >= 0) expect(getVariants(log).variants.length).toBe(variants);
    }, 60_000);
  }
});
