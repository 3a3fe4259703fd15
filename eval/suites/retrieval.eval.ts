/**
 * Retrieval quality of the knowledge base: ≥ 100 Danish citizen questions over a municipal
 * knowledge base (eval/datasets/knowledge-base, 36 documents), each with the section that answers
 * it. Reports recall@5 and MRR for full-text search ('danish' configuration, tiered AND → pairs →
 * OR) and for hybrid ranking with the local hashed character-n-gram embedding (no neural model).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createKnowledgeSearch, prepareSource } from '@ekspedit/ai';
import { createRepositories, openDatabase } from '@ekspedit/db';
import type { EvalSuite } from '../run';

const dataDir = fileURLToPath(new URL('../datasets/', import.meta.url));

interface Question {
  id: string;
  question: string;
  relevant: { file: string; heading: string }[];
}

/** Loads the knowledge base of eval/datasets into a fresh in-memory database. */
export async function loadEvalKnowledgeBase() {
  const handle = await openDatabase({ dataDir: null });
  await handle.migrate();
  const repos = createRepositories(handle.db);
  const files = readdirSync(`${dataDir}knowledge-base`)
    .filter((f) => f.endsWith('.md'))
    .sort();
  for (const file of files) {
    const prepared = await prepareSource({ filename: file, content: new Uint8Array(readFileSync(`${dataDir}knowledge-base/${file}`)) });
    await repos.knowledge.addSource({ kind: 'document', title: prepared.title, origin: file, mediaType: prepared.mediaType }, prepared.chunks);
  }
  return { handle, repos, files };
}

export const suite: EvalSuite = {
  name: 'Retrieval: recall@5 and MRR, lexical vs hybrid',
  async run(print) {
    const questions = readFileSync(`${dataDir}retrieval-questions.jsonl`, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Question);
    const { handle, repos, files } = await loadEvalKnowledgeBase();
    const results: Record<string, { recall: number; mrr: number; ms: number[] }> = {};
    try {
      for (const mode of ['lexical', 'hybrid'] as const) {
        const search = createKnowledgeSearch(repos.knowledge, { mode });
        let hits = 0;
        let rr = 0;
        const ms: number[] = [];
        for (const q of questions) {
          const t0 = performance.now();
          const found = await search.search({ text: q.question, limit: 5, today: '2026-05-01', mode });
          ms.push(performance.now() - t0);
          const rank = found.findIndex((h) =>
            q.relevant.some((r) => h.origin === r.file && (h.headingPath === r.heading || h.headingPath.endsWith(` › ${r.heading}`))),
          );
          if (rank >= 0) {
            hits++;
            rr += 1 / (rank + 1);
          }
        }
        results[mode] = { recall: hits / questions.length, mrr: rr / questions.length, ms };
      }
    } finally {
      await handle.close();
    }
    print(`${questions.length} questions, ${files.length} documents`);
    print('mode      recall@5  MRR    median ms');
    for (const [mode, r] of Object.entries(results)) {
      const sorted = [...r.ms].sort((a, b) => a - b);
      print(`${mode.padEnd(9)} ${r.recall.toFixed(3).padStart(8)}  ${r.mrr.toFixed(3)}  ${(sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(1)}`);
    }
    print('hybrid = full-text ranks fused (RRF, k=60) with a local hashed character-3–5-gram vector; not a neural embedding.');
    return { ok: (results.lexical?.recall ?? 0) >= 0.8 };
  },
};
