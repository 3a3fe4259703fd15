/** One node of KLE (KL's Emnesystematik): main group `07`, group `07.18` or subject `07.18.06`. */
export interface KleEntry {
  code: string;
  /** 1 = main group, 2 = group, 3 = subject. */
  level: 1 | 2 | 3;
  title: string;
  /** The code one level up; null for a main group. */
  parentCode: string | null;
  /** Words a text about this subject tends to use (OS2KLE, KLE-Online "stikord"). */
  keywords: string[];
  /** Guidance text (KLE-Online "vejledning"), when the source has it. */
  description: string | null;
  /** False when the source marks the node as expired (udgået). */
  isActive: boolean;
}

/** The source formats `kle import` understands. */
export type KleFormat = 'kle-online-xml' | 'os2kle' | 'os2agora-json';

const codePattern = /^\d{2}(\.\d{2}){0,2}$/;

/** True when the text is a KLE code of any level (07, 07.18, 07.18.06). */
export function isKleCode(code: string): boolean {
  return codePattern.test(code);
}

/** The level of a KLE code from its shape. */
export function kleLevel(code: string): 1 | 2 | 3 {
  const dots = code.split('.').length - 1;
  return dots === 0 ? 1 : dots === 1 ? 2 : 3;
}

/** The parent code (07.18.06 → 07.18 → 07 → null). */
export function kleParent(code: string): string | null {
  const i = code.lastIndexOf('.');
  return i < 0 ? null : code.slice(0, i);
}

/** The group (first two levels) of a code: 07.18.06 → 07.18; a main group stays itself. */
export function kleGroupOf(code: string): string {
  return code.split('.').slice(0, 2).join('.');
}

/** Counts per level, for import reports and tests. */
export function countKleLevels(entries: readonly KleEntry[]): { mainGroups: number; groups: number; subjects: number } {
  let mainGroups = 0;
  let groups = 0;
  let subjects = 0;
  for (const e of entries) {
    if (e.level === 1) mainGroups++;
    else if (e.level === 2) groups++;
    else subjects++;
  }
  return { mainGroups, groups, subjects };
}
