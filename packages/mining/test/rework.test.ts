import { describe, expect, it } from 'vitest';
import { EventLogBuilder, logFromTraces } from '../src/log/event-log';
import { getActivityTimes, getReworkAndLoops } from '../src/stats/rework';

describe('rework and loops', () => {
  it('counts repeated activities per case and the steps that loop back', () => {
    const log = logFromTraces([
      ['register', 'check', 'decide', 'check', 'decide', 'pay'],
      ['register', 'check', 'decide', 'pay'],
      ['register', 'check', 'check', 'decide'],
    ]);
    const { rework, loops } = getReworkAndLoops(log);
    expect(rework).toEqual([
      { activity: 'check', cases: 2, repetitions: 2, share: 2 / 3 },
      { activity: 'decide', cases: 1, repetitions: 1, share: 1 / 3 },
    ]);
    expect(loops).toEqual([
      { from: 'check', to: 'check', count: 1 },
      { from: 'check', to: 'decide', count: 1 },
      { from: 'decide', to: 'check', count: 1 },
    ]);
  });
});

describe('waiting versus working time', () => {
  it('takes working time from start to complete and waiting time from the previous complete', () => {
    const b = new EventLogBuilder();
    const h = 3_600_000;
    b.startCase('c1');
    b.addEvent('a', 0, 'start');
    b.addEvent('a', 1 * h, 'complete');
    b.addEvent('b', 5 * h, 'start'); // waited 4 h after a completed
    b.addEvent('b', 7 * h, 'complete'); // worked 2 h
    b.startCase('c2');
    b.addEvent('a', 0, 'start');
    b.addEvent('a', 3 * h, 'complete');
    b.addEvent('b', 5 * h, 'start'); // waited 2 h
    b.addEvent('b', 9 * h, 'complete'); // worked 4 h
    const times = getActivityTimes(b.build());
    expect(times).toEqual([
      { activity: 'b', executions: 2, workingMeanSeconds: 3 * 3600, waitingMeanSeconds: 3 * 3600 },
      { activity: 'a', executions: 2, workingMeanSeconds: 2 * 3600, waitingMeanSeconds: 0 },
    ]);
  });

  it('gives nothing for a log without start events', () => {
    expect(getActivityTimes(logFromTraces([['a', 'b']]))).toEqual([]);
  });
});
