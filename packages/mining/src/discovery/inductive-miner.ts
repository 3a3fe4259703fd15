/**
 * Inductive miner (IM) and its infrequent variant (IMf), following pm4py 2.7's implementation so that
 * the same log gives the same tree: the log is kept as variants with counts, and at each step the base
 * cases (empty log, single activity), then the cuts (exclusive choice, strict sequence, concurrency,
 * loop) and finally the fall-throughs (empty traces, activity once per trace, activity concurrent,
 * strict tau loop, tau loop, flower) are tried in pm4py's order. IMf additionally drops infrequent
 * empty traces and, when no cut is found, retries the cuts on a directly-follows graph without the
 * edges below `noiseThreshold` × the strongest outgoing edge of their source.
 */
import type { EventLog } from '../log/event-log';
import { getVariants } from '../stats/variants';
import { foldTree, leaf, node, type ProcessTree } from './process-tree';

/** Options of the inductive miner. */
export interface InductiveOptions {
  /** 0 (default) runs plain IM; above 0 runs IMf with this noise threshold (pm4py uses 0.2). */
  noiseThreshold?: number;
}

/** Unique traces (activity ids) with their counts, in insertion order. */
class Uvcl {
  readonly traces: number[][] = [];
  readonly counts: number[] = [];
  private readonly index = new Map<string, number>();

  /** Adds to the count of a trace (Counter.update). */
  add(trace: number[], count: number): void {
    const key = trace.join(',');
    const i = this.index.get(key);
    if (i === undefined) {
      this.index.set(key, this.traces.length);
      this.traces.push(trace);
      this.counts.push(count);
    } else this.counts[i] = (this.counts[i] ?? 0) + count;
  }

  /** Replaces the count of a trace (what pm4py's concurrency projection does, by assignment). */
  set(trace: number[], count: number): void {
    const key = trace.join(',');
    const i = this.index.get(key);
    if (i === undefined) this.add(trace, count);
    else this.counts[i] = count;
  }

  get size(): number {
    return this.traces.length;
  }

  total(): number {
    return this.counts.reduce((a, b) => a + b, 0);
  }

  hasEmptyTrace(): boolean {
    return this.index.has('');
  }

  alphabet(): Set<number> {
    const set = new Set<number>();
    for (const t of this.traces) for (const a of t) set.add(a);
    return set;
  }
}

/** Directly-follows graph of a variant log: edge counts plus weighted start and end activities. */
interface Dfg {
  /** Outgoing edges: source → (target → count). */
  out: Map<number, Map<number, number>>;
  start: Map<number, number>;
  end: Map<number, number>;
}

function dfgOf(log: Uvcl): Dfg {
  const dfg: Dfg = { out: new Map(), start: new Map(), end: new Map() };
  log.traces.forEach((t, i) => {
    const count = log.counts[i] ?? 0;
    for (let j = 0; j + 1 < t.length; j++) {
      const a = t[j] ?? 0;
      const b = t[j + 1] ?? 0;
      let row = dfg.out.get(a);
      if (!row) {
        row = new Map();
        dfg.out.set(a, row);
      }
      row.set(b, (row.get(b) ?? 0) + count);
    }
    if (t.length > 0) {
      const s = t[0] ?? 0;
      const e = t[t.length - 1] ?? 0;
      dfg.start.set(s, (dfg.start.get(s) ?? 0) + count);
      dfg.end.set(e, (dfg.end.get(e) ?? 0) + count);
    }
  });
  return dfg;
}

function hasEdge(dfg: Dfg, a: number, b: number): boolean {
  return dfg.out.get(a)?.has(b) ?? false;
}

function edgesOf(dfg: Dfg): [number, number][] {
  const edges: [number, number][] = [];
  for (const [a, row] of dfg.out) for (const b of row.keys()) edges.push([a, b]);
  return edges;
}

function verticesOf(dfg: Dfg): Set<number> {
  const vertices = new Set<number>();
  for (const [a, row] of dfg.out) {
    vertices.add(a);
    for (const b of row.keys()) vertices.add(b);
  }
  for (const a of dfg.start.keys()) vertices.add(a);
  for (const a of dfg.end.keys()) vertices.add(a);
  return vertices;
}

/** Connected components of the undirected version of the given edges over the given vertices. */
function components(vertices: Iterable<number>, edges: [number, number][]): Set<number>[] {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(x, root);
    return root;
  };
  const order: number[] = [];
  for (const v of vertices) {
    parent.set(v, v);
    order.push(v);
  }
  for (const [a, b] of edges) {
    if (!parent.has(a) || !parent.has(b)) continue;
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  }
  const groups = new Map<number, Set<number>>();
  for (const v of order) {
    const r = find(v);
    let g = groups.get(r);
    if (!g) {
      g = new Set();
      groups.set(r, g);
    }
    g.add(v);
  }
  return [...groups.values()];
}

function union(a: Set<number>, b: Set<number>): Set<number> {
  const u = new Set(a);
  for (const x of b) u.add(x);
  return u;
}

type Cut = { operator: 'xor' | 'sequence' | 'parallel' | 'loop'; groups: Set<number>[] };

class Miner {
  constructor(
    private readonly names: readonly string[],
    private readonly noise: number,
  ) {}

  private byName = (a: number, b: number): number => {
    const x = this.names[a] ?? '';
    const y = this.names[b] ?? '';
    return x === y ? 0 : x < y ? -1 : 1;
  };

  // ---- cuts -------------------------------------------------------------------------------

  private xorCut(dfg: Dfg): Set<number>[] | null {
    const groups = components(verticesOf(dfg), edgesOf(dfg));
    return groups.length > 1 ? groups : null;
  }

  private transitiveRelations(dfg: Dfg, alphabet: Set<number>): { pre: Map<number, Set<number>>; post: Map<number, Set<number>> } {
    const post = new Map<number, Set<number>>();
    const pre = new Map<number, Set<number>>();
    for (const a of alphabet) {
      pre.set(a, new Set());
    }
    for (const a of alphabet) {
      // Descendants by breadth-first search; like networkx, a node is its own descendant only never.
      const seen = new Set<number>();
      const queue = [...(dfg.out.get(a)?.keys() ?? [])];
      while (queue.length > 0) {
        const x = queue.pop() as number;
        if (seen.has(x)) continue;
        seen.add(x);
        for (const y of dfg.out.get(x)?.keys() ?? []) if (!seen.has(y)) queue.push(y);
      }
      seen.delete(a);
      post.set(a, seen);
      for (const x of seen) pre.get(x)?.add(a);
    }
    return { pre, post };
  }

  private sequenceCut(dfg: Dfg): Set<number>[] | null {
    const alphabet = verticesOf(dfg);
    if (alphabet.size === 0) return null;
    const { pre, post } = this.transitiveRelations(dfg, alphabet);
    let groups = [...alphabet].map((a) => new Set([a]));
    const shouldMerge = (g1: Set<number>, g2: Set<number>): boolean => {
      for (const a1 of g1) {
        for (const a2 of g2) {
          const a2AfterA1 = post.get(a1)?.has(a2) ?? false;
          const a1AfterA2 = post.get(a2)?.has(a1) ?? false;
          if ((a2AfterA1 && a1AfterA2) || (!a2AfterA1 && !a1AfterA2)) return true;
        }
      }
      return false;
    };
    let oldSize = -1;
    while (oldSize !== groups.length) {
      oldSize = groups.length;
      for (let i = 0; i < groups.length; i++) {
        let j = i + 1;
        while (j < groups.length) {
          const gi = groups[i] as Set<number>;
          const gj = groups[j] as Set<number>;
          if (shouldMerge(gi, gj)) {
            groups[i] = union(gi, gj);
            groups.splice(j, 1);
            continue;
          }
          j++;
        }
      }
    }
    const n = alphabet.size;
    const rank = (g: Set<number>) => {
      const first = g.values().next().value as number;
      return (pre.get(first)?.size ?? 0) + (n - (post.get(first)?.size ?? 0));
    };
    groups = groups.sort((a, b) => rank(a) - rank(b));
    return groups.length > 1 ? groups : null;
  }

  private strictSequenceCut(dfg: Dfg): Set<number>[] | null {
    const c = this.sequenceCut(dfg);
    if (!c) return null;
    const start = new Set(dfg.start.keys());
    const end = new Set(dfg.end.keys());
    const big = Number.MAX_SAFE_INTEGER;
    const mf = c.map((g) => ([...g].some((a) => start.has(a)) ? -big : big));
    const mt = c.map((g) => ([...g].some((a) => end.has(a)) ? big : -big));
    const cmap = new Map<number, number>();
    c.forEach((g, i) => {
      for (const a of g) cmap.set(a, i);
    });
    for (const [a, b] of edgesOf(dfg)) {
      const ca = cmap.get(a) ?? 0;
      const cb = cmap.get(b) ?? 0;
      mf[cb] = Math.min(mf[cb] ?? 0, ca);
      mt[ca] = Math.max(mt[ca] ?? 0, cb);
    }
    const skippable = (p: number): boolean => {
      for (let i = 0; i < p; i++) {
        for (let j = p + 1; j < c.length; j++) {
          for (const a of c[i] ?? []) for (const b of c[j] ?? []) if (hasEdge(dfg, a, b)) return true;
        }
      }
      for (let i = p + 1; i < c.length; i++) for (const a of c[i] ?? []) if (start.has(a)) return true;
      for (let i = 0; i < p; i++) for (const a of c[i] ?? []) if (end.has(a)) return true;
      return false;
    };
    for (let p = 0; p < c.length; p++) {
      if (!skippable(p)) continue;
      let q = p - 1;
      while (q >= 0 && (mt[q] ?? 0) <= p) {
        c[p] = union(c[p] as Set<number>, c[q] as Set<number>);
        c[q] = new Set();
        q--;
      }
      q = p + 1;
      while (q < mf.length && (mf[q] ?? 0) >= p) {
        c[p] = union(c[p] as Set<number>, c[q] as Set<number>);
        c[q] = new Set();
        q++;
      }
    }
    const result = c.filter((g) => g.size > 0);
    // pm4py returns the merged groups even if only one is left; a one-group "cut" is no cut.
    return result.length > 1 ? result : null;
  }

  private concurrencyCut(dfg: Dfg): Set<number>[] | null {
    const alphabet = [...verticesOf(dfg)].sort(this.byName);
    if (alphabet.length === 0) return null;
    let groups = alphabet.map((a) => new Set([a]));
    let hasMerged = true;
    while (hasMerged) {
      hasMerged = false;
      outer: for (let i = 0; i < groups.length; i++) {
        for (let j = i + 1; j < groups.length; j++) {
          for (const a1 of groups[i] ?? []) {
            for (const a2 of groups[j] ?? []) {
              if (!hasEdge(dfg, a1, a2) || !hasEdge(dfg, a2, a1)) {
                groups[i] = union(groups[i] as Set<number>, groups[j] as Set<number>);
                groups.splice(j, 1);
                hasMerged = true;
                break outer;
              }
            }
          }
        }
      }
    }
    groups = groups.sort((a, b) => a.size - b.size);
    let i = 0;
    while (i < groups.length && groups.length > 1) {
      const g = groups[i] as Set<number>;
      const hasStart = [...g].some((a) => dfg.start.has(a));
      const hasEnd = [...g].some((a) => dfg.end.has(a));
      if (hasStart && hasEnd) {
        i++;
        continue;
      }
      groups.splice(i, 1);
      const target = i === 0 ? 0 : i - 1;
      groups[target] = union(groups[target] as Set<number>, g);
    }
    return groups.length > 1 ? groups : null;
  }

  private loopCut(dfg: Dfg): Set<number>[] | null {
    const edges = edgesOf(dfg);
    if (edges.length === 0) return null;
    const start = new Set(dfg.start.keys());
    const end = new Set(dfg.end.keys());
    const isBoundary = (a: number) => start.has(a) || end.has(a);
    const inner = [...verticesOf(dfg)].filter((a) => !isBoundary(a));
    const innerEdges = edges.filter(([a, b]) => !isBoundary(a) && !isBoundary(b));
    let groups: Set<number>[] = [union(start, end), ...components(inner, innerEdges)];
    const mergeInFront = (a: number, b: number) => {
      const ga = groups.find((g) => g.has(a)) ?? new Set<number>();
      const gb = groups.find((g) => g.has(b)) ?? new Set<number>();
      groups = groups.filter((g) => g !== ga && g !== gb);
      groups.unshift(union(ga, gb));
    };
    for (const a of start) if (!end.has(a)) for (const [x, b] of edges) if (x === a) mergeInFront(a, b);
    for (const b of end) if (!start.has(b)) for (const [a, x] of edges) if (x === b) mergeInFront(a, b);
    let i = 1;
    while (i < groups.length) {
      let merge = false;
      for (const a of groups[i] ?? []) {
        if (merge) break;
        for (const [x, b] of edges) {
          if (x === a && start.has(b)) for (const s of start) if (!hasEdge(dfg, a, s)) merge = true;
        }
      }
      if (merge) {
        groups[0] = union(groups[0] as Set<number>, groups[i] as Set<number>);
        groups.splice(i, 1);
        continue;
      }
      i++;
    }
    i = 1;
    while (i < groups.length) {
      let merge = false;
      for (const a of groups[i] ?? []) {
        if (merge) break;
        for (const [b, x] of edges) {
          if (x === a && end.has(b)) for (const e of end) if (!hasEdge(dfg, e, a)) merge = true;
        }
      }
      if (merge) {
        groups[0] = union(groups[0] as Set<number>, groups[i] as Set<number>);
        groups.splice(i, 1);
        continue;
      }
      i++;
    }
    groups = groups.filter((g) => g.size > 0);
    return groups.length > 1 ? groups : null;
  }

  private findCut(dfg: Dfg): Cut | null {
    const xor = this.xorCut(dfg);
    if (xor) return { operator: 'xor', groups: xor };
    const sequence = this.strictSequenceCut(dfg);
    if (sequence) return { operator: 'sequence', groups: sequence };
    const parallel = this.concurrencyCut(dfg);
    if (parallel) return { operator: 'parallel', groups: parallel };
    const loop = this.loopCut(dfg);
    if (loop) return { operator: 'loop', groups: loop };
    return null;
  }

  // ---- projections ------------------------------------------------------------------------

  private project(log: Uvcl, cut: Cut): Uvcl[] {
    switch (cut.operator) {
      case 'xor':
        return this.projectXor(log, cut.groups);
      case 'sequence':
        return this.projectSequence(log, cut.groups);
      case 'parallel':
        return cut.groups.map((g) => {
          const sub = new Uvcl();
          log.traces.forEach((t, i) => {
            sub.set(
              t.filter((a) => g.has(a)),
              log.counts[i] ?? 0,
            );
          });
          return sub;
        });
      case 'loop':
        return this.projectLoop(log, cut.groups);
    }
  }

  private projectXor(log: Uvcl, groups: Set<number>[]): Uvcl[] {
    const logs = groups.map(() => new Uvcl());
    log.traces.forEach((t, i) => {
      // The group holding most of the trace's events gets it; ties go to the later group.
      let best = 0;
      let bestCount = -1;
      groups.forEach((g, gi) => {
        let count = 0;
        for (const a of t) if (g.has(a)) count++;
        if (count >= bestCount) {
          best = gi;
          bestCount = count;
        }
      });
      const g = groups[best] as Set<number>;
      logs[best]?.add(
        t.filter((a) => g.has(a)),
        log.counts[i] ?? 0,
      );
    });
    return logs;
  }

  private projectSequence(log: Uvcl, groups: Set<number>[]): Uvcl[] {
    const logs = groups.map(() => new Uvcl());
    log.traces.forEach((t, ti) => {
      let splitPoint = 0;
      const done = new Set<number>();
      groups.forEach((g, i) => {
        let leastCost = 0;
        let position = splitPoint;
        let cost = 0;
        for (let k = splitPoint; k < t.length; k++) {
          const a = t[k] ?? 0;
          if (g.has(a)) cost--;
          else if (!done.has(a)) cost++;
          if (cost < leastCost) {
            leastCost = cost;
            position = k + 1;
          }
        }
        const sub: number[] = [];
        for (let k = splitPoint; k < position; k++) if (g.has(t[k] ?? -1)) sub.push(t[k] ?? 0);
        logs[i]?.add(sub, log.counts[ti] ?? 0);
        splitPoint = position;
        for (const a of g) done.add(a);
      });
    });
    return logs;
  }

  private projectLoop(log: Uvcl, groups: Set<number>[]): Uvcl[] {
    const doGroup = groups[0] as Set<number>;
    const redo = groups.slice(1);
    const redoActivities = new Set<number>();
    for (const g of redo) for (const a of g) redoActivities.add(a);
    const doLog = new Uvcl();
    const redoLogs = redo.map(() => new Uvcl());
    const addRedo = (trace: number[], count: number) => {
      let best = 0;
      let bestCount = -1;
      const set = new Set(trace);
      redo.forEach((g, gi) => {
        let n = 0;
        for (const a of set) if (g.has(a)) n++;
        if (n >= bestCount) {
          best = gi;
          bestCount = n;
        }
      });
      redoLogs[best]?.add(trace, count);
    };
    log.traces.forEach((t, i) => {
      const count = log.counts[i] ?? 0;
      let doTrace: number[] = [];
      let redoTrace: number[] = [];
      for (const a of t) {
        if (doGroup.has(a)) {
          doTrace.push(a);
          if (redoTrace.length > 0) {
            addRedo(redoTrace, count);
            redoTrace = [];
          }
        } else if (redoActivities.has(a)) {
          redoTrace.push(a);
          if (doTrace.length > 0) {
            doLog.add(doTrace, count);
            doTrace = [];
          }
        }
      }
      if (redoTrace.length > 0) addRedo(redoTrace, count);
      doLog.add(doTrace, count);
    });
    return [doLog, ...redoLogs];
  }

  // ---- fall-throughs ----------------------------------------------------------------------

  private withoutEmptyTraces(log: Uvcl): Uvcl {
    const rest = new Uvcl();
    log.traces.forEach((t, i) => {
      if (t.length > 0) rest.add(t, log.counts[i] ?? 0);
    });
    return rest;
  }

  private activityOncePerTrace(log: Uvcl): number | null {
    let candidates = [...log.alphabet()].sort(this.byName);
    for (const t of log.traces) {
      candidates = candidates.filter((c) => t.filter((a) => a === c).length === 1);
      if (candidates.length === 0) return null;
    }
    return candidates[0] ?? null;
  }

  private activityConcurrent(log: Uvcl): number | null {
    for (const candidate of [...log.alphabet()].sort(this.byName)) {
      const without = new Uvcl();
      log.traces.forEach((t, i) => {
        without.set(
          t.filter((a) => a !== candidate),
          log.counts[i] ?? 0,
        );
      });
      if (this.findCut(dfgOf(without))) return candidate;
    }
    return null;
  }

  private splitOnActivity(log: Uvcl, activity: number): ProcessTree {
    const only = new Uvcl();
    const others = new Uvcl();
    log.traces.forEach((t, i) => {
      only.add(
        t.filter((a) => a === activity),
        log.counts[i] ?? 0,
      );
      others.add(
        t.filter((a) => a !== activity),
        log.counts[i] ?? 0,
      );
    });
    return node('parallel', [this.mineTree(only), this.mineTree(others)]);
  }

  private tauLoopProjection(log: Uvcl, isStrict: boolean): Uvcl {
    const starts = new Set<number>();
    const ends = new Set<number>();
    for (const t of log.traces) {
      if (t.length === 0) continue;
      starts.add(t[0] ?? 0);
      ends.add(t[t.length - 1] ?? 0);
    }
    const projected = new Uvcl();
    log.traces.forEach((t, i) => {
      const count = log.counts[i] ?? 0;
      let x = 0;
      for (let k = 1; k < t.length; k++) {
        if (starts.has(t[k] ?? -1) && (!isStrict || ends.has(t[k - 1] ?? -1))) {
          projected.add(t.slice(x, k), count);
          x = k;
        }
      }
      projected.add(t.slice(x), count);
    });
    return projected;
  }

  private fallThrough(log: Uvcl): ProcessTree {
    if (log.hasEmptyTrace()) {
      const rest = this.withoutEmptyTraces(log);
      return rest.size > 0 ? node('xor', [leaf(null), this.mineTree(rest)]) : leaf(null);
    }
    const once = this.activityOncePerTrace(log);
    if (once !== null) return this.splitOnActivity(log, once);
    const concurrent = this.activityConcurrent(log);
    if (concurrent !== null) return this.splitOnActivity(log, concurrent);
    for (const isStrict of [true, false]) {
      const projected = this.tauLoopProjection(log, isStrict);
      if (projected.total() > log.total()) return node('loop', [this.mineTree(projected), leaf(null)]);
    }
    const flower = new Uvcl();
    for (const a of [...log.alphabet()].sort(this.byName)) flower.set([a], 1);
    return node('loop', [this.mineTree(flower), leaf(null)]);
  }

  // ---- recursion --------------------------------------------------------------------------

  private baseCase(log: Uvcl): ProcessTree | null {
    if (log.size === 0) return leaf(null);
    const only = log.traces[0];
    if (log.size === 1 && only && only.length <= 1) return leaf(only.length === 1 ? (this.names[only[0] ?? 0] ?? '') : null);
    return null;
  }

  private filteredDfg(dfg: Dfg): Dfg {
    const strongest = new Map<number, number>();
    for (const [a, row] of dfg.out) {
      let max = 0;
      for (const n of row.values()) max = Math.max(max, n);
      if (dfg.end.has(a)) max = Math.max(max, dfg.end.get(a) ?? 0);
      strongest.set(a, max);
    }
    const out = new Map<number, Map<number, number>>();
    for (const [a, row] of dfg.out) {
      const kept = new Map<number, number>();
      for (const [b, n] of row) if (n > this.noise * (strongest.get(a) ?? 0)) kept.set(b, n);
      if (kept.size > 0) out.set(a, kept);
    }
    return { out, start: dfg.start, end: dfg.end };
  }

  /** Mines a sub-log; only the second IMf pass can come back empty-handed, and it never recurses here. */
  mineTree(log: Uvcl): ProcessTree {
    return this.mine(log) ?? leaf(null);
  }

  /** Mines a variant log into a (not yet folded) tree; null only from the second IMf pass without a cut. */
  mine(input: Uvcl, isSecondIteration = false, dfgOverride?: Dfg): ProcessTree | null {
    let log = input;
    if (log.hasEmptyTrace()) {
      const rest = this.withoutEmptyTraces(log);
      if (this.noise <= 0) return rest.size > 0 ? node('xor', [leaf(null), this.mineTree(rest)]) : leaf(null);
      const dropped = log.total() - rest.total();
      if (rest.size > 0 && dropped > this.noise * log.total()) return node('xor', [leaf(null), this.mineTree(rest)]);
      if (rest.size === 0) return leaf(null);
      log = rest;
    }
    const base = this.baseCase(log);
    if (base) return base;
    const dfg = dfgOverride ?? dfgOf(log);
    const cut = this.findCut(dfg);
    if (cut) {
      return node(
        cut.operator,
        this.project(log, cut).map((sub) => this.mineTree(sub)),
      );
    }
    if (this.noise > 0) {
      if (isSecondIteration) return null;
      const retry = this.mine(log, true, this.filteredDfg(dfgOf(log)));
      if (retry) return retry;
    }
    return this.fallThrough(log);
  }
}

/** Discovers a process tree with the inductive miner (IMf when `noiseThreshold` > 0). */
export function discoverInductive(log: EventLog, options: InductiveOptions = {}): ProcessTree {
  const uvcl = new Uvcl();
  for (const variant of getVariants(log).variants) uvcl.add(variant.activities, variant.count);
  const miner = new Miner(log.activityNames, options.noiseThreshold ?? 0);
  return foldTree(miner.mine(uvcl) ?? leaf(null));
}
