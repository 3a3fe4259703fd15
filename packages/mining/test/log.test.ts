import { describe, expect, it } from 'vitest';
import {
  caseTrace,
  EventLogBuilder,
  formatTimestamp,
  logFromTraces,
  parseCsvLog,
  parseCsvRows,
  parseTimestamp,
  parseXes,
  parseXesStream,
  toXes,
} from '../src/index';

const XES = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment -->
<log xes.version="1.0">
  <string key="concept:name" value="tiny &amp; log"/>
  <global scope="event"><string key="concept:name" value="UNKNOWN"/></global>
  <classifier name="Activity" keys="concept:name"/>
  <trace>
    <string key="concept:name" value="c1"/>
    <float key="cost" value="1.5"/>
    <event>
      <string key="concept:name" value="b"/>
      <date key="time:timestamp" value="2024-01-01T10:05:00.000+01:00"/>
      <string key="org:resource" value="Ann"/>
      <int key="amount" value="7">
        <string key="nested" value="ignored"/>
      </int>
      <list key="tags"><values><string key="x" value="1"/></values></list>
    </event>
    <event>
      <string key="concept:name" value="a"/>
      <date key="time:timestamp" value="2024-01-01T10:00:00.000+01:00"/>
      <string key="lifecycle:transition" value="complete"/>
    </event>
  </trace>
  <trace>
    <string key="concept:name" value="c2"/>
    <event><string key="concept:name" value="a &lt;x&gt;"/><date key="time:timestamp" value="2024-01-02T00:00:00Z"/></event>
  </trace>
</log>`;

describe('timestamps', () => {
  it('reads ISO 8601 with and without offsets', () => {
    expect(parseTimestamp('2024-01-01T10:00:00Z')).toBe(Date.UTC(2024, 0, 1, 10));
    expect(parseTimestamp('2024-01-01 10:00:00')).toBe(Date.UTC(2024, 0, 1, 10));
    expect(parseTimestamp('2024-01-01')).toBe(Date.UTC(2024, 0, 1));
    expect(parseTimestamp('2024-01-01T10:00:00.123456+02:00', 'apply')).toBeCloseTo(Date.UTC(2024, 0, 1, 8) + 123.456, 6);
  });
  it('ignores the offset by default, as pm4py does', () => {
    expect(parseTimestamp('2024-01-01T10:00:00+02:00')).toBe(Date.UTC(2024, 0, 1, 10));
  });
  it('returns NaN for nonsense and formats back', () => {
    expect(parseTimestamp('not a date')).toBeNaN();
    expect(formatTimestamp(Date.UTC(2024, 0, 1, 10))).toBe('2024-01-01T10:00:00.000+00:00');
  });
});

describe('event log builder', () => {
  it('sorts events of a case stably by timestamp', () => {
    const b = new EventLogBuilder();
    b.startCase('1');
    b.addEvent('late', 3);
    b.addEvent('tie-first', 1);
    b.addEvent('tie-second', 1);
    const log = b.build();
    expect(caseTrace(log, 0)).toEqual(['tie-first', 'tie-second', 'late']);
  });
  it('builds logs from plain traces', () => {
    const log = logFromTraces([['a', 'b'], ['a']]);
    expect(log.caseIds).toEqual(['1', '2']);
    expect(caseTrace(log, 1)).toEqual(['a']);
  });
});

describe('XES import and export', () => {
  for (const parser of ['fast', 'saxes'] as const) {
    it(`reads cases, events, standard and nested attributes (${parser})`, async () => {
      const log = await parseXes(XES, { parser });
      expect(log.caseIds).toEqual(['c1', 'c2']);
      expect(caseTrace(log, 0)).toEqual(['a', 'b']);
      expect(caseTrace(log, 1)).toEqual(['a <x>']);
      expect(log.resources.names).toEqual(['Ann']);
      expect(log.eventAttributes.get('amount')?.values).toEqual([undefined, 7, undefined]);
      expect(log.eventAttributes.get('tags')?.type).toBe('list');
      expect(log.eventAttributes.has('nested')).toBe(false);
      expect(log.caseAttributes.get('cost')?.values).toEqual([1.5, undefined]);
      expect(log.logAttributes.get('concept:name')?.value).toBe('tiny & log');
    });
  }
  it('survives chunks split anywhere', async () => {
    const chunks = XES.match(/[\s\S]{1,7}/g) ?? [];
    const log = await parseXes(XES);
    const split = await parseXesStream(chunks);
    expect(split.activities).toEqual(log.activities);
    expect(split.timestamps).toEqual(log.timestamps);
  });
  it('rejects broken XML with the strict parser', async () => {
    await expect(parseXes('<log><trace></log>', { parser: 'saxes' })).rejects.toMatchObject({ code: 'INVALID_XES' });
  });
  it('round-trips through XES export', async () => {
    const log = await parseXes(XES);
    const again = await parseXes(toXes(log));
    expect(again.caseIds).toEqual(log.caseIds);
    expect([0, 1].map((c) => caseTrace(again, c))).toEqual([0, 1].map((c) => caseTrace(log, c)));
    expect(again.timestamps).toEqual(log.timestamps);
    expect(again.eventAttributes.get('amount')?.values).toEqual([undefined, 7, undefined]);
  });
});

describe('CSV', () => {
  it('parses RFC 4180 quoting, doubled quotes and line breaks in fields', () => {
    expect(parseCsvRows('a,b\r\n"x, y","he said ""hi"""\n"multi\nline",z\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"'],
      ['multi\nline', 'z'],
    ]);
    expect(parseCsvRows('a;b\n1;2', undefined)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
  it('maps columns, groups rows by case and sorts by time', () => {
    const log = parseCsvLog('sag,trin,tid,who\n1,b,2024-01-01 10:05,Ann\n2,a,2024-01-01 09:00,Bo\n1,a,2024-01-01 10:00,Bo\n', {
      caseColumn: 'sag',
      activityColumn: 'trin',
      timestampColumn: 'tid',
      resourceColumn: 'who',
    });
    expect(log.caseIds).toEqual(['1', '2']);
    expect(caseTrace(log, 0)).toEqual(['a', 'b']);
    expect(log.resources.names).toEqual(['Ann', 'Bo']);
  });
  it('guesses standard column names and reports unknown ones', () => {
    const log = parseCsvLog('case:concept:name,concept:name,time:timestamp\n1,a,2024-01-01T00:00:00\n');
    expect(caseTrace(log, 0)).toEqual(['a']);
    expect(() => parseCsvLog('x,y\n1,2\n')).toThrow(expect.objectContaining({ code: 'UNKNOWN_COLUMN' }));
    expect(() => parseCsvLog('case,activity\n1,a\n', { timestampColumn: 'nope' })).toThrow(expect.objectContaining({ code: 'UNKNOWN_COLUMN' }));
  });
});
