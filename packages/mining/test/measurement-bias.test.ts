import { describe, expect, it } from 'vitest';
import { type BiasOptions, buildBiasReport } from '../src/measurement/bias';
import { buildQualityReport } from '../src/measurement/quality';
import type { Random } from '../src/measurement/random';
import { calendarDays, DAY, type SyntheticGroup, syntheticLog } from './measurement-synthetic';

const t0 = Date.UTC(2026, 0, 1);
const period = { from: t0, to: t0 + 120 * DAY };
const asOf = t0 + 400 * DAY;
const districts = ['2200', '2300', '2400', '2500'];

const citizens = (rand: Random, i: number) => ({
  channel: rand() < 0.6 ? 'email' : 'web',
  language: i % 5 === 0 ? 'en' : 'da',
  postalCode: i % 97 === 0 ? '8000' : (districts[Math.floor(rand() * districts.length)] ?? null),
});

const group = (extra: Partial<SyntheticGroup> = {}): SyntheticGroup => ({
  name: 'p',
  cases: 400,
  ...period,
  meanActiveDays: 3,
  isAi: true,
  accuracy: 0.9,
  acceptance: 0.5,
  attributes: citizens,
  ...extra,
});

const options: BiasOptions = { period, asOf, workingDays: calendarDays, windowDays: 120, resamples: 500 };

describe('bias across groups of citizens', () => {
  it('raises no alert where every group is treated alike', () => {
    const report = buildBiasReport(syntheticLog([group()], 31), options);
    expect(report.alerts).toEqual([]);
    expect(report.method.tests).toBeGreaterThan(20);
    const channel = report.attributes.find((a) => a.attribute === 'channel');
    expect(channel?.groups.map((g) => g.group).sort()).toEqual(['email', 'web']);
    expect(report.conclusions.join(' ')).toMatch(/Vi fandt ingen målbar forskel/);
    expect(report.conclusionsEn.join(' ')).toMatch(/We found no measurable difference/);
    // Postal code 8000 has only a handful of cases: named as too thin, not tested.
    expect(report.conclusions.join(' ')).toMatch(/for få sager \(under 20\) til at sige noget om «8000» \(n = \d\)/);
    const thin = report.attributes.flatMap((a) => a.comparisons).filter((c) => c.group === '8000');
    expect(thin.every((c) => c.verdict === 'too_thin' && c.pAdjusted === null)).toBe(true);
  });

  it('finds a district that waits two days longer and a language whose sorting is worse, with the true gap inside the interval', () => {
    const data = syntheticLog(
      [
        group({
          extraFirstResponseDays: (c) => (c.postalCode === '2400' ? 2 : 0),
          accuracyFor: (c) => (c.language === 'en' ? 0.6 : 0.9),
        }),
      ],
      32,
    );
    const report = buildBiasReport(data, options);
    const slow = report.alerts.find((c) => c.attribute === 'district' && c.metric === 'firstResponseDays' && c.group === '2400 København NV');
    expect(slow?.isWorse).toBe(true);
    // The groups worse off come first in the list of alerts.
    expect(report.alerts[0]?.isWorse).toBe(true);
    expect(slow?.difference.low).toBeLessThan(2);
    expect(slow?.difference.high).toBeGreaterThan(2);
    const sorting = report.alerts.find((c) => c.attribute === 'language' && c.metric === 'classificationCorrect' && c.group === 'en');
    expect(sorting?.isWorse).toBe(true);
    expect(sorting?.difference.low).toBeLessThan(-0.3);
    expect(sorting?.difference.high).toBeGreaterThan(-0.3);
    // Other districts may show as better off than "the rest" (which holds 2400): the same finding, seen from the other side.
    const others = report.alerts.filter((c) => c.attribute === 'district' && c.group !== '2400 København NV');
    expect(others.every((c) => c.isWorse === false)).toBe(true);
    const text = report.conclusions.join('\n');
    expect(text).toMatch(/ALARM – bydel «2400 København NV»: tid til første svar/);
    expect(text).toMatch(/ALARM – sprog «en»: sorteringens nøjagtighed/);
    expect(report.conclusionsEn.join('\n')).toMatch(/ALERT – district “2400 København NV”/);
  });
});

describe('AI quality from corrections and approvals', () => {
  it('recovers accuracy and acceptance within their intervals, and sees a better prompt version', () => {
    const data = syntheticLog(
      [
        group({ name: 'v1', to: t0 + 60 * DAY, accuracy: 0.85, acceptance: 0.3, promptId: 'draft-reply@1', modelVersion: 'sorter-1' }),
        group({ name: 'v2', from: t0 + 60 * DAY, accuracy: 0.85, acceptance: 0.6, promptId: 'draft-reply@2', modelVersion: 'sorter-2' }),
      ],
      34,
    );
    const report = buildQualityReport(data, { period, asOf, workingDays: calendarDays, windowDays: 120, resamples: 500 });
    const c = report.classification.overall;
    expect(c.accuracy.n).toBe(800);
    expect(c.accuracy.low).toBeLessThan(0.85);
    expect(c.accuracy.high).toBeGreaterThan(0.85);
    expect(report.classification.change?.verdict).toBe('no_measurable_difference');
    expect(report.drafts.byVersion.map((v) => v.key)).toEqual(['offline · draft-reply@1', 'offline · draft-reply@2']);
    const [v1, v2] = report.drafts.byVersion;
    expect(v1?.approvedUnedited.low).toBeLessThan(0.3);
    expect(v1?.approvedUnedited.high).toBeGreaterThan(0.3);
    expect(v2?.approvedUnedited.low).toBeLessThan(0.6);
    expect(v2?.approvedUnedited.high).toBeGreaterThan(0.6);
    expect(report.drafts.change?.verdict).toBe('better');
    expect(report.drafts.groundingFlagsPerDraft.n).toBe(800);
    expect(report.drafts.overall.reviewMinutes.value).toBeCloseTo(10, 9);
    expect(report.conclusions.join(' ')).toMatch(/draft-reply@2 er bedre end offline · draft-reply@1/);
    expect(report.conclusions.join(' ')).toMatch(/beholdt personen modellens KLE-emne i 8\d %/);
  });
});
