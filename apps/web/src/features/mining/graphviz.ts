import type { Graphviz } from '@hpcc-js/wasm-graphviz';

// Graphviz (WebAssembly, about 1 MB) is loaded on first use only, in its own chunk.
let loader: Promise<Graphviz> | null = null;

function loadGraphviz(): Promise<Graphviz> {
  if (!loader) {
    const promise = import('@hpcc-js/wasm-graphviz').then((m) => m.Graphviz.load());
    // A failed load is not kept, so the next render tries again.
    promise.catch(() => {
      if (loader === promise) loader = null;
    });
    loader = promise;
  }
  return loader;
}

function hslToHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const k = (n + h / 30) % 12;
    const v = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

/**
 * Graphviz does not read CSS `hsl(…)` colours (it paints them black), so they become hex before
 * layout. Harmless once the DOT writer emits hex itself.
 */
export function hexColours(dot: string): string {
  return dot.replace(/hsl\(\s*(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)%\s+(\d+(?:\.\d+)?)%\s*\)/g, (_m, h: string, s: string, l: string) =>
    hslToHex(Number(h), Number(s) / 100, Number(l) / 100),
  );
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Node text in whichever of white and dark ink contrasts more with the node's fill, so every label
 * keeps at least 4.5:1 (WCAG 1.4.3) whatever shade the frequency gives the node.
 */
export function readableLabels(dot: string): string {
  return dot.replace(/fillcolor="(#[0-9a-fA-F]{6})", fontcolor="(#[0-9a-fA-F]{6})"/g, (_m, fill: string, font: string) => {
    // The writer's choice if it is readable, else the first ink that is, else the best there is.
    const inks = [font, '#ffffff', '#0b1f33', '#000000'];
    const ink = inks.find((c) => contrast(fill, c) >= 4.5) ?? inks.reduce((a, b) => (contrast(fill, b) > contrast(fill, a) ? b : a));
    return `fillcolor="${fill}", fontcolor="${ink}"`;
  });
}

/** Lays out a DOT graph and returns the SVG text. */
export async function layoutSvg(dot: string): Promise<string> {
  const graphviz = await loadGraphviz();
  return graphviz.dot(readableLabels(hexColours(dot)));
}

const forbiddenElements = 'script, foreignObject, iframe, object, embed, use, image, style';

/**
 * Parses the SVG and strips anything active (scripts, event handlers, external links), so only
 * shapes and text reach the page even if a label were ever to carry markup. Ids get `idPrefix`.
 */
export function sanitizeSvg(text: string, idPrefix = ''): SVGSVGElement | null {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) return null;
  for (const el of Array.from(root.querySelectorAll(forbiddenElements))) el.remove();
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name) || (/href$/i.test(attr.name) && !attr.value.startsWith('#'))) el.removeAttribute(attr.name);
    }
    // Graphviz numbers its ids from 0 in every drawing; a prefix keeps two maps on one page apart.
    if (idPrefix && el.id) el.id = `${idPrefix}${el.id}`;
  }
  return document.importNode(root, true) as unknown as SVGSVGElement;
}
