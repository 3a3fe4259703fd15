import { describe, expect, it } from 'vitest';
import { logFromTraces } from '../src/log/event-log';
import { dfgToDot } from '../src/render/dfg-dot';
import { getActivityCounts, getDfg, getEndActivities, getStartActivities } from '../src/stats/dfg';

describe('dfgToDot', () => {
  const log = logFromTraces([
    ['a', 'b', 'c'],
    ['a', 'c'],
    ['a', 'b', 'c'],
  ]);
  const dot = dfgToDot(getDfg(log), {
    metric: 'frequency',
    activityCounts: getActivityCounts(log),
    start: getStartActivities(log),
    end: getEndActivities(log),
    label: (a) => a.toUpperCase(),
  });

  it('draws every activity and edge with ids, labels and counts', () => {
    expect(dot).toContain('label="A\\n3"');
    expect(dot.match(/ -> /g)?.length).toBe(3 + 1 + 1); // a→b, b→c, a→c, start→a, c→end
    expect(dot).toMatch(/id="edge-0", label="2"/);
  });

  it('uses colours Graphviz can read, with readable text on every fill', () => {
    const fills = [...dot.matchAll(/fillcolor="(#[0-9a-f]{6})", fontcolor="(#[0-9a-f]{6})"/g)];
    expect(fills.length).toBe(3);
    expect(dot).not.toContain('hsl(');
    for (const [, fill, font] of fills) {
      const lum = (hex: string) => {
        const c = [1, 3, 5].map((i) => {
          const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
          return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * (c[0] ?? 0) + 0.7152 * (c[1] ?? 0) + 0.0722 * (c[2] ?? 0);
      };
      const [hi, lo] = [lum(fill as string), lum(font as string)].sort((x, y) => y - x) as [number, number];
      expect((hi + 0.05) / (lo + 0.05)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
