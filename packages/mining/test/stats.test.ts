import { describe, expect, it } from 'vitest';
import { EventLogBuilder, getCaseDurationSummary, getDfg, getEndActivities, getLogStats, getStartActivities, getVariants, logFromTraces } from '../src/index';

function timedLog(): ReturnType<EventLogBuilder['build']> {
  const b = new EventLogBuilder();
  const s = 1000;
  b.startCase('1');
  b.addEvent('a', 0);
  b.addEvent('b', 10 * s);
  b.addEvent('c', 40 * s);
  b.startCase('2');
  b.addEvent('a', 0);
  b.addEvent('b', 20 * s);
  b.startCase('3');
  b.addEvent('a', 0);
  b.addEvent('b', 60 * s);
  b.addEvent('c', 61 * s);
  b.startCase('4');
  b.addEvent('a', 0);
  b.addEvent('b', 30 * s);
  return b.build();
}

describe('variants', () => {
  it('groups cases by exact sequence, most frequent first, ties by name', () => {
    const { variants, variantOfCase } = getVariants(logFromTraces([['b'], ['a', 'b'], ['a', 'b'], ['a']]));
    expect(variants.map((v) => [v.trace, v.count, v.coverage])).toEqual([
      [['a', 'b'], 2, 0.5],
      [['a'], 1, 0.25],
      [['b'], 1, 0.25],
    ]);
    expect([...variantOfCase]).toEqual([2, 0, 0, 1]);
  });
});

describe('directly-follows graph', () => {
  it('counts edges and summarises the waiting times', () => {
    const dfg = getDfg(timedLog());
    const ab = dfg.find((e) => e.from === 'a' && e.to === 'b');
    expect(ab).toMatchObject({ count: 4, meanSeconds: 30, medianSeconds: 25, minSeconds: 10, maxSeconds: 60, totalSeconds: 120 });
    const bc = dfg.find((e) => e.from === 'b' && e.to === 'c');
    expect(bc).toMatchObject({ count: 2, meanSeconds: 15.5, medianSeconds: 15.5 });
    expect(dfg[0]?.from).toBe('a');
  });
  it('finds start and end activities and case durations', () => {
    const log = timedLog();
    expect([...getStartActivities(log)]).toEqual([['a', 4]]);
    expect([...getEndActivities(log)]).toEqual([
      ['b', 2],
      ['c', 2],
    ]);
    expect(getCaseDurationSummary(log)).toMatchObject({ meanSeconds: 37.75, medianSeconds: 35, minSeconds: 20, maxSeconds: 61 });
  });
  it('sums it up', () => {
    const stats = getLogStats(timedLog());
    expect(stats).toMatchObject({ cases: 4, events: 10, activities: 3, variants: 2 });
  });
});
