/**
 * Place/transition nets with weighted arcs, indexed by integers so that replay and alignments work
 * on arrays. Silent (invisible) transitions have `label === null`.
 */

export interface Place {
  id: string;
  name: string;
}

export interface Transition {
  id: string;
  /** Display name; for silent transitions the generated id-like name. */
  name: string;
  /** Activity label; null for a silent transition. */
  label: string | null;
}

/** An arc between a place and a transition; `toTransition` says which way it points. */
export interface Arc {
  place: number;
  transition: number;
  toTransition: boolean;
  weight: number;
}

/** A marking: tokens per place index. */
export type Marking = Map<number, number>;

export interface PetriNet {
  name: string;
  places: Place[];
  transitions: Transition[];
  arcs: Arc[];
}

/** A net with the markings a case starts and should end in. */
export interface AcceptingPetriNet {
  net: PetriNet;
  initialMarking: Marking;
  finalMarking: Marking;
}

/** Input and output arcs per transition and per place, in arc order. */
export interface NetIndex {
  /** Places consumed from by each transition, with weights. */
  preset: { place: number; weight: number }[][];
  /** Places produced into by each transition, with weights. */
  postset: { place: number; weight: number }[][];
  /** Transitions each place feeds. */
  placeOut: number[][];
  /** Transitions feeding each place. */
  placeIn: number[][];
}

/** Builds the arc index of a net. */
export function indexNet(net: PetriNet): NetIndex {
  const preset = net.transitions.map(() => [] as { place: number; weight: number }[]);
  const postset = net.transitions.map(() => [] as { place: number; weight: number }[]);
  const placeOut = net.places.map(() => [] as number[]);
  const placeIn = net.places.map(() => [] as number[]);
  for (const arc of net.arcs) {
    if (arc.toTransition) {
      preset[arc.transition]?.push({ place: arc.place, weight: arc.weight });
      placeOut[arc.place]?.push(arc.transition);
    } else {
      postset[arc.transition]?.push({ place: arc.place, weight: arc.weight });
      placeIn[arc.place]?.push(arc.transition);
    }
  }
  return { preset, postset, placeOut, placeIn };
}

/** Counts of places, transitions, silent transitions and arcs. */
export function netSize(net: PetriNet): { places: number; transitions: number; silentTransitions: number; arcs: number } {
  return {
    places: net.places.length,
    transitions: net.transitions.length,
    silentTransitions: net.transitions.filter((t) => t.label === null).length,
    arcs: net.arcs.length,
  };
}

/** Small helper for building nets in code (discovery, tests). */
export class PetriNetBuilder {
  readonly net: PetriNet;
  constructor(name = 'net') {
    this.net = { name, places: [], transitions: [], arcs: [] };
  }
  /** Adds a place and returns its index. */
  addPlace(id: string): number {
    this.net.places.push({ id, name: id });
    return this.net.places.length - 1;
  }
  /** Adds a transition (label null = silent) and returns its index. */
  addTransition(id: string, label: string | null): number {
    this.net.transitions.push({ id, name: label ?? id, label });
    return this.net.transitions.length - 1;
  }
  /** Adds an arc from a place to a transition. */
  placeToTransition(place: number, transition: number, weight = 1): void {
    this.net.arcs.push({ place, transition, toTransition: true, weight });
  }
  /** Adds an arc from a transition to a place. */
  transitionToPlace(transition: number, place: number, weight = 1): void {
    this.net.arcs.push({ place, transition, toTransition: false, weight });
  }
}
