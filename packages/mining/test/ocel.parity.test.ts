import { describe, expect, it } from 'vitest';
import { flattenOcel, getLogStats, readEventLog, readOcel } from '../src/index';
import { hasLogs, logPath } from './support';

describe.skipIf(!hasLogs)('OCEL 2.0 example from pm4py', () => {
  for (const [file, format] of [
    ['ocel20_example.jsonocel', 'ocel-json'],
    ['ocel20_example.xmlocel', 'ocel-xml'],
  ] as const) {
    it(`${file}: 13 events, 9 objects, 20 E2O, 7 O2O, 8 activities, 4 object types`, async () => {
      const ocel = await readOcel(logPath(file), format);
      expect(ocel.events.length).toBe(13);
      expect(ocel.objects.length).toBe(9);
      expect(ocel.events.reduce((n, e) => n + e.relationships.length, 0)).toBe(20);
      expect(ocel.objects.reduce((n, o) => n + o.relationships.length, 0)).toBe(7);
      expect(new Set(ocel.events.map((e) => e.type)).size).toBe(8);
      expect(ocel.objectTypes.length).toBe(4);
      // Flattening: every E2O relation to an object of the type becomes one event of that case.
      for (const type of ocel.objectTypes) {
        const ids = new Set(ocel.objects.filter((o) => o.type === type).map((o) => o.id));
        const relations = ocel.events.reduce((n, e) => n + e.relationships.filter((r) => ids.has(r.objectId)).length, 0);
        expect(flattenOcel(ocel, type).activities.length).toBe(relations);
      }
    });
  }
  it('reads OCEL through the general reader with a chosen object type', async () => {
    const result = await readEventLog(logPath('ocel20_example.jsonocel'), { objectType: 'Purchase Order' });
    expect(result.objectType).toBe('Purchase Order');
    expect(getLogStats(result.log).cases).toBeGreaterThan(0);
  });
});
