/**
 * Optimal alignments by A* over the synchronous product of a trace and an accepting Petri net, with
 * the standard costs: synchronous move 0, log move and visible model move 10,000, silent model move 1.
 * Fitness follows pm4py: per trace 1 − ⌊cost/10⁴⌋ / ⌊(10⁴·|trace| + bwc)/10⁴⌋ and for the log
 * 1 − Σcost / Σ(10⁴·|trace| + bwc), where bwc is the cost of aligning the empty trace. Because the
 * optimal cost is unique, any optimal aligner gives pm4py's figures.
 *
 * The heuristic (admissible and consistent) counts the remaining events whose activity no transition
 * structurally reachable from the current marking carries: each of them must become a log move. It is
 * far cheaper than pm4py's linear program per state, and on the nets the inductive miner finds it
 * keeps the search narrow.
 */
import type { EventLog } from '../log/event-log';
import { type AcceptingPetriNet, indexNet, type NetIndex } from '../petri/petri-net';
import { getVariants } from '../stats/variants';
import type { FitnessSummary } from './token-replay';

/** Cost of a log move or a visible model move. */
export const MOVE_COST = 10_000;
/** Cost of a silent model move. */
export const SILENT_COST = 1;

/** One step of an alignment: `log` or `model` is null for a model-only or log-only move. */
export interface AlignmentMove {
  log: string | null;
  /** Label of the fired transition; null for a log move, and for a silent transition its id in `transition`. */
  model: string | null;
  transition: string | null;
}

/** An optimal alignment of one trace. */
export interface TraceAlignment {
  cost: number;
  fitness: number;
  /** 10,000 × trace length + the cost of aligning the empty trace. */
  bestWorstCost: number;
  moves: AlignmentMove[];
  /** States taken off the open list (a measure of effort). */
  visited: number;
}

/** Alignments of every case plus the log-level summary. */
export interface AlignmentResult extends FitnessSummary {
  traces: TraceAlignment[];
}

/** A binary min-heap of state indexes ordered by f, then by trace progress (deeper first). */
class Heap {
  private readonly items: number[] = [];
  constructor(
    private readonly f: number[],
    private readonly depth: number[],
  ) {}
  get size(): number {
    return this.items.length;
  }
  private less(a: number, b: number): boolean {
    const fa = this.f[a] ?? 0;
    const fb = this.f[b] ?? 0;
    return fa < fb || (fa === fb && (this.depth[a] ?? 0) > (this.depth[b] ?? 0));
  }
  push(x: number): void {
    const items = this.items;
    items.push(x);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(items[i] ?? 0, items[parent] ?? 0)) break;
      [items[i], items[parent]] = [items[parent] ?? 0, items[i] ?? 0];
      i = parent;
    }
  }
  pop(): number {
    const items = this.items;
    const top = items[0] ?? -1;
    const last = items.pop() ?? -1;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && this.less(items[l] ?? 0, items[m] ?? 0)) m = l;
        if (r < items.length && this.less(items[r] ?? 0, items[m] ?? 0)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m] ?? 0, items[i] ?? 0];
        i = m;
      }
    }
    return top;
  }
}

/** A net prepared once for aligning many traces. */
export class Aligner {
  private readonly index: NetIndex;
  private readonly placeCount: number;
  private readonly labelId = new Map<string, number>();
  /** Label id of each transition; -1 for silent ones. */
  private readonly transitionLabel: Int32Array;
  /** Transitions carrying each label id. */
  private readonly transitionsOfLabel: number[][] = [];
  // The marking graph is explored lazily and shared by all traces aligned with this net.
  private readonly markingIds = new Map<string, number>();
  private readonly markingVectors: Uint8Array[] = [];
  private readonly markingSilentBound: number[] = [];
  private readonly markingBounds: (Float64Array | undefined)[] = [];
  private readonly markingSuccessors: (Int32Array | undefined)[] = [];
  private readonly initialId: number;
  private readonly finalId: number;
  private readonly placeDistance: Float64Array;
  /** Fewest silent transitions any run needs to carry a token from each place to the final marking. */
  private readonly silentDistance: Float64Array;
  /** Place potentials: a feasible solution of the marking equation's dual (see `potentials`). */
  private readonly potential: Float64Array;
  private bestWorstCostValue: number | undefined;

  constructor(private readonly model: AcceptingPetriNet) {
    const { net } = model;
    this.index = indexNet(net);
    this.placeCount = net.places.length;
    this.transitionLabel = new Int32Array(net.transitions.length);
    net.transitions.forEach((t, i) => {
      if (t.label === null) {
        this.transitionLabel[i] = -1;
        return;
      }
      let id = this.labelId.get(t.label);
      if (id === undefined) {
        id = this.labelId.size;
        this.labelId.set(t.label, id);
        this.transitionsOfLabel.push([]);
      }
      this.transitionLabel[i] = id;
      this.transitionsOfLabel[id]?.push(i);
    });
    this.silentDistance = this.distancesToFinal();
    this.potential = this.potentials();
    this.placeDistance = this.placeDistances();
    this.initialId = this.markingIdOf(this.toVector(model.initialMarking));
    this.finalId = this.markingIdOf(this.toVector(model.finalMarking));
  }

  /**
   * Potentials φ ≥ 0 per place with φ(final places) = 0 and, for every transition t,
   * Σ_{p ∈ •t} φ(p) ≤ cost(t) + Σ_{q ∈ t•} φ(q), where visible transitions cost 0 (they may be
   * synchronous). Then Σ M(p)·φ(p) never drops by more than a move costs and is 0 at the end: a
   * consistent lower bound on the silent moves to come, which — unlike the largest distance —
   * adds up the silent moves of parallel branches. This is a feasible point of the dual of pm4py's
   * state-equation LP, found by raising one place at a time to its largest feasible value.
   */
  private potentials(): Float64Array {
    const phi = new Float64Array(this.placeCount);
    const isFinal = new Uint8Array(this.placeCount);
    for (const p of this.model.finalMarking.keys()) isFinal[p] = 1;
    for (let sweep = 0; sweep < 200; sweep++) {
      let hasChanged = false;
      for (let p = this.placeCount - 1; p >= 0; p--) {
        if (isFinal[p]) continue;
        const outs = this.index.placeOut[p] ?? [];
        if (outs.length === 0) continue;
        let best = Number.POSITIVE_INFINITY;
        for (const t of outs) {
          let slack = (this.transitionLabel[t] ?? -1) < 0 ? SILENT_COST : 0;
          for (const { place, weight } of this.index.postset[t] ?? []) slack += weight * (phi[place] ?? 0);
          let selfWeight = 0;
          for (const { place, weight } of this.index.preset[t] ?? []) {
            if (place === p) selfWeight += weight;
            else slack -= weight * (phi[place] ?? 0);
          }
          best = Math.min(best, slack / Math.max(1, selfWeight));
        }
        if (best > (phi[p] ?? 0) + 1e-9 && Number.isFinite(best)) {
          phi[p] = best;
          hasChanged = true;
        }
      }
      if (!hasChanged) break;
    }
    // Costs are whole numbers, so the bound can be rounded down to an integer part per state later.
    return phi;
  }

  /**
   * Dijkstra backwards from the final places over the net's structure, a silent transition costing 1
   * and a visible one 0 (it might be a free synchronous move). Every marked place's token must travel
   * such a path before the run ends, so the largest distance over the marked places is a lower bound
   * on the silent moves still to come — and a place with no path at all marks a dead end.
   */
  private distancesToFinal(): Float64Array {
    const dist = new Float64Array(this.placeCount).fill(Number.POSITIVE_INFINITY);
    const queue: number[] = [];
    for (const p of this.model.finalMarking.keys()) {
      dist[p] = 0;
      queue.push(p);
    }
    // Few places: a simple label-correcting loop is plenty.
    while (queue.length > 0) {
      const q = queue.shift() as number;
      for (const t of this.index.placeIn[q] ?? []) {
        const cost = (this.transitionLabel[t] ?? -1) < 0 ? SILENT_COST : 0;
        const d = (dist[q] ?? 0) + cost;
        for (const { place } of this.index.preset[t] ?? []) {
          if (d < (dist[place] ?? 0)) {
            dist[place] = d;
            queue.push(place);
          }
        }
      }
    }
    return dist;
  }

  private toVector(marking: Map<number, number>): Uint8Array {
    const v = new Uint8Array(this.placeCount);
    for (const [p, n] of marking) v[p] = Math.min(255, n);
    return v;
  }

  private markingKey(m: Uint8Array): string {
    return String.fromCharCode(...m);
  }

  private isEnabled(t: number, m: Uint8Array): boolean {
    for (const { place, weight } of this.index.preset[t] ?? []) if ((m[place] ?? 0) < weight) return false;
    return true;
  }

  private fire(t: number, m: Uint8Array): Uint8Array {
    const next = m.slice();
    for (const { place, weight } of this.index.preset[t] ?? []) next[place] = (next[place] ?? 0) - weight;
    for (const { place, weight } of this.index.postset[t] ?? []) next[place] = Math.min(255, (next[place] ?? 0) + weight);
    return next;
  }

  /**
   * For each activity label, a lower bound on the silent moves needed to fire a transition with that
   * label from this marking and then finish: the cheapest token route to each of its input places
   * (the largest over the inputs) plus the cheapest route from its outputs to the final marking.
   * Infinity when no marked place leads there at all, so the event can only be a log move.
   */
  private labelBounds(m: Uint8Array): Float64Array {
    const bounds = new Float64Array(this.labelId.size).fill(Number.POSITIVE_INFINITY);
    const marked: number[] = [];
    for (let p = 0; p < this.placeCount; p++) if ((m[p] ?? 0) > 0) marked.push(p);
    const P = this.placeCount;
    const d = this.placeDistance;
    this.transitionLabel.forEach((label, t) => {
      if (label < 0) return;
      let reach = 0;
      for (const { place: q } of this.index.preset[t] ?? []) {
        let best = Number.POSITIVE_INFINITY;
        for (const p of marked) best = Math.min(best, d[p * P + q] ?? Number.POSITIVE_INFINITY);
        reach = Math.max(reach, best);
      }
      let finish = 0;
      for (const { place: q } of this.index.postset[t] ?? []) finish = Math.max(finish, this.silentDistance[q] ?? 0);
      bounds[label] = Math.min(bounds[label] ?? Number.POSITIVE_INFINITY, reach + finish);
    });
    return bounds;
  }

  /** Cheapest token route between every pair of places, a silent step costing 1 and a visible one 0. */
  private placeDistances(): Float64Array {
    const P = this.placeCount;
    const d = new Float64Array(P * P).fill(Number.POSITIVE_INFINITY);
    for (let p = 0; p < P; p++) d[p * P + p] = 0;
    this.index.preset.forEach((inputs, t) => {
      const cost = (this.transitionLabel[t] ?? -1) < 0 ? SILENT_COST : 0;
      for (const { place: p } of inputs) {
        for (const { place: q } of this.index.postset[t] ?? []) d[p * P + q] = Math.min(d[p * P + q] ?? Number.POSITIVE_INFINITY, cost);
      }
    });
    for (let k = 0; k < P; k++) {
      for (let i = 0; i < P; i++) {
        const ik = d[i * P + k] ?? Number.POSITIVE_INFINITY;
        if (ik === Number.POSITIVE_INFINITY) continue;
        for (let j = 0; j < P; j++) {
          const via = ik + (d[k * P + j] ?? Number.POSITIVE_INFINITY);
          if (via < (d[i * P + j] ?? 0)) d[i * P + j] = via;
        }
      }
    }
    return d;
  }

  /** Cost of aligning the empty trace: the cheapest run from the initial to the final marking. */
  bestWorstCost(): number {
    this.bestWorstCostValue ??= this.search([]).cost;
    return this.bestWorstCostValue;
  }

  /** Aligns one trace of activity labels optimally. */
  alignTrace(trace: readonly string[]): TraceAlignment {
    const result = this.search(trace);
    const bestWorstCost = MOVE_COST * trace.length + this.bestWorstCost();
    const denominator = Math.floor(bestWorstCost / MOVE_COST);
    const fitness = denominator > 0 ? 1 - Math.floor(result.cost / MOVE_COST) / denominator : 0;
    return { ...result, fitness, bestWorstCost };
  }

  /** Id of a marking in the shared marking graph, adding it when new. */
  private markingIdOf(m: Uint8Array): number {
    const key = this.markingKey(m);
    let id = this.markingIds.get(key);
    if (id === undefined) {
      id = this.markingVectors.length;
      this.markingIds.set(key, id);
      this.markingVectors.push(m);
      this.markingSilentBound.push(this.silentBound(m));
      this.markingBounds.push(undefined);
      this.markingSuccessors.push(undefined);
    }
    return id;
  }

  /** Lower bound on the silent moves left from a marking (largest distance or potential sum). */
  private silentBound(m: Uint8Array): number {
    let largest = 0;
    let sum = 0;
    for (let p = 0; p < this.placeCount; p++) {
      const tokens = m[p] ?? 0;
      if (tokens > 0) {
        largest = Math.max(largest, this.silentDistance[p] ?? 0);
        sum += tokens * (this.potential[p] ?? 0);
      }
    }
    return Math.max(largest, Math.floor(sum + 1e-9));
  }

  /** Enabled transitions of a marking and the markings they lead to, as pairs [t, next, t, next…]. */
  private successors(id: number): Int32Array {
    const cached = this.markingSuccessors[id];
    if (cached) return cached;
    const m = this.markingVectors[id] as Uint8Array;
    const pairs: number[] = [];
    for (let t = 0; t < this.transitionLabel.length; t++) {
      if (this.isEnabled(t, m)) pairs.push(t, this.markingIdOf(this.fire(t, m)));
    }
    const result = Int32Array.from(pairs);
    this.markingSuccessors[id] = result;
    return result;
  }

  private boundsOf(id: number): Float64Array {
    let bounds = this.markingBounds[id];
    if (!bounds) {
      bounds = this.labelBounds(this.markingVectors[id] as Uint8Array);
      this.markingBounds[id] = bounds;
    }
    return bounds;
  }

  private search(trace: readonly string[]): { cost: number; moves: AlignmentMove[]; visited: number } {
    const n = trace.length;
    const width = n + 1;
    const events = Int32Array.from(trace, (a) => this.labelId.get(a) ?? -1);
    const stateMarking: number[] = [];
    const position: number[] = [];
    const g: number[] = [];
    const f: number[] = [];
    const parent: number[] = [];
    const moveKind: number[] = []; // 0 log, 1 model, 2 sync
    const moveTransition: number[] = [];
    const closed = new Set<number>();
    const bestG = new Map<number, number>();
    const heap = new Heap(f, position);

    const heuristic = (marking: number, i: number): number => {
      const silent = this.markingSilentBound[marking] ?? 0;
      if (i >= n) return silent;
      const bounds = this.boundsOf(marking);
      let logMoves = 0;
      let perEvent = 0;
      for (let j = i; j < n; j++) {
        const label = events[j] ?? -1;
        const bound = label < 0 ? Number.POSITIVE_INFINITY : (bounds[label] ?? Number.POSITIVE_INFINITY);
        if (bound === Number.POSITIVE_INFINITY) logMoves++;
        else if (bound > perEvent) perEvent = Math.min(MOVE_COST, bound);
      }
      return logMoves * MOVE_COST + Math.max(silent, perEvent);
    };

    const push = (marking: number, i: number, cost: number, from: number, kind: number, t: number) => {
      const key = marking * width + i;
      const known = bestG.get(key);
      if (known !== undefined && known <= cost) return;
      const h = heuristic(marking, i);
      // A marked place with no way to the final marking: nothing from here can finish.
      if (h === Number.POSITIVE_INFINITY) return;
      // The per-event bound is admissible but not always consistent: a cheaper route reopens a state.
      closed.delete(key);
      bestG.set(key, cost);
      const id = stateMarking.length;
      stateMarking.push(marking);
      position.push(i);
      g.push(cost);
      f.push(cost + h);
      parent.push(from);
      moveKind.push(kind);
      moveTransition.push(t);
      heap.push(id);
    };

    push(this.initialId, 0, 0, -1, -1, -1);
    let visited = 0;
    while (heap.size > 0) {
      const s = heap.pop();
      const i = position[s] ?? 0;
      const marking = stateMarking[s] ?? 0;
      const key = marking * width + i;
      const cost = g[s] ?? 0;
      if (closed.has(key) || (bestG.get(key) ?? Number.POSITIVE_INFINITY) < cost) continue;
      closed.add(key);
      visited++;
      if (i === n && marking === this.finalId) return { cost, moves: this.moves(s, parent, moveKind, moveTransition, position, trace), visited };
      const label = i < n ? (events[i] ?? -1) : -2;
      const next = this.successors(marking);
      for (let k = 0; k < next.length; k += 2) {
        const t = next[k] ?? 0;
        const target = next[k + 1] ?? 0;
        const tl = this.transitionLabel[t] ?? -1;
        if (tl === label) push(target, i + 1, cost, s, 2, t);
        push(target, i, cost + (tl < 0 ? SILENT_COST : MOVE_COST), s, 1, t);
      }
      if (i < n) push(marking, i + 1, cost + MOVE_COST, s, 0, -1);
    }
    return { cost: Number.POSITIVE_INFINITY, moves: [], visited };
  }

  private moves(end: number, parent: number[], kind: number[], transition: number[], position: number[], trace: readonly string[]): AlignmentMove[] {
    const moves: AlignmentMove[] = [];
    const { transitions } = this.model.net;
    for (let s = end; (parent[s] ?? -1) >= 0; s = parent[s] ?? -1) {
      const k = kind[s] ?? 0;
      const t = transitions[transition[s] ?? -1];
      const logLabel = k === 1 ? null : (trace[(position[s] ?? 1) - 1] ?? null);
      moves.push({ log: logLabel, model: k === 0 ? null : (t?.label ?? null), transition: k === 0 ? null : (t?.id ?? null) });
    }
    return moves.reverse();
  }
}

/** Aligns every variant of a log once and summarises fitness as pm4py does. */
export function alignLog(log: EventLog, model: AcceptingPetriNet): AlignmentResult {
  const aligner = new Aligner(model);
  const { variants, variantOfCase } = getVariants(log);
  const perVariant = variants.map((v) => aligner.alignTrace(v.trace));
  const traces = Array.from(variantOfCase, (v) => perVariant[v] as TraceAlignment);
  let fit = 0;
  let sumFitness = 0;
  let sumCost = 0;
  let sumWorst = 0;
  for (const t of traces) {
    if (t.fitness === 1) fit++;
    sumFitness += t.fitness;
    sumCost += t.cost;
    sumWorst += t.bestWorstCost;
  }
  const n = traces.length;
  return {
    traces,
    logFitness: sumWorst > 0 ? 1 - sumCost / sumWorst : 0,
    averageTraceFitness: n > 0 ? sumFitness / n : 0,
    percentFittingTraces: n > 0 ? (100 * fit) / n : 0,
  };
}
