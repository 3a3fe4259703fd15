import { describe, expect, it } from 'vitest';
import { buildCaseFacts, districtOf, kleGroupOf } from '../src/measurement/case-facts';
import { pilotArm } from '../src/measurement/pilot';
import { seededRandom } from '../src/measurement/random';
import { countWords, scoreTone } from '../src/measurement/sentiment';
import {
  bootstrapMean,
  chiSquareSurvival,
  chiSquareTest,
  fisherExact,
  holm,
  kruskalWallis,
  mannWhitney,
  median,
  normalCdf,
  normalQuantile,
  proportionDifference,
  wilsonInterval,
} from '../src/measurement/statistics';
import { startOfCopenhagenDay, weekdayWorkingDays } from '../src/measurement/time';
import { calendarDays, DAY, syntheticLog } from './measurement-synthetic';

// Reference values from SciPy 1.17 (mannwhitneyu asymptotic with continuity, fisher_exact,
// chi2_contingency without Yates, kruskal, chi2.sf, norm) and Newcombe (1998), table II.
const a = [1.2, 3.4, 2.2, 5.1, 0.7, 2.9, 3.3, 4.0, 1.1, 2.5];
const b = [2.8, 4.4, 3.9, 6.1, 5.5, 3.0, 4.8, 5.2, 3.3, 6.0, 4.1];

describe('statistics against reference implementations', () => {
  it('Mann–Whitney U with and without ties', () => {
    const r = mannWhitney(a, b);
    expect(r.statistic).toBe(17.5);
    expect(r.p).toBeCloseTo(0.00915241562771106, 5);
    const t = mannWhitney([1, 2, 2, 3, 3, 3, 4, 5, 5, 6], [2, 3, 4, 4, 5, 6, 6, 7, 7, 8]);
    expect(t.statistic).toBe(23.5);
    expect(t.p).toBeCloseTo(0.047069540401444114, 5);
    expect(r.cliffsDelta).toBeCloseTo((2 * 17.5) / (10 * 11) - 1, 10);
  });

  it("Fisher's exact, chi-square, Kruskal–Wallis and the chi-square tail", () => {
    expect(fisherExact(8, 2, 1, 5).p).toBeCloseTo(0.034965034965034975, 8);
    expect(fisherExact(30, 70, 45, 55).p).toBeCloseTo(0.040534006514982644, 8);
    const chi = chiSquareTest([
      [20, 30, 25],
      [30, 20, 40],
    ]);
    expect(chi.statistic).toBeCloseTo(6.148717948717949, 8);
    expect(chi.df).toBe(2);
    expect(chi.p).toBeCloseTo(0.04621924660982983, 8);
    const kw = kruskalWallis([a, b, [1, 2, 2, 3, 3, 3, 4, 5, 5, 6]]);
    expect(kw.statistic).toBeCloseTo(7.111122345803846, 6);
    expect(kw.p).toBeCloseTo(0.028565340322689, 6);
    expect(chiSquareSurvival(3.84, 1)).toBeCloseTo(0.05004352124870519, 7);
    expect(chiSquareSurvival(10, 4)).toBeCloseTo(0.04042768199451279, 8);
    expect(chiSquareSurvival(50, 30)).toBeCloseTo(0.01240206071890054, 8);
  });

  it('the normal distribution both ways', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 7);
    expect(normalCdf(-1.5)).toBeCloseTo(0.06680720126885807, 6);
  });

  it('Wilson and Newcombe intervals', () => {
    const w = wilsonInterval(7, 20);
    expect(w.value).toBe(0.35);
    expect(w.low).toBeCloseTo(0.1812, 4);
    expect(w.high).toBeCloseTo(0.5671, 3);
    expect(w.n).toBe(20);
    // Newcombe 1998, example (d): 56/70 − 48/80, method 10: 0.0524 to 0.3339.
    const d = proportionDifference(56, 70, 48, 80);
    expect(d.value).toBeCloseTo(0.2, 10);
    expect(d.low).toBeCloseTo(0.0524, 3);
    expect(d.high).toBeCloseTo(0.3339, 3);
    expect(wilsonInterval(0, 0)).toEqual({ value: null, low: null, high: null, n: 0 });
  });

  it("Holm's step-down correction", () => {
    const adjusted = holm([0.01, 0.04, 0.03, 0.005]);
    expect(adjusted.map((p) => Number(p.toFixed(10)))).toEqual([0.03, 0.06, 0.06, 0.02]);
  });

  it('a seeded bootstrap is reproducible and its interval covers the mean', () => {
    const xs = Array.from({ length: 200 }, (_, i) => (i % 10) + 1);
    const one = bootstrapMean(xs, { rand: seededRandom(3), resamples: 1000 });
    const two = bootstrapMean(xs, { rand: seededRandom(3), resamples: 1000 });
    expect(one).toEqual(two);
    expect(one.value).toBe(5.5);
    expect(one.low).toBeLessThan(5.5);
    expect(one.high).toBeGreaterThan(5.5);
    expect((one.high ?? 0) - (one.low ?? 0)).toBeLessThan(1);
    expect(bootstrapMean([4], { rand: seededRandom(1) })).toEqual({ value: 4, low: null, high: null, n: 1 });
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });
});

describe('the Danish tone lexicon', () => {
  it('weighs courtesy up and refusals down, and turns words after a negation', () => {
    expect(scoreTone('Tak for din henvendelse. Vi hjælper gerne, og vi har fundet en god løsning.').compound).toBeGreaterThan(0.5);
    expect(scoreTone('Din ansøgning afvises. Der er desværre fejl, og vi kan ikke imødekomme den.').compound).toBeLessThan(-0.5);
    const plain = scoreTone('Vi kan hjælpe dig.');
    const negated = scoreTone('Vi kan ikke hjælpe dig.');
    expect(plain.sum).toBe(1);
    expect(negated.sum).toBe(-0.5);
  });

  it('ignores closing formulas and words that only begin like a lexicon word', () => {
    expect(scoreTone('Prisen fremgår af takstbladet.\n\nMed venlig hilsen\nParkering').hits).toBe(0);
    expect(countWords('Kære Ida, tak for mailen af 3. maj.')).toBe(8);
  });
});

describe('case facts from the log', () => {
  it('splits the time to the answer into queue, active work and waiting, within the window', () => {
    const from = Date.UTC(2026, 0, 5);
    const data = syntheticLog([{ name: 'a', cases: 30, from, to: from + 30 * DAY, meanActiveDays: 3 }], 11);
    const facts = buildCaseFacts(data, { asOf: from + 200 * DAY, workingDays: calendarDays, windowDays: 60 });
    for (const f of facts) {
      expect(f.isMature).toBe(true);
      const sum = (f.queueDays ?? 0) + (f.activeDays ?? 0) + (f.waitingDays ?? 0);
      expect(sum).toBeCloseTo(f.handlingDays ?? -1, 9);
      expect(f.firstResponseDays).toBeCloseTo(f.handlingDays ?? -1, 9);
      expect(f.isClosed).toBe(true);
    }
    expect(facts.some((f) => (f.waitingDays ?? 0) > 0)).toBe(true);
    // Young cases are not measured yet; a short window caps every time at its length.
    const young = buildCaseFacts(data, { asOf: from + 40 * DAY, workingDays: calendarDays, windowDays: 30 });
    expect(young.filter((f) => f.isMature).length).toBeLessThan(30);
    const capped = buildCaseFacts(data, { asOf: from + 200 * DAY, workingDays: calendarDays, windowDays: 1 });
    expect(Math.max(...capped.map((f) => f.handlingDays ?? 0))).toBeLessThanOrEqual(1);
  });

  it('reads deadlines, reopening, AI acknowledgements and the pilot arm', () => {
    const received = Date.UTC(2026, 2, 2, 9);
    const base = {
      actorId: 'u',
      fromState: null,
      toState: null,
      transition: null,
      decision: null,
      kleCode: null,
      suggestedKleCode: null,
      confidence: null,
      flagged: null,
      arm: null,
    };
    const facts = buildCaseFacts(
      {
        cases: [
          {
            caseId: 'c',
            caseNumber: '2026-000001',
            kind: 'citizen_inquiry',
            unitId: 'affald',
            kleCode: '07.18.00',
            channel: 'web',
            language: 'da',
            deadline: '2026-03-04',
            receivedAt: new Date(received),
            closedAt: new Date(received + 9 * DAY),
            state: 'in_progress',
            flags: [],
            postalCode: '2200',
          },
        ],
        events: [
          { ...base, caseId: 'c', activity: 'message.sent', actorKind: 'ai', occurredAt: new Date(received + 60_000) },
          { ...base, caseId: 'c', activity: 'pilot.assigned', actorKind: 'system', occurredAt: new Date(received), arm: 'control' },
          { ...base, caseId: 'c', activity: 'message.sent', actorKind: 'person', occurredAt: new Date(received + 3 * DAY) },
          {
            ...base,
            caseId: 'c',
            activity: 'state.changed',
            actorKind: 'person',
            occurredAt: new Date(received + 10 * DAY),
            fromState: 'closed',
            toState: 'in_progress',
            transition: 'reopen',
          },
        ],
        usage: [],
        replies: [{ caseId: 'c', sentAt: new Date(received + 60_000), bodyText: 'Vi har modtaget din henvendelse.', isAiSent: true }],
      },
      { asOf: received + 100 * DAY },
    );
    const f = facts[0];
    expect(f?.ai.isAiSent).toBe(true);
    expect(f?.firstResponseDays).toBeCloseTo(60_000 / DAY, 9);
    expect(f?.isDeadlineMet).toBe(false);
    expect(f?.isReopened).toBe(true);
    expect(f?.arm).toBe('control');
    expect(f?.district).toBe('2200 København N');
    expect(f?.reply).toBeNull();
  });

  it('names districts and KLE groups, draws pilot arms and counts weekdays', () => {
    expect(districtOf('1456')).toBe('1000–1499 København K');
    expect(districtOf('8000')).toBe('8000');
    expect(districtOf(null)).toBeNull();
    expect(kleGroupOf('07.18.00')).toBe('07.18');
    expect(kleGroupOf('07')).toBe('07');
    const arms = Array.from({ length: 4000 }, (_, i) => pilotArm({ caseId: `case-${i}`, pilot: 'drafts-2026', controlShare: 0.2 }));
    const share = arms.filter((x) => x === 'control').length / arms.length;
    expect(share).toBeGreaterThan(0.17);
    expect(share).toBeLessThan(0.23);
    expect(pilotArm({ caseId: 'case-1', pilot: 'drafts-2026', controlShare: 0.2 })).toBe(arms[1]);
    // Friday noon to Monday noon: half of Friday and half of Monday.
    expect(weekdayWorkingDays(Date.UTC(2026, 0, 9, 12), Date.UTC(2026, 0, 12, 12))).toBeCloseTo(1, 9);
    expect(new Date(startOfCopenhagenDay('2026-07-01')).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(new Date(startOfCopenhagenDay('2026-01-15')).toISOString()).toBe('2026-01-14T23:00:00.000Z');
  });
});
