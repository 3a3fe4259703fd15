import type { DfgEdge } from '../stats/dfg';

export interface DotOptions {
  /** Label edges with counts or with a time figure. */
  metric: 'frequency' | 'time';
  /** Node counts by activity. */
  activityCounts: ReadonlyMap<string, number>;
  start: ReadonlyMap<string, number>;
  end: ReadonlyMap<string, number>;
  /** Display name of an activity (translation). */
  label?: (activity: string) => string;
  /** Text of an edge's time figure, e.g. "2,3 arb.dage". */
  timeLabel?: (edge: DfgEdge) => string;
}

// HSL → hex: Graphviz reads neither hsl() nor CSS colour functions, only names, #rrggbb and HSV triples.
function hslToHex(h: number, sPct: number, lPct: number): string {
  const s = sPct / 100;
  const l = lPct / 100;
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const c = l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

function luminance(hex: string): number {
  const ch = [1, 3, 5].map((i) => {
    const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (ch[0] ?? 0) + 0.7152 * (ch[1] ?? 0) + 0.0722 * (ch[2] ?? 0);
}

/** Dark or white text, whichever contrasts more with the fill (WCAG contrast ratio). */
function textColourFor(fill: string): string {
  const l = luminance(fill);
  const withDark = (l + 0.05) / (luminance('#0b1f33') + 0.05);
  const withWhite = 1.05 / (l + 0.05);
  return withDark >= withWhite ? '#0b1f33' : '#ffffff';
}

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/**
 * The directly-follows graph as Graphviz DOT: node shade by frequency, edge width by the chosen
 * metric, start and end as small circles. Every node and edge gets an id so a page can link them.
 */
export function dfgToDot(edges: readonly DfgEdge[], options: DotOptions): string {
  const label = options.label ?? ((a: string) => a);
  const maxCount = Math.max(1, ...options.activityCounts.values());
  const metricOf = (e: DfgEdge) => (options.metric === 'frequency' ? e.count : e.meanSeconds);
  const maxMetric = Math.max(1e-9, ...edges.map(metricOf));
  const activities = [...options.activityCounts.keys()];
  const id = new Map(activities.map((a, i) => [a, `a${i}`]));
  const lines = [
    'digraph process {',
    '  graph [rankdir=TB, fontname="DejaVu Sans", bgcolor="transparent", nodesep=0.35, ranksep=0.45];',
    '  node [shape=box, style="rounded,filled", fontname="DejaVu Sans", fontsize=11, color="#1d3f66"];',
    '  edge [fontname="DejaVu Sans", fontsize=10, color="#44546a", fontcolor="#1f2933"];',
    '  start [id="node-start", shape=circle, label="", width=0.22, style=filled, fillcolor="#2e7d32", color="#2e7d32"];',
    '  end [id="node-end", shape=doublecircle, label="", width=0.18, style=filled, fillcolor="#b3261e", color="#b3261e"];',
  ];
  for (const a of activities) {
    const count = options.activityCounts.get(a) ?? 0;
    // Light to dark blue by frequency; text flips to white on dark fills for contrast.
    const share = count / maxCount;
    const fill = hslToHex(212, 55, Math.round(95 - share * 60));
    const font = textColourFor(fill);
    lines.push(
      `  ${id.get(a)} [id=${quote(`node-${id.get(a)}`)}, label=${quote(`${label(a)}\n${count}`)}, fillcolor=${quote(fill)}, fontcolor=${quote(font)}, tooltip=${quote(label(a))}];`,
    );
  }
  for (const [a, n] of options.start) if (id.has(a)) lines.push(`  start -> ${id.get(a)} [label=${quote(String(n))}, style=dashed];`);
  for (const [a, n] of options.end) if (id.has(a)) lines.push(`  ${id.get(a)} -> end [label=${quote(String(n))}, style=dashed];`);
  edges.forEach((e, i) => {
    const from = id.get(e.from);
    const to = id.get(e.to);
    if (!from || !to) return;
    const text = options.metric === 'frequency' ? String(e.count) : (options.timeLabel?.(e) ?? `${(e.meanSeconds / 3600).toFixed(1)} t`);
    const width = 0.8 + (metricOf(e) / maxMetric) * 4;
    lines.push(
      `  ${from} -> ${to} [id=${quote(`edge-${i}`)}, label=${quote(text)}, penwidth=${width.toFixed(2)}, tooltip=${quote(`${label(e.from)} → ${label(e.to)}: ${text}`)}];`,
    );
  });
  lines.push('}');
  return lines.join('\n');
}
