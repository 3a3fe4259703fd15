/**
 * Precedent search for politicians' questions: "has this been asked before, and what did we
 * answer?". 55 earlier questions with answers (eval/datasets/politician-questions/answered.jsonl)
 * and 44 new questions (new-questions.jsonl), 36 with their true precedent(s) and 8 that were never
 * asked before (NQ-35…NQ-44 were added after the engine was written and measured once, untuned). Reports recall@5 and MRR over the questions with a precedent, for full text alone
 * and hybrid (full text fused with the local hashed n-gram vector; not a neural embedding), and how
 * well the similarity tells "asked before" from "new": the share of new questions whose best hit
 * stays below the "possible" threshold, and of asked-before questions whose true precedent reaches it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildPrecedentIndex, POSSIBLE_PRECEDENT, parsePrecedentJsonl } from '@ekspedit/ai';
import type { EvalSuite } from '../run';

const dataDir = fileURLToPath(new URL('../datasets/politician-questions/', import.meta.url));

interface NewQuestion {
  id: string;
  question: string;
  precedents: string[];
}

export const suite: EvalSuite = {
  name: 'Precedents: recall@5 and MRR of earlier politicians’ questions',
  async run(print) {
    const records = parsePrecedentJsonl(readFileSync(`${dataDir}answered.jsonl`, 'utf8'), 'answered.jsonl');
    const questions = readFileSync(`${dataDir}new-questions.jsonl`, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as NewQuestion);
    const index = await buildPrecedentIndex(records);
    const withPrecedent = questions.filter((q) => q.precedents.length > 0);
    const without = questions.filter((q) => q.precedents.length === 0);
    print(`${records.length} earlier questions, ${withPrecedent.length} new questions with a precedent, ${without.length} without`);
    print('mode      recall@5  recall@1  MRR    found ≥ possible  new below possible');
    const results: Record<string, { recall: number; mrr: number }> = {};
    const misses: string[] = [];
    for (const mode of ['lexical', 'hybrid'] as const) {
      let hits = 0;
      let first = 0;
      let rr = 0;
      let confident = 0;
      for (const q of withPrecedent) {
        const found = await index.search(q.question, { limit: 5, mode });
        const rank = found.findIndex((h) => q.precedents.includes(h.id));
        if (rank >= 0) {
          hits++;
          rr += 1 / (rank + 1);
          if (rank === 0) first++;
          if ((found[rank]?.similarity ?? 0) >= POSSIBLE_PRECEDENT) confident++;
        } else if (mode === 'hybrid') misses.push(`${q.id} "${q.question}" → ${found.map((h) => h.id).join(', ')}`);
      }
      let quiet = 0;
      for (const q of without) {
        const [top] = await index.search(q.question, { limit: 1, mode });
        if (!top || top.similarity < POSSIBLE_PRECEDENT) quiet++;
        else if (mode === 'hybrid') misses.push(`${q.id} (no precedent) "${q.question}" → ${top.id} at ${top.similarity}`);
      }
      const n = withPrecedent.length;
      results[mode] = { recall: hits / n, mrr: rr / n };
      print(
        `${mode.padEnd(9)} ${(hits / n).toFixed(3).padStart(8)}  ${(first / n).toFixed(3).padStart(8)}  ${(rr / n).toFixed(3)}  ${(confident / n).toFixed(3).padStart(16)}  ${(quiet / Math.max(1, without.length)).toFixed(3).padStart(18)}`,
      );
    }
    for (const m of misses) print(`  miss: ${m}`);
    return { ok: (results.hybrid?.recall ?? 0) >= 0.85 && (results.hybrid?.mrr ?? 0) >= 0.7 };
  },
};
