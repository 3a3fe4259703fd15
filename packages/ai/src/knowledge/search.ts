import type { IsoDate, KnowledgeHit, KnowledgeQuery, KnowledgeSearch, StandardLetter } from '@ekspedit/core';
import { hashedNgramEmbedding } from './embedding';

/** What the knowledge repository offers (structurally; the ai package does not import db). */
export interface KnowledgeStore {
  search(query: KnowledgeQuery & { embedding?: number[] | null }): Promise<KnowledgeHit[]>;
  listStandardLetters(filter: { unitId?: string | null; kleCode?: string | null; today: IsoDate }): Promise<StandardLetter[]>;
}

/**
 * Knowledge search as core's port: full-text by default; with `hybrid` the query is embedded with
 * the local hashed n-gram embedding (or `embed`, an embedding endpoint) and fused with full-text ranks.
 */
export function createKnowledgeSearch(
  store: KnowledgeStore,
  options: { mode: 'lexical' | 'hybrid'; embed?: (text: string) => Promise<number[]> | number[] } = { mode: 'lexical' },
): KnowledgeSearch {
  const embed = options.embed ?? hashedNgramEmbedding;
  return {
    async search(query) {
      const mode = query.mode ?? options.mode;
      if (mode !== 'hybrid') return store.search({ ...query, mode: 'lexical' });
      return store.search({ ...query, mode: 'hybrid', embedding: await embed(query.text) });
    },
    listStandardLetters: (filter) => store.listStandardLetters(filter),
  };
}
