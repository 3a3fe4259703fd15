import { type KleEntry, kleLevel, kleParent } from './types';

const linePattern = /^KLENummer='(\d{2}\.\d{2}\.\d{2})':KLETitel='(.*)':Keywords\[Weight\]=(.*)$/;
const general = / i almindelighed$/i;

/** A line of the OS2KLE file that could not be read. */
export class KleParseError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/**
 * Parses the OS2KLE keyword format: one subject per line,
 * `KLENummer='07.18.06':KLETitel='…':Keywords[Weight]=term[5];term[10];`.
 * The file lists subjects only; groups and main groups are derived, titled after their
 * "… i almindelighed" subject (07.18.00 names 07.18, 07.00.00 names 07), as KLE itself does.
 */
export function parseOs2Kle(text: string): KleEntry[] {
  const subjects: KleEntry[] = [];
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    const m = linePattern.exec(line);
    if (!m) throw new KleParseError(`Linje ${i + 1} er ikke i OS2KLE-formatet (KLENummer='…':KLETitel='…':Keywords[Weight]=…)`, i + 1);
    const [, code = '', title = '', rawKeywords = ''] = m;
    const keywords = [
      ...new Set(
        rawKeywords
          .split(';')
          .map((k) => k.replace(/\[\d+\]$/, '').trim())
          .filter((k) => k.length > 0),
      ),
    ];
    subjects.push({ code, level: 3, title: title.trim(), parentCode: kleParent(code), keywords, description: null, isActive: true });
  }
  return withDerivedParents(subjects);
}

/** Adds the groups and main groups that a list of subjects implies, titled from their general subject. */
export function withDerivedParents(subjects: KleEntry[]): KleEntry[] {
  const byCode = new Map(subjects.map((s) => [s.code, s]));
  const parents = new Map<string, KleEntry>();
  const titleOf = (code: string): string => {
    const level = kleLevel(code);
    const generalSubject = byCode.get(level === 2 ? `${code}.00` : `${code}.00.00`);
    if (generalSubject) return generalSubject.title.replace(general, '');
    // Main group 00 has no 00.00.00: it is named like its first group, as KLE names it.
    const firstChild = [...byCode.keys(), ...parents.keys()].filter((c) => kleParent(c) === code).sort()[0];
    return firstChild ? (byCode.get(firstChild)?.title ?? titleOf(firstChild)).replace(general, '') : `KLE ${code}`;
  };
  for (const level of [2, 1] as const) {
    for (const s of subjects) {
      const code = level === 2 ? s.parentCode : s.parentCode && kleParent(s.parentCode);
      if (!code || byCode.has(code) || parents.has(code)) continue;
      parents.set(code, { code, level, title: titleOf(code), parentCode: kleParent(code), keywords: [], description: null, isActive: true });
    }
  }
  return [...parents.values(), ...subjects].sort((a, b) => a.code.localeCompare(b.code));
}
