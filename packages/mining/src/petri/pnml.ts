import { writeFile } from 'node:fs/promises';
import { MiningError } from '../errors';
import { readText } from '../log/input';
import { child, childrenNamed, escapeXml, parseXmlTree, type XmlElement } from '../util/xml';
import type { AcceptingPetriNet, Marking, PetriNet } from './petri-net';

function textOf(element: XmlElement | undefined): string | undefined {
  if (!element) return undefined;
  const text = child(element, 'text');
  return text ? text.text.trim() : undefined;
}

function isSilent(transition: XmlElement): boolean {
  for (const spec of childrenNamed(transition, 'toolspecific')) {
    const tool = spec.attributes.tool ?? '';
    if (tool.includes('ProM') && (spec.attributes.activity ?? '').includes('invisible')) return true;
    if (tool.includes('StochasticPetriNet')) {
      for (const property of spec.children) {
        if (property.attributes.key === 'invisible' && property.text.trim().toLowerCase() === 'true') return true;
      }
    }
  }
  return false;
}

/**
 * Parses PNML (the pnmlcoremodel grammar with ProM's `$invisible$` marker for silent transitions and
 * the `finalmarkings` element pm4py and ProM write). Like pm4py, a net without a final marking gets one
 * token in every place without outgoing arcs.
 */
export function parsePnml(text: string): AcceptingPetriNet {
  let root: XmlElement;
  try {
    root = parseXmlTree(text);
  } catch (error) {
    throw new MiningError('INVALID_PNML', `Not valid PNML: ${(error as Error).message}`, { cause: error });
  }
  const pnml = child(root, 'pnml');
  const netElement = pnml ? childrenNamed(pnml, 'net').at(-1) : undefined;
  if (!netElement) throw new MiningError('INVALID_PNML', 'PNML has no <net> element');
  const pages = childrenNamed(netElement, 'page');
  // Nodes may sit on one or more pages, or directly in the net.
  const containers = pages.length > 0 ? pages : [netElement];
  const net: PetriNet = { name: netElement.attributes.id ?? 'net', places: [], transitions: [], arcs: [] };
  const placeIndex = new Map<string, number>();
  const transitionIndex = new Map<string, number>();
  const initialMarking: Marking = new Map();
  for (const container of containers) {
    for (const element of container.children) {
      if (element.name !== 'place') continue;
      const id = element.attributes.id ?? `p${net.places.length}`;
      placeIndex.set(id, net.places.length);
      // pm4py names a place by its id; the <name> is only a display property.
      net.places.push({ id, name: id });
      const tokens = Number.parseInt(textOf(child(element, 'initialMarking')) ?? '0', 10);
      if (tokens > 0) initialMarking.set(net.places.length - 1, tokens);
    }
  }
  for (const container of containers) {
    for (const element of container.children) {
      if (element.name !== 'transition') continue;
      const id = element.attributes.id ?? `t${net.transitions.length}`;
      const name = textOf(child(element, 'name')) || id;
      transitionIndex.set(id, net.transitions.length);
      net.transitions.push({ id, name, label: isSilent(element) ? null : name });
    }
  }
  for (const container of containers) {
    for (const element of container.children) {
      if (element.name !== 'arc') continue;
      const source = element.attributes.source ?? '';
      const target = element.attributes.target ?? '';
      const weight = Number.parseInt(textOf(child(element, 'inscription')) ?? '1', 10) || 1;
      const fromPlace = placeIndex.get(source);
      const toPlace = placeIndex.get(target);
      const fromTransition = transitionIndex.get(source);
      const toTransition = transitionIndex.get(target);
      if (fromPlace !== undefined && toTransition !== undefined) {
        net.arcs.push({ place: fromPlace, transition: toTransition, toTransition: true, weight });
      } else if (fromTransition !== undefined && toPlace !== undefined) {
        net.arcs.push({ place: toPlace, transition: fromTransition, toTransition: false, weight });
      } else {
        throw new MiningError('INVALID_PNML', `Arc ${element.attributes.id ?? ''} does not join a place and a transition`);
      }
    }
  }
  let finalMarking: Marking | undefined;
  const finalMarkings = child(netElement, 'finalmarkings');
  const marking = finalMarkings ? child(finalMarkings, 'marking') : undefined;
  if (marking) {
    finalMarking = new Map();
    for (const place of childrenNamed(marking, 'place')) {
      const index = placeIndex.get(place.attributes.idref ?? '');
      const tokens = Number.parseInt(textOf(place) ?? '0', 10);
      if (index !== undefined && tokens > 0) finalMarking.set(index, tokens);
    }
  }
  if (!finalMarking) {
    finalMarking = new Map();
    const hasOutput = new Set(net.arcs.filter((a) => a.toTransition).map((a) => a.place));
    for (let p = 0; p < net.places.length; p++) if (!hasOutput.has(p)) finalMarking.set(p, 1);
  }
  return { net, initialMarking, finalMarking };
}

/** Reads a PNML file. */
export async function readPnml(path: string): Promise<AcceptingPetriNet> {
  return parsePnml(await readText(path));
}

/** Writes an accepting net as PNML that pm4py and ProM read back (silent transitions marked `$invisible$`). */
export function toPnml(model: AcceptingPetriNet): string {
  const { net, initialMarking, finalMarking } = model;
  const lines: string[] = [
    "<?xml version='1.0' encoding='UTF-8'?>",
    '<pnml>',
    `  <net id="${escapeXml(net.name)}" type="http://www.pnml.org/version-2009/grammar/pnmlcoremodel">`,
    `    <name>\n      <text>${escapeXml(net.name)}</text>\n    </name>`,
    '    <page id="n0">',
  ];
  net.places.forEach((place, p) => {
    lines.push(`      <place id="${escapeXml(place.id)}">`, `        <name>\n          <text>${escapeXml(place.name)}</text>\n        </name>`);
    const tokens = initialMarking.get(p);
    if (tokens) lines.push(`        <initialMarking>\n          <text>${tokens}</text>\n        </initialMarking>`);
    lines.push('      </place>');
  });
  for (const transition of net.transitions) {
    lines.push(`      <transition id="${escapeXml(transition.id)}">`, `        <name>\n          <text>${escapeXml(transition.name)}</text>\n        </name>`);
    if (transition.label === null) {
      lines.push(`        <toolspecific tool="ProM" version="6.4" activity="$invisible$" localNodeID="${escapeXml(transition.id)}"/>`);
    }
    lines.push('      </transition>');
  }
  net.arcs.forEach((arc, i) => {
    const place = escapeXml(net.places[arc.place]?.id ?? '');
    const transition = escapeXml(net.transitions[arc.transition]?.id ?? '');
    const [source, target] = arc.toTransition ? [place, transition] : [transition, place];
    const inscription = arc.weight === 1 ? '' : `\n        <inscription>\n          <text>${arc.weight}</text>\n        </inscription>\n      `;
    lines.push(
      inscription
        ? `      <arc id="a${i}" source="${source}" target="${target}">${inscription}</arc>`
        : `      <arc id="a${i}" source="${source}" target="${target}"/>`,
    );
  });
  lines.push('    </page>', '    <finalmarkings>', '      <marking>');
  for (const [p, tokens] of finalMarking) {
    lines.push(`        <place idref="${escapeXml(net.places[p]?.id ?? '')}">\n          <text>${tokens}</text>\n        </place>`);
  }
  lines.push('      </marking>', '    </finalmarkings>', '  </net>', '</pnml>', '');
  return lines.join('\n');
}

/** Writes an accepting net to a PNML file. */
export async function writePnml(path: string, model: AcceptingPetriNet): Promise<void> {
  await writeFile(path, toPnml(model), 'utf8');
}
