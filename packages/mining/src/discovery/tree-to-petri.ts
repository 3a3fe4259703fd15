/**
 * Process tree → workflow net, built the way pm4py builds it (so nets have the same shape and
 * silent-transition names like `skip_`, `tauSplit_`, `init_loop_`): a choice shares its entry and exit
 * places, a parallel block gets a silent split and join, a loop gets a silent entry, a silent exit and a
 * silent back edge. Afterwards the same simple reductions fold away silent transitions that only
 * pass a token through one place.
 */
import type { AcceptingPetriNet, PetriNet } from '../petri/petri-net';
import type { ProcessTree } from './process-tree';

interface MutablePlace {
  id: string;
}
interface MutableTransition {
  id: string;
  label: string | null;
}
interface MutableArc {
  from: MutablePlace | MutableTransition;
  to: MutablePlace | MutableTransition;
}

class NetBuilder {
  readonly places: MutablePlace[] = [];
  readonly transitions: MutableTransition[] = [];
  arcs: MutableArc[] = [];
  private count = 0;
  private readonly isPlace = new WeakSet<object>();

  place(name?: string): MutablePlace {
    this.count++;
    const p = { id: name ?? `p_${this.count}` };
    this.places.push(p);
    this.isPlace.add(p);
    return p;
  }

  hidden(kind: string): MutableTransition {
    this.count++;
    const t = { id: `${kind}_${this.count}`, label: null };
    this.transitions.push(t);
    return t;
  }

  visible(label: string): MutableTransition {
    this.count++;
    const t = { id: `t_${this.count}`, label };
    this.transitions.push(t);
    return t;
  }

  arc(from: MutablePlace | MutableTransition, to: MutablePlace | MutableTransition): void {
    this.arcs.push({ from, to });
  }

  isPlaceNode(x: MutablePlace | MutableTransition): x is MutablePlace {
    return this.isPlace.has(x);
  }

  inArcs(x: object): MutableArc[] {
    return this.arcs.filter((a) => a.to === x);
  }

  outArcs(x: object): MutableArc[] {
    return this.arcs.filter((a) => a.from === x);
  }

  removeTransition(t: MutableTransition): void {
    this.transitions.splice(this.transitions.indexOf(t), 1);
    this.arcs = this.arcs.filter((a) => a.from !== t && a.to !== t);
  }

  removePlace(p: MutablePlace): void {
    this.places.splice(this.places.indexOf(p), 1);
    this.arcs = this.arcs.filter((a) => a.from !== p && a.to !== p);
  }
}

type Entity = MutablePlace | MutableTransition;

function addTree(b: NetBuilder, tree: ProcessTree, initial: Entity, final: Entity | null): MutablePlace {
  let initialPlace: MutablePlace;
  if (!b.isPlaceNode(initial)) {
    initialPlace = b.place();
    b.arc(initial, initialPlace);
  } else initialPlace = initial;
  let finalPlace: MutablePlace;
  if (final !== null && b.isPlaceNode(final)) finalPlace = final;
  else {
    finalPlace = b.place();
    if (final !== null) b.arc(finalPlace, final);
  }
  const children = tree.children;
  switch (tree.operator) {
    case null: {
      const t = tree.label === null ? b.hidden('skip') : b.visible(tree.label);
      b.arc(initialPlace, t);
      b.arc(t, finalPlace);
      break;
    }
    case 'xor':
      for (const c of children) addTree(b, c, initialPlace, finalPlace);
      break;
    case 'parallel': {
      const split = b.hidden('tauSplit');
      b.arc(initialPlace, split);
      const join = b.hidden('tauJoin');
      b.arc(join, finalPlace);
      for (const c of children) addTree(b, c, split, join);
      break;
    }
    case 'sequence': {
      let intermediate: MutablePlace = initialPlace;
      children.forEach((c, i) => {
        intermediate = addTree(b, c, intermediate, i === children.length - 1 ? finalPlace : null);
      });
      break;
    }
    case 'loop': {
      const loopStart = b.place();
      const initLoop = b.hidden('init_loop');
      b.arc(initialPlace, initLoop);
      b.arc(initLoop, loopStart);
      const back = b.hidden('loop');
      const [body, ...redos] = children;
      if (!body) break;
      if (redos.length === 0) {
        addTree(b, body, loopStart, finalPlace);
        b.arc(finalPlace, back);
        b.arc(back, loopStart);
      } else {
        const afterBody = addTree(b, body, loopStart, null);
        let afterRedo: MutablePlace | null = null;
        for (const redo of redos) afterRedo = addTree(b, redo, afterBody, afterRedo);
        addTree(b, { operator: null, label: null, children: [] }, afterBody, finalPlace);
        if (afterRedo) {
          b.arc(afterRedo, back);
          b.arc(back, loopStart);
        }
      }
      break;
    }
  }
  return finalPlace;
}

function firstLeafIsLoop(tree: ProcessTree, fromEnd: boolean): boolean {
  // pm4py's check_initial_loop / check_terminal_loop (the initial check descends with the terminal one).
  const c = fromEnd ? tree.children[tree.children.length - 1] : tree.children[0];
  if (!c || c.operator === null) return false;
  return c.operator === 'loop' || firstLeafIsLoop(c, true);
}

function loopAtEdge(tree: ProcessTree, fromEnd: boolean): boolean {
  if (tree.operator === 'loop') return true;
  const c = fromEnd ? tree.children[tree.children.length - 1] : tree.children[0];
  if (!c) return false;
  return c.operator === 'loop' || loopAtEdge(c, fromEnd);
}

function needsTau(tree: ProcessTree, fromEnd: boolean): boolean {
  return firstLeafIsLoop(tree, fromEnd) || loopAtEdge(tree, fromEnd) || tree.operator === 'xor' || tree.operator === 'parallel';
}

function reduce(b: NetBuilder): void {
  let hasChanged = true;
  while (hasChanged) {
    hasChanged = false;
    for (const t of b.transitions.filter((x) => x.label === null && b.inArcs(x).length === 1)) {
      const source = b.inArcs(t)[0]?.from as MutablePlace;
      const targets = b.outArcs(t).map((a) => a.to);
      const sourceIn = b.inArcs(source);
      if (sourceIn.length === 1 && b.outArcs(source).length === 1) {
        const sourceTransition = sourceIn[0]?.from as MutableTransition;
        b.removeTransition(t);
        b.removePlace(source);
        for (const p of targets) b.arc(sourceTransition, p);
        hasChanged = true;
        break;
      }
    }
  }
  hasChanged = true;
  while (hasChanged) {
    hasChanged = false;
    for (const t of b.transitions.filter((x) => x.label === null && b.outArcs(x).length === 1)) {
      const target = b.outArcs(t)[0]?.to as MutablePlace;
      const sources = b.inArcs(t).map((a) => a.from);
      const targetOut = b.outArcs(target);
      if (b.inArcs(target).length === 1 && targetOut.length === 1) {
        const targetTransition = targetOut[0]?.to as MutableTransition;
        b.removeTransition(t);
        b.removePlace(target);
        for (const p of sources) b.arc(p, targetTransition);
        hasChanged = true;
        break;
      }
    }
  }
}

/** Converts a process tree to an accepting workflow net (source place → sink place). */
export function treeToPetriNet(tree: ProcessTree): AcceptingPetriNet {
  const b = new NetBuilder();
  const source = b.place('source');
  const sink = b.place('sink');
  let initial: MutablePlace = source;
  if (needsTau(tree, false)) {
    initial = b.place();
    const tau = b.hidden('tau');
    b.arc(source, tau);
    b.arc(tau, initial);
  }
  let final: MutablePlace = sink;
  if (needsTau(tree, true)) {
    final = b.place();
    const tau = b.hidden('tau');
    b.arc(final, tau);
    b.arc(tau, sink);
  }
  addTree(b, tree, initial, final);
  reduce(b);
  for (const p of [...b.places]) {
    if (p === source || p === sink) continue;
    if (b.outArcs(p).length === 0 || b.inArcs(p).length === 0) b.removePlace(p);
  }
  const placeIndex = new Map(b.places.map((p, i) => [p, i]));
  const transitionIndex = new Map(b.transitions.map((t, i) => [t, i]));
  const net: PetriNet = {
    name: 'inductive',
    places: b.places.map((p) => ({ id: p.id, name: p.id })),
    transitions: b.transitions.map((t) => ({ id: t.id, name: t.label ?? t.id, label: t.label })),
    arcs: b.arcs.map((a) => {
      const toTransition = b.isPlaceNode(a.from);
      const place = placeIndex.get((toTransition ? a.from : a.to) as MutablePlace) ?? 0;
      const transition = transitionIndex.get((toTransition ? a.to : a.from) as MutableTransition) ?? 0;
      return { place, transition, toTransition, weight: 1 };
    }),
  };
  return {
    net,
    initialMarking: new Map([[placeIndex.get(source) ?? 0, 1]]),
    finalMarking: new Map([[placeIndex.get(sink) ?? 0, 1]]),
  };
}
