const roleWords =
  /^(?:formand(?:en)?|næstformand(?:en)?|borgmester(?:en)?|direktør(?:en)?|chef(?:en)?|sekretær(?:en)?|leder(?:en)?|rådmand(?:en)?|udvalgsformand(?:en)?)\s+/i;

/** A person's name as written in minutes: roles and parentheses off, spaces collapsed. */
export function cleanName(raw: string): string {
  return raw
    .replace(/\([^)]*\)/g, '')
    .replace(roleWords, '')
    .replace(/\s+/g, ' ')
    .replace(/[.,:;]+$/, '')
    .trim();
}

const firstNameOf = (name: string) => name.split(' ')[0]?.toLowerCase() ?? '';

/**
 * The people of a meeting: resolves a mention ("Mette", "Mette Kjær") to the full name of one
 * known participant; a first name shared by two participants resolves to nobody.
 */
export class MeetingPeople {
  private readonly names: string[] = [];

  constructor(names: readonly string[] = []) {
    for (const n of names) this.add(n);
  }

  /** Adds a full name (a speaker, an invited member); ignores duplicates and role labels. */
  add(raw: string): void {
    const name = cleanName(raw);
    if (!name || !/^\p{Lu}/u.test(name)) return;
    if (this.names.some((n) => n.toLowerCase() === name.toLowerCase())) return;
    // A first-name-only speaker label is replaced by the full name when that arrives.
    const partial = this.names.findIndex((n) => !n.includes(' ') && name.includes(' ') && firstNameOf(name) === n.toLowerCase());
    if (partial >= 0) this.names.splice(partial, 1, name);
    else if (!name.includes(' ') && this.names.some((n) => firstNameOf(n) === name.toLowerCase())) return;
    else this.names.push(name);
  }

  /** Every known full name, in the order first met. */
  all(): string[] {
    return [...this.names];
  }

  /** The full name a mention refers to, or null when unknown or ambiguous. */
  resolve(mention: string): string | null {
    const m = cleanName(mention).toLowerCase();
    if (!m) return null;
    const exact = this.names.find((n) => n.toLowerCase() === m);
    if (exact) return exact;
    const byFirst = this.names.filter((n) => firstNameOf(n) === m);
    if (byFirst.length === 1) return byFirst[0] ?? null;
    const byLast = this.names.filter((n) => n.toLowerCase().endsWith(` ${m}`));
    return byLast.length === 1 ? (byLast[0] ?? null) : null;
  }

  /** Known people named in a text, by full or first name, in order of appearance. */
  mentionedIn(text: string): string[] {
    const found: { name: string; at: number }[] = [];
    for (const n of this.names) {
      const full = new RegExp(`(?<![\\p{L}])${escapeRegExp(n)}(?![\\p{L}])`, 'iu').exec(text);
      const first = new RegExp(`(?<![\\p{L}])${escapeRegExp(n.split(' ')[0] ?? n)}(?![\\p{L}])`, 'u').exec(text);
      const hit = full ?? (this.resolve(n.split(' ')[0] ?? '') === n ? first : null);
      if (hit) found.push({ name: n, at: hit.index });
    }
    return found.sort((a, b) => a.at - b.at).map((f) => f.name);
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
