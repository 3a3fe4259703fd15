/**
 * Token-based replay with pm4py's semantics, step for step, so that fitness on the same net agrees
 * with pm4py to the last digit: silent transitions are fired along the shortest place-to-place paths
 * of silent transitions (depth-first, at most 50 deep), missing tokens are added when an event's
 * transition cannot be enabled, and at the end silent paths are tried towards the final marking.
 * Quirks kept on purpose: adding missing tokens adds the full arc weight, and whether a trace "fits" is
 * decided before the tokens missing from the final marking are counted.
 *
 * Markings are insertion-ordered Maps, like pm4py's Counter-based markings, because the order in
 * which places were marked decides which silent path is tried first.
 */
import type { EventLog } from '../log/event-log';
import { type AcceptingPetriNet, indexNet, type Marking, type NetIndex } from '../petri/petri-net';
import { getVariants } from '../stats/variants';

/** Replay outcome of one trace. */
export interface TraceReplayResult {
  isFit: boolean;
  fitness: number;
  missing: number;
  consumed: number;
  remaining: number;
  produced: number;
  /** Activities of the trace that no transition carries (skipped, as pm4py does). */
  activitiesNotInModel: string[];
}

/** Fitness figures of a whole log, named as the CLI prints them. */
export interface FitnessSummary {
  /** ½(1 − missing/consumed) + ½(1 − remaining/produced) over the whole log (token replay), or 1 − Σcost/Σworst cost (alignments). */
  logFitness: number;
  /** Mean of the per-trace fitness. */
  averageTraceFitness: number;
  /** Percentage (0–100) of traces that fit perfectly. */
  percentFittingTraces: number;
}

/** Per-trace results plus the log-level summary. */
export interface TokenReplayResult extends FitnessSummary {
  /** Result for each case of the log, in case order. */
  traces: TraceReplayResult[];
}

const MAX_REC_DEPTH = 50;
const MAX_REC_DEPTH_HIDDEN_ENABLING = 2;
const MAX_IT_FINAL1 = 5;
const MAX_IT_FINAL2 = 5;

type ShortestPaths = Map<number, Map<number, number[]>>;

/** A net prepared once for replaying many traces. */
export class TokenReplayer {
  private readonly index: NetIndex;
  private readonly paths: ShortestPaths;
  private readonly placeRank: Int32Array;
  private readonly transitionOfLabel = new Map<string, number>();
  private readonly labelOf: (string | null)[];
  private readonly consumedBy: number[];
  private readonly producedBy: number[];

  constructor(private readonly model: AcceptingPetriNet) {
    const { net } = model;
    this.index = indexNet(net);
    this.labelOf = net.transitions.map((t) => t.label);
    net.transitions.forEach((t, i) => {
      // Like pm4py's trans_map: the last transition with a label wins.
      if (t.label !== null) this.transitionOfLabel.set(t.label, i);
    });
    const order = net.places.map((_, i) => i).sort((a, b) => compare(net.places[a]?.name ?? '', net.places[b]?.name ?? ''));
    this.placeRank = new Int32Array(net.places.length);
    order.forEach((p, rank) => {
      this.placeRank[p] = rank;
    });
    this.consumedBy = this.index.preset.map((arcs) => arcs.reduce((sum, a) => sum + a.weight, 0));
    this.producedBy = this.index.postset.map((arcs) => arcs.reduce((sum, a) => sum + a.weight, 0));
    this.paths = this.shortestPathsByHidden();
  }

  private shortestPathsByHidden(): ShortestPaths {
    const paths: ShortestPaths = new Map();
    const visit = (origin: Map<number, number[]>, current: number, list: number[], depth: number) => {
      if (depth > MAX_REC_DEPTH) return;
      for (const t of this.index.placeOut[current] ?? []) {
        if (this.labelOf[t] !== null) continue;
        for (const { place: p2 } of this.index.postset[t] ?? []) {
          const known = origin.get(p2);
          if (known === undefined || list.length + 1 < known.length) {
            const next = [...list, t];
            origin.set(p2, next);
            visit(origin, p2, next, depth + 1);
          }
        }
      }
    };
    for (let p = 0; p < this.model.net.places.length; p++) {
      const origin = new Map<number, number[]>();
      paths.set(p, origin);
      visit(origin, p, [], 0);
    }
    return paths;
  }

  private isEnabled(t: number, marking: Marking): boolean {
    for (const { place, weight } of this.index.preset[t] ?? []) if ((marking.get(place) ?? 0) < weight) return false;
    return true;
  }

  private execute(t: number, marking: Marking): Marking {
    const next = new Map(marking);
    for (const { place, weight } of this.index.preset[t] ?? []) {
      const left = (next.get(place) ?? 0) - weight;
      if (left === 0) next.delete(place);
      else next.set(place, left);
    }
    for (const { place, weight } of this.index.postset[t] ?? []) next.set(place, (next.get(place) ?? 0) + weight);
    return next;
  }

  private sortedPlaces(places: Iterable<number>): number[] {
    return [...places].sort((a, b) => (this.placeRank[a] ?? 0) - (this.placeRank[b] ?? 0));
  }

  private silentPathsBetween(from: Iterable<number>, to: Iterable<number>): number[][] {
    const result: number[][] = [];
    const targets = this.sortedPlaces(to);
    for (const p1 of this.sortedPlaces(from)) {
      const reachable = this.paths.get(p1);
      if (!reachable) continue;
      for (const p2 of targets) {
        const path = reachable.get(p2);
        if (path) result.push(path);
      }
    }
    return result.sort((a, b) => a.length - b.length);
  }

  private placesWithMissing(t: number, marking: Marking): number[] {
    const places: number[] = [];
    for (const { place, weight } of this.index.preset[t] ?? []) if ((marking.get(place) ?? 0) < weight) places.push(place);
    return places;
  }

  private enableHiddenTransitions(state: HiddenState, groups: number[][], t: number): void {
    const cursor = groups.map(() => 0);
    for (let z = 0; z < 10_000_000; z++) {
      let hasChanged = false;
      const g = z % groups.length;
      const group = groups[g] ?? [];
      for (let k = cursor[g] ?? 0; k < group.length; k++) {
        const t3 = group[cursor[g] ?? 0] ?? -1;
        if (t3 !== t && this.isEnabled(t3, state.marking) && !state.visited.has(t3)) {
          state.marking = this.execute(t3, state.marking);
          state.fired.push(t3);
          state.visited.add(t3);
          hasChanged = true;
        }
        cursor[g] = (cursor[g] ?? 0) + 1;
        if (this.isEnabled(t, state.marking)) break;
      }
      if (this.isEnabled(t, state.marking)) break;
      if (!hasChanged) break;
    }
  }

  private applyHiddenTransitions(t: number, state: HiddenState, depth: number): void {
    if (depth >= MAX_REC_DEPTH_HIDDEN_ENABLING || state.visited.has(t)) return;
    state.visited.add(t);
    const missingPlaces = this.placesWithMissing(t, state.marking);
    let groups = this.silentPathsBetween(state.marking.keys(), missingPlaces);
    if (groups.length === 0) return;
    this.enableHiddenTransitions(state, groups, t);
    if (this.isEnabled(t, state.marking)) return;
    groups = this.silentPathsBetween(state.marking.keys(), missingPlaces);
    for (const group of groups) {
      for (const t4 of group) {
        if (t4 === t || state.visited.has(t4)) continue;
        if (!this.isEnabled(t4, state.marking)) this.applyHiddenTransitions(t4, state, depth + 1);
        if (this.isEnabled(t4, state.marking)) {
          state.marking = this.execute(t4, state.marking);
          state.fired.push(t4);
          state.visited.add(t4);
        }
      }
    }
    // pm4py recurses once more on t here, but t is already visited, so that call returns at once.
  }

  private reachesFinal(marking: Marking): boolean {
    for (const p of this.model.finalMarking.keys()) if (!marking.has(p)) return false;
    return true;
  }

  /** Replays one trace of activity labels. */
  replayTrace(trace: readonly string[]): TraceReplayResult {
    const { initialMarking, finalMarking } = this.model;
    let marking: Marking = new Map(initialMarking);
    let missing = 0;
    let consumed = 0;
    let produced = 0;
    for (const tokens of initialMarking.values()) produced += tokens;
    const notInModel: string[] = [];
    const transitionCount = this.labelOf.length;
    for (const activity of trace) {
      let t = this.transitionOfLabel.get(activity);
      if (t === undefined) {
        notInModel.push(activity);
        continue;
      }
      for (let candidate = 0; candidate < transitionCount; candidate++) {
        if (this.labelOf[candidate] === activity && this.isEnabled(candidate, marking)) {
          t = candidate;
          break;
        }
      }
      if (!this.isEnabled(t, marking)) {
        const state: HiddenState = { marking: new Map(marking), fired: [], visited: new Set() };
        this.applyHiddenTransitions(t, state, 0);
        for (const fired of state.fired) {
          consumed += this.consumedBy[fired] ?? 0;
          produced += this.producedBy[fired] ?? 0;
        }
        marking = state.marking;
      }
      if (!this.isEnabled(t, marking)) {
        for (const { place, weight } of this.index.preset[t] ?? []) {
          const have = marking.get(place) ?? 0;
          if (have < weight) {
            missing += weight - have;
            marking.set(place, have + weight);
          }
        }
      }
      consumed += this.consumedBy[t] ?? 0;
      produced += this.producedBy[t] ?? 0;
      if (this.isEnabled(t, marking)) marking = this.execute(t, marking);
    }

    for (let i = 0; i < MAX_IT_FINAL1; i++) {
      if (this.reachesFinal(marking)) break;
      for (const group of this.silentPathsBetween(marking.keys(), finalMarking.keys())) {
        for (const t of group) {
          if (this.isEnabled(t, marking)) {
            marking = this.execute(t, marking);
            consumed += this.consumedBy[t] ?? 0;
            produced += this.producedBy[t] ?? 0;
          }
        }
        if (this.reachesFinal(marking)) break;
      }
    }
    if (!this.reachesFinal(marking) && finalMarking.size === 1) {
      const sink = [...finalMarking.keys()][0] ?? -1;
      const connections: number[][] = [];
      for (const place of marking.keys()) {
        const path = this.paths.get(place)?.get(sink);
        if (path) connections.push(path);
      }
      connections.sort((a, b) => a.length - b.length);
      for (let i = 0; i < MAX_IT_FINAL2; i++) {
        for (const path of connections) {
          for (const t of path) {
            if (!this.isEnabled(t, marking)) break;
            marking = this.execute(t, marking);
            consumed += this.consumedBy[t] ?? 0;
            produced += this.producedBy[t] ?? 0;
          }
        }
      }
    }

    let missingFromFinal = 0;
    for (const [p, tokens] of finalMarking) {
      const diff = tokens - (marking.get(p) ?? 0);
      if (diff > 0) missingFromFinal += diff;
    }
    let remaining = 0;
    for (const [p, tokens] of marking) remaining += finalMarking.has(p) ? Math.max(0, tokens - (finalMarking.get(p) ?? 0)) : tokens;
    const isFit = missing === 0 && remaining === 0;
    for (const tokens of finalMarking.values()) consumed += tokens;
    missing += missingFromFinal;
    const fitness = consumed > 0 && produced > 0 ? 0.5 * (1 - missing / consumed) + 0.5 * (1 - remaining / produced) : 1;
    return { isFit, fitness, missing, consumed, remaining, produced, activitiesNotInModel: notInModel };
  }
}

interface HiddenState {
  marking: Marking;
  fired: number[];
  visited: Set<number>;
}

function compare(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Token-based replay of a log on an accepting Petri net; each variant is replayed once. */
export function replayLog(log: EventLog, model: AcceptingPetriNet): TokenReplayResult {
  const replayer = new TokenReplayer(model);
  const { variants, variantOfCase } = getVariants(log);
  const perVariant = variants.map((v) => replayer.replayTrace(v.trace));
  const traces = Array.from(variantOfCase, (v) => perVariant[v] as TraceReplayResult);
  let m = 0;
  let c = 0;
  let r = 0;
  let p = 0;
  let fit = 0;
  let sum = 0;
  for (const t of traces) {
    m += t.missing;
    c += t.consumed;
    r += t.remaining;
    p += t.produced;
    if (t.isFit) fit++;
    sum += t.fitness;
  }
  const n = traces.length;
  const hasFigures = n > 0 && c > 0 && p > 0;
  return {
    traces,
    logFitness: hasFigures ? 0.5 * (1 - m / c) + 0.5 * (1 - r / p) : 0,
    averageTraceFitness: hasFigures ? sum / n : 0,
    percentFittingTraces: hasFigures ? (100 * fit) / n : 0,
  };
}
