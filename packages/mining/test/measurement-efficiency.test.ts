import { describe, expect, it } from 'vitest';
import { buildCaseFacts } from '../src/measurement/case-facts';
import { buildEfficiencyReport, type EfficiencyOptions, estimateHoursSaved } from '../src/measurement/efficiency';
import { seededRandom } from '../src/measurement/random';
import { calendarDays, DAY, type SyntheticGroup, syntheticLog } from './measurement-synthetic';

const t0 = Date.UTC(2026, 0, 1);
const before = { from: t0, to: t0 + 90 * DAY };
const after = { from: t0 + 90 * DAY, to: t0 + 180 * DAY };
const asOf = t0 + 400 * DAY;

const options = (overrides: Partial<EfficiencyOptions> = {}): EfficiencyOptions => ({
  period: after,
  baseline: { method: 'before', ...before },
  asOf,
  workingDays: calendarDays,
  windowDays: 120,
  effort: { method: 'share', share: 0.1 },
  resamples: 1000,
  breakdownBy: ['kind', 'channel'],
  ...overrides,
});

const baselineGroup = (cases: number, extra: Partial<SyntheticGroup> = {}): SyntheticGroup => ({ name: 'b', cases, ...before, meanActiveDays: 4, ...extra });
const aiGroup = (cases: number, extra: Partial<SyntheticGroup> = {}): SyntheticGroup => ({
  name: 'a',
  cases,
  ...after,
  meanActiveDays: 4,
  isAi: true,
  reviewSeconds: 600,
  ...extra,
});

describe('efficiency on a synthetic log with a known effect', () => {
  // AI cuts active time by 30 %: 1.2 of a mean 4 days. With 0.1 work hours per active hour and
  // 7.4 hours a day, 300 cases save 300 × 1.2 × 7.4 × 0.1 = 266.4 hours, minus 300 × 10 min = 50
  // hours of review: 216.4 hours net.
  const trueHours = 300 * 1.2 * 7.4 * 0.1 - 50;
  const report = buildEfficiencyReport(syntheticLog([baselineGroup(300), aiGroup(300, { reduction: 0.3 })], 21), options());

  it('recovers the true saving within its interval, and the interval excludes zero', () => {
    const h = report.hoursSaved;
    expect(h.verdict).toBe('saving');
    expect(h.hours.low).toBeLessThan(trueHours);
    expect(h.hours.high).toBeGreaterThan(trueHours);
    expect(h.hours.low).toBeGreaterThan(0);
    expect(h.reviewHours.value).toBeCloseTo(50, 9);
    expect(h.hours.n).toBe(300);
    const kind = h.perKind[0];
    expect(kind?.isIncluded).toBe(true);
    expect(kind?.savedDaysPerCase.low).toBeLessThan(1.2);
    expect(kind?.savedDaysPerCase.high).toBeGreaterThan(1.2);
    // FTE: hours per year over 1,924.
    expect(h.fte.value).toBeCloseTo(((h.hours.value ?? 0) * 365.25) / 90 / 1924, 9);
  });

  it('finds the shorter active time per kind, and no change in waiting time', () => {
    const active = report.comparisons.find((c) => c.kind === 'citizen_inquiry' && c.metric === 'activeDays');
    expect(active?.verdict).toBe('lower');
    expect(active?.difference.low).toBeLessThan(-1.2);
    expect(active?.difference.high).toBeGreaterThan(-1.2);
    expect(active?.pAdjusted).toBeLessThan(0.001);
    const waiting = report.comparisons.find((c) => c.kind === 'citizen_inquiry' && c.metric === 'waitingDays');
    expect(waiting?.verdict).toBe('no_measurable_difference');
  });

  it('carries every number with its interval and n, and says it in Danish and English', () => {
    const s = report.summary.period;
    expect(s.cases).toBe(300);
    expect(s.aiDrafted.value).toBe(1);
    expect(s.activeDays.n).toBe(300);
    expect(s.activeDays.low).not.toBeNull();
    expect(report.breakdown.kind?.[0]?.key).toBe('citizen_inquiry');
    expect(report.trend.map((r) => r.key)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(report.conclusions.join(' ')).toMatch(/Anslået frigjort arbejdstid: \d+ timer/);
    expect(report.conclusions.join(' ')).toMatch(/før\/efter-sammenligning kan ikke skille AI/);
    expect(report.conclusionsEn.join(' ')).toMatch(/Estimated working time freed/);
    expect(report.conclusions.join(' ')).toMatch(/aktiv behandlingstid faldt fra 4,\d til 2,\d arbejdsdage/);
  });
});

describe('efficiency on a synthetic log without an effect', () => {
  const report = buildEfficiencyReport(syntheticLog([baselineGroup(300), aiGroup(300, { reviewSeconds: 0 })], 22), options());

  it('claims nothing: the interval of the saving holds zero, and no comparison differs', () => {
    const h = report.hoursSaved;
    expect(h.verdict).toBe('no_measurable_difference');
    expect(h.hours.low).toBeLessThan(0);
    expect(h.hours.high).toBeGreaterThan(0);
    expect(report.comparisons.filter((c) => c.verdict === 'lower' || c.verdict === 'higher')).toEqual([]);
    expect(report.conclusions.join(' ')).toMatch(/Der kan ikke påvises en tidsbesparelse/);
    expect(report.conclusionsEn.join(' ')).toMatch(/No time saving can be shown/);
  });
});

describe('the method over many synthetic logs', () => {
  // The estimator alone, on facts built from 2 × 60 synthetic logs: a 95 % interval should hold the
  // truth in about 95 % of logs, and a saving that is not there should be claimed in about 2.5 %.
  const estimate = (data: ReturnType<typeof syntheticLog>, seed: number) => {
    const facts = buildCaseFacts(data, { asOf, workingDays: calendarDays, windowDays: 120 });
    return estimateHoursSaved({
      baseline: facts.filter((f) => f.receivedAt < after.from),
      period: facts.filter((f) => f.receivedAt >= after.from),
      calibration: 'baseline',
      calibrationDays: 90,
      periodDays: 90,
      effort: { method: 'share', share: 0.1 },
      measure: 'activeDays',
      fteHours: 1924,
      hoursPerWorkingDay: 7.4,
      minN: 20,
      sensitivityKeys: [],
      ctx: { rand: seededRandom(seed), resamples: 500, confidence: 0.95, reviewCapMinutes: 60 },
    });
  };

  it('covers the true saving in about 95 % of logs and claims a saving that is not there rarely', () => {
    const runs = 60;
    const trueHours = 80 * 4 * 0.25 * 7.4 * 0.1;
    let covered = 0;
    let falseClaims = 0;
    for (let i = 0; i < runs; i++) {
      const effect = estimate(syntheticLog([baselineGroup(80), aiGroup(80, { reduction: 0.25, reviewSeconds: 0 })], 1000 + i), i);
      if ((effect.hours.low ?? 0) <= trueHours && trueHours <= (effect.hours.high ?? 0)) covered++;
      const none = estimate(syntheticLog([baselineGroup(80), aiGroup(80, { reviewSeconds: 0 })], 5000 + i), i);
      if (none.verdict === 'saving') falseClaims++;
    }
    expect(covered / runs).toBeGreaterThanOrEqual(0.87);
    expect(falseClaims / runs).toBeLessThanOrEqual(0.07);
  });
});

describe('a controlled pilot and thin data', () => {
  it('compares against the control group of the same period when there is one', () => {
    const data = syntheticLog(
      [
        baselineGroup(100, { meanActiveDays: 8 }),
        { name: 'c', cases: 120, ...after, meanActiveDays: 4, arm: 'control' },
        aiGroup(120, { reduction: 0.3, arm: 'ai' }),
      ],
      23,
    );
    const report = buildEfficiencyReport(data, options({ baseline: { method: 'auto', ...before } }));
    expect(report.baseline.method).toBe('control');
    expect(report.baseline.cases).toBe(120);
    expect(report.period.cases).toBe(120);
    // The earlier, slower window is not the baseline: the saving is the 30 % of 4 days, not of 8.
    const saved = report.hoursSaved.perKind[0]?.savedDaysPerCase;
    expect(saved?.low).toBeLessThan(1.2);
    expect(saved?.high).toBeGreaterThan(1.2);
    expect(report.conclusions[0]).toMatch(/tilfældigt udtrukket kontrolgruppe/);
  });

  it('says when there are too few cases to conclude anything', () => {
    const report = buildEfficiencyReport(syntheticLog([baselineGroup(8), aiGroup(9, { reduction: 0.5 })], 24), options());
    expect(report.hoursSaved.verdict).toBe('too_thin');
    expect(report.hoursSaved.hours.value).toBeNull();
    expect(report.comparisons.every((c) => c.verdict === 'too_thin' && c.pAdjusted === null)).toBe(true);
    expect(report.conclusions.join(' ')).toMatch(/Timer sparet kan ikke beregnes/);
    expect(report.conclusions.join(' ')).toMatch(/For få sager \(under 20 pr\. gruppe\)/);
  });

  it('scales the saving by the allocation key and shows it at 10 % and 20 %', () => {
    const data = syntheticLog([baselineGroup(300), aiGroup(300, { reduction: 0.3, reviewSeconds: 0 })], 25);
    const report = buildEfficiencyReport(data, options({ effort: { method: 'allocation', staff: 4, allocationKey: 0.15 } }));
    const h = report.hoursSaved;
    // 4 people × 1,924 h × 90/365.25 × 15 % spent on 300 cases of 4 active days × 7.4 h.
    const work = (4 * 1924 * (90 / 365.25) * 0.15) / (300 * 4 * 7.4);
    expect(h.effort.workPerActiveHour.low).toBeLessThan(work);
    expect(h.effort.workPerActiveHour.high).toBeGreaterThan(work);
    expect(h.sensitivity.map((s) => s.allocationKey)).toEqual([0.1, 0.2]);
    expect(h.sensitivity[0]?.hours.value).toBeCloseTo(((h.hours.value ?? 0) * 0.1) / 0.15, 6);
    expect(report.conclusions.join(' ')).toMatch(/bruger 15 % af deres tid på disse sager \(fordelingsnøglen\); ved 10 %: \d+ timer, 20 %: \d+ timer/);
  });
});
