import { KleParseError } from './parse-os2kle';
import type { KleEntry } from './types';

interface AgoraNode {
  Number?: unknown;
  Title?: unknown;
  Name?: unknown;
  Groups?: unknown;
  Topics?: unknown;
}

function entry(node: AgoraNode, level: 1 | 2 | 3, parentCode: string | null): KleEntry {
  const code = typeof node.Number === 'string' ? node.Number : '';
  const title = typeof node.Title === 'string' ? node.Title : typeof node.Name === 'string' ? node.Name : '';
  if (!code || !title) throw new KleParseError(`KLE-knude uden nummer eller titel: ${JSON.stringify(node).slice(0, 80)}`);
  return { code, level, title, parentCode, keywords: [], description: null, isActive: true };
}

/** Parses OS2agora's KleHierarchyList.json: main groups with Groups, groups with Topics (titles only). */
export function parseOs2AgoraJson(text: string): KleEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    throw new KleParseError(`Filen er ikke gyldig JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(data)) throw new KleParseError('Forventede en JSON-liste af hovedgrupper');
  const out: KleEntry[] = [];
  for (const main of data as AgoraNode[]) {
    const m = entry(main, 1, null);
    out.push(m);
    for (const group of Array.isArray(main.Groups) ? (main.Groups as AgoraNode[]) : []) {
      const g = entry(group, 2, m.code);
      out.push(g);
      for (const topic of Array.isArray(group.Topics) ? (group.Topics as AgoraNode[]) : []) out.push(entry(topic, 3, g.code));
    }
  }
  return out;
}
