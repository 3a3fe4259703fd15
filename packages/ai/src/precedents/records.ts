import { type PrecedentRecord, precedentRecordSchema } from './types';

/**
 * Reads precedent records from JSON Lines ({id, date, asker, committee, question, answer} per
 * line); throws naming the first invalid line, since a register with a broken line is a broken register.
 */
export function parsePrecedentJsonl(text: string, source = 'input'): PrecedentRecord[] {
  const out: PrecedentRecord[] = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${source}:${i + 1}: not JSON`);
    }
    const parsed = precedentRecordSchema.safeParse(value);
    if (!parsed.success) throw new Error(`${source}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
    out.push(parsed.data);
  }
  return out;
}
