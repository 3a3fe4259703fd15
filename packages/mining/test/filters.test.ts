import { describe, expect, it } from 'vitest';
import {
  caseTrace,
  EventLogBuilder,
  filterActivitiesByFrequency,
  filterByAttribute,
  filterByCaseDuration,
  filterByPeriod,
  filterCasesByPaths,
  filterPaths,
  filterVariantsByCoverage,
  getDfg,
  logFromTraces,
} from '../src/index';

const day = 86_400_000;

function log() {
  const b = new EventLogBuilder();
  b.startCase('1');
  b.addEvent('a', 0, undefined, 'Ann');
  b.addEvent('b', day);
  b.startCase('2');
  b.addEvent('a', 2 * day, undefined, 'Bo');
  b.addEvent('c', 5 * day);
  b.startCase('3');
  b.addEvent('a', 4 * day, undefined, 'Ann');
  b.addEvent('b', 4 * day + 1000);
  return b.build();
}

describe('filters', () => {
  it('filters by period', () => {
    expect(filterByPeriod(log(), { from: 0, to: 3 * day, mode: 'contained' }).caseIds).toEqual(['1']);
    expect(filterByPeriod(log(), { from: 0, to: 3 * day }).caseIds).toEqual(['1', '2']);
    expect(filterByPeriod(log(), { from: 3 * day, to: 10 * day, mode: 'started' }).caseIds).toEqual(['3']);
    const trimmed = filterByPeriod(log(), { from: 0, to: 3 * day, mode: 'trim' });
    expect(caseTrace(trimmed, 1)).toEqual(['a']);
  });
  it('filters activities and paths by frequency', () => {
    const l = log();
    const kept = filterActivitiesByFrequency(l, { minCount: 2 });
    expect(kept.caseIds).toEqual(['1', '2', '3']);
    expect(caseTrace(kept, 1)).toEqual(['a']);
    const edges = filterPaths(getDfg(l), { keepShare: 0.5 });
    expect(edges.map((e) => `${e.from}>${e.to}`)).toEqual(['a>b']);
    expect(filterCasesByPaths(l, edges).caseIds).toEqual(['1', '3']);
  });
  it('filters variants by coverage', () => {
    const l = logFromTraces([['a'], ['a'], ['a'], ['b'], ['c']]);
    expect(filterVariantsByCoverage(l, 0.6).caseIds).toEqual(['1', '2', '3']);
    expect(filterVariantsByCoverage(l, 0.7).caseIds).toEqual(['1', '2', '3', '4']);
  });
  it('filters by attribute and case duration', () => {
    expect(filterByAttribute(log(), { key: 'org:resource', values: ['Ann'] }).caseIds).toEqual(['1', '3']);
    expect(filterByAttribute(log(), { key: 'concept:name', values: ['c'], isExclusion: true }).caseIds).toEqual(['1', '3']);
    expect(caseTrace(filterByAttribute(log(), { key: 'concept:name', values: ['a'], level: 'event' }), 0)).toEqual(['a']);
    expect(filterByCaseDuration(log(), { minSeconds: 2 * 86_400 }).caseIds).toEqual(['2']);
    expect(filterByCaseDuration(log(), { maxSeconds: 10 }).caseIds).toEqual(['3']);
  });
});
