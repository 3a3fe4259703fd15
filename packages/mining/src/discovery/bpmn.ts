/**
 * Process tree → BPMN 2.0 XML. Each tree operator becomes a block: tasks for activities, a pair of
 * exclusive gateways for a choice, a pair of parallel gateways for concurrency, and for a loop an
 * exclusive join before the body and an exclusive split after it that either leaves or runs a redo
 * part back to the join. Tau adds no node, only a sequence flow. A simple left-to-right layout is
 * written as BPMN DI, so that modelling tools open the file with something on screen.
 */
import { escapeXml } from '../util/xml';
import type { ProcessTree } from './process-tree';

type NodeKind = 'startEvent' | 'endEvent' | 'task' | 'exclusiveGateway' | 'parallelGateway';

interface BpmnNode {
  id: string;
  kind: NodeKind;
  name?: string;
  x: number;
  y: number;
}

interface Fragment {
  entry: string;
  exit: string;
  width: number;
  height: number;
}

const STEP = 150;
const ROW = 110;

class BpmnBuilder {
  readonly nodes: BpmnNode[] = [];
  readonly flows: { id: string; source: string; target: string }[] = [];
  private count = 0;

  add(kind: NodeKind, x: number, y: number, name?: string): string {
    this.count++;
    const id = `${kind}_${this.count}`;
    this.nodes.push({ id, kind, name, x, y });
    return id;
  }

  flow(source: string, target: string): void {
    this.count++;
    this.flows.push({ id: `flow_${this.count}`, source, target });
  }

  /** Lays out and connects a subtree starting at column x, row y; null when it is only tau. */
  build(tree: ProcessTree, x: number, y: number): Fragment | null {
    if (tree.operator === null) {
      if (tree.label === null) return null;
      const id = this.add('task', x, y, tree.label);
      return { entry: id, exit: id, width: 1, height: 1 };
    }
    if (tree.operator === 'sequence') {
      let first: Fragment | null = null;
      let last: Fragment | null = null;
      let column = x;
      let height = 1;
      for (const child of tree.children) {
        const f = this.build(child, column, y);
        if (!f) continue;
        if (last) this.flow(last.exit, f.entry);
        first ??= f;
        last = f;
        column += f.width;
        height = Math.max(height, f.height);
      }
      return first && last ? { entry: first.entry, exit: last.exit, width: column - x, height } : null;
    }
    const isParallel = tree.operator === 'parallel';
    const gateway: NodeKind = isParallel ? 'parallelGateway' : 'exclusiveGateway';
    if (tree.operator === 'loop') {
      const join = this.add('exclusiveGateway', x, y);
      const [body, ...redos] = tree.children;
      const bodyFragment = body ? this.build(body, x + 1, y) : null;
      const bodyWidth = bodyFragment?.width ?? 0;
      const split = this.add('exclusiveGateway', x + 1 + bodyWidth, y);
      if (bodyFragment) {
        this.flow(join, bodyFragment.entry);
        this.flow(bodyFragment.exit, split);
      } else this.flow(join, split);
      let row = y + (bodyFragment?.height ?? 1);
      let width = bodyWidth;
      for (const redo of redos) {
        const f = this.build(redo, x + 1, row);
        if (f) {
          this.flow(split, f.entry);
          this.flow(f.exit, join);
          row += f.height;
          width = Math.max(width, f.width);
        } else this.flow(split, join);
      }
      return { entry: join, exit: split, width: width + 2, height: Math.max(1, row - y) };
    }
    const split = this.add(gateway, x, y);
    const fragments: (Fragment | null)[] = [];
    let row = y;
    let width = 0;
    for (const child of tree.children) {
      const f = this.build(child, x + 1, row);
      fragments.push(f);
      row += f?.height ?? 1;
      width = Math.max(width, f?.width ?? 0);
    }
    const join = this.add(gateway, x + 1 + width, y);
    for (const f of fragments) {
      if (f) {
        this.flow(split, f.entry);
        this.flow(f.exit, join);
      } else this.flow(split, join);
    }
    return { entry: split, exit: join, width: width + 2, height: Math.max(1, row - y) };
  }
}

function size(kind: NodeKind): { w: number; h: number } {
  if (kind === 'task') return { w: 100, h: 80 };
  if (kind === 'startEvent' || kind === 'endEvent') return { w: 36, h: 36 };
  return { w: 50, h: 50 };
}

/** Writes a process tree as a BPMN 2.0 process with diagram information. */
export function toBpmnXml(tree: ProcessTree, processName = 'Opdaget proces'): string {
  const b = new BpmnBuilder();
  const start = b.add('startEvent', 0, 0);
  const body = b.build(tree, 1, 0);
  const end = b.add('endEvent', 1 + (body?.width ?? 0), 0);
  if (body) {
    b.flow(start, body.entry);
    b.flow(body.exit, end);
  } else b.flow(start, end);
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const f of b.flows) {
    outgoing.set(f.source, [...(outgoing.get(f.source) ?? []), f.id]);
    incoming.set(f.target, [...(incoming.get(f.target) ?? []), f.id]);
  }
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"',
    '  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"',
    '  id="definitions" targetNamespace="https://ekspedit.dk/bpmn" exporter="Ekspedit">',
    `  <process id="process" name="${escapeXml(processName)}" isExecutable="false">`,
  ];
  for (const n of b.nodes) {
    const name = n.name === undefined ? '' : ` name="${escapeXml(n.name)}"`;
    const direction = n.kind.endsWith('Gateway')
      ? ` gatewayDirection="${(incoming.get(n.id)?.length ?? 0) > 1 ? 'Converging' : (outgoing.get(n.id)?.length ?? 0) > 1 ? 'Diverging' : 'Unspecified'}"`
      : '';
    lines.push(`    <${n.kind} id="${n.id}"${name}${direction}>`);
    for (const f of incoming.get(n.id) ?? []) lines.push(`      <incoming>${f}</incoming>`);
    for (const f of outgoing.get(n.id) ?? []) lines.push(`      <outgoing>${f}</outgoing>`);
    lines.push(`    </${n.kind}>`);
  }
  for (const f of b.flows) lines.push(`    <sequenceFlow id="${f.id}" sourceRef="${f.source}" targetRef="${f.target}"/>`);
  lines.push('  </process>', '  <bpmndi:BPMNDiagram id="diagram">', '    <bpmndi:BPMNPlane id="plane" bpmnElement="process">');
  const centre = new Map<string, { x: number; y: number }>();
  for (const n of b.nodes) {
    const { w, h } = size(n.kind);
    const cx = 60 + n.x * STEP;
    const cy = 60 + n.y * ROW;
    centre.set(n.id, { x: cx, y: cy });
    lines.push(
      `      <bpmndi:BPMNShape id="${n.id}_di" bpmnElement="${n.id}">`,
      `        <dc:Bounds x="${cx - w / 2}" y="${cy - h / 2}" width="${w}" height="${h}"/>`,
      '      </bpmndi:BPMNShape>',
    );
  }
  for (const f of b.flows) {
    const s = centre.get(f.source) ?? { x: 0, y: 0 };
    const t = centre.get(f.target) ?? { x: 0, y: 0 };
    lines.push(
      `      <bpmndi:BPMNEdge id="${f.id}_di" bpmnElement="${f.id}">`,
      `        <di:waypoint x="${s.x}" y="${s.y}"/>`,
      `        <di:waypoint x="${t.x}" y="${t.y}"/>`,
      '      </bpmndi:BPMNEdge>',
    );
  }
  lines.push('    </bpmndi:BPMNPlane>', '  </bpmndi:BPMNDiagram>', '</definitions>', '');
  return lines.join('\n');
}
