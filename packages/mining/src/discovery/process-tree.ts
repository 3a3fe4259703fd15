/** Process trees: sequence (->), exclusive choice (X), parallel (+) and loop (*) over activities and tau. */
export type TreeOperator = 'sequence' | 'xor' | 'parallel' | 'loop';

/** A node: an operator with children, or a leaf (activity label, or null for the silent tau). */
export interface ProcessTree {
  operator: TreeOperator | null;
  label: string | null;
  children: ProcessTree[];
}

/** A leaf for an activity, or tau when the label is null. */
export function leaf(label: string | null): ProcessTree {
  return { operator: null, label, children: [] };
}

/** An operator node. */
export function node(operator: TreeOperator, children: ProcessTree[] = []): ProcessTree {
  return { operator, label: null, children };
}

/** True for the silent leaf tau. */
export function isTau(tree: ProcessTree): boolean {
  return tree.operator === null && tree.label === null && tree.children.length === 0;
}

const SYMBOL: Record<TreeOperator, string> = { sequence: '->', xor: 'X', parallel: '+', loop: '*' };

/** Writes a tree in pm4py's notation, e.g. `->( 'a', X( 'b', tau ) )`. */
export function treeToString(tree: ProcessTree): string {
  if (tree.operator === null) return tree.label === null ? 'tau' : `'${tree.label}'`;
  return `${SYMBOL[tree.operator]}( ${tree.children.map(treeToString).join(', ')} )`;
}

/** Labels of all activity leaves. */
export function treeActivities(tree: ProcessTree): string[] {
  if (tree.operator === null) return tree.label === null ? [] : [tree.label];
  return tree.children.flatMap(treeActivities);
}

/**
 * Removes taus that change nothing: all of them under sequence/parallel when another child exists,
 * all but one under a choice, and a loop of taus only.
 */
function reduceTauLeaves(tree: ProcessTree): void {
  if (tree.children.length === 0) return;
  for (const c of tree.children) reduceTauLeaves(c);
  const silents = tree.children.filter(isTau).length;
  if (silents === 0) return;
  if (silents === tree.children.length) {
    if (tree.operator === 'loop') {
      if (tree.children.length === 2) tree.children = [];
    } else {
      // Keep one: a later reduction may need to know the part can be skipped.
      tree.children = tree.children.slice(0, 1);
    }
  } else if (tree.operator === 'sequence' || tree.operator === 'parallel') {
    tree.children = tree.children.filter((c) => !isTau(c));
  } else if (tree.operator === 'xor') {
    let isFirstTau = true;
    tree.children = tree.children.filter((c) => {
      if (!isTau(c)) return true;
      const keep = isFirstTau;
      isFirstTau = false;
      return keep;
    });
  }
}

function foldOnce(tree: ProcessTree): ProcessTree | null {
  reduceTauLeaves(tree);
  if (tree.children.length === 0) {
    // An operator whose children all vanished is meaningless.
    return tree.operator === null ? tree : null;
  }
  tree.children = tree.children.map(foldOnce).filter((c): c is ProcessTree => c !== null);
  if (tree.children.length === 0) return null;
  if (tree.children.length === 1) return tree.children[0] ?? null;
  if (tree.operator === 'sequence' || tree.operator === 'parallel') {
    tree.children = tree.children.filter((c) => !isTau(c));
    if (tree.children.length === 0) return leaf(null);
  }
  if (tree.operator === 'sequence' || tree.operator === 'xor' || tree.operator === 'parallel') {
    tree.children = tree.children.flatMap((c) => (c.operator === tree.operator ? c.children : [c]));
  }
  return tree;
}

/**
 * Simplifies a tree as pm4py's `fold` does: nested operators of the same kind merge (X(X(a,b),c) =
 * X(a,b,c)), operators with one child are replaced by it, and meaningless taus are dropped; repeated
 * until nothing changes.
 */
export function foldTree(tree: ProcessTree): ProcessTree {
  let current = structuredClone(tree);
  let text = treeToString(current);
  for (;;) {
    const next = foldOnce(current) ?? leaf(null);
    const nextText = treeToString(next);
    current = next;
    if (nextText === text) return current;
    text = nextText;
  }
}
