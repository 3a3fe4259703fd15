/** One run of a word diff: kept, inserted by the person, or deleted from the AI draft. */
export interface DiffPart {
  kind: 'same' | 'ins' | 'del';
  text: string;
}

/** Word-level diff (longest common subsequence) between the AI draft and the edited reply. */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = before.split(/(\s+)/).filter((t) => t.length > 0);
  const b = after.split(/(\s+)/).filter((t) => t.length > 0);
  // Long texts: fall back to a whole-text replacement rather than an O(n·m) table in the browser.
  if (a.length * b.length > 4_000_000)
    return [
      { kind: 'del', text: before },
      { kind: 'ins', text: after },
    ];
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      row[j] = a[i] === b[j] ? ((lcs[i + 1] as number[])[j + 1] ?? 0) + 1 : Math.max((lcs[i + 1] as number[])[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('same', a[i] as string);
      i++;
      j++;
    } else if (((lcs[i + 1] as number[])[j] ?? 0) >= ((lcs[i] as number[])[j + 1] ?? 0)) {
      push('del', a[i++] as string);
    } else {
      push('ins', b[j++] as string);
    }
  }
  while (i < a.length) push('del', a[i++] as string);
  while (j < b.length) push('ins', b[j++] as string);
  return parts;
}
