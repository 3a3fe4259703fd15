import type { IsoDate, KnowledgeHit, KnowledgeQuery, KnowledgeSearch, KnowledgeSourceKind, StandardLetter } from '@ekspedit/core';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../open';
import { knowledgeChunks, knowledgeSources } from '../schema';

/** A source to add to the knowledge base. */
export interface NewKnowledgeSource {
  kind: KnowledgeSourceKind;
  title: string;
  ownerId?: string | null;
  unitId?: string | null;
  kleCodes?: string[];
  validFrom?: IsoDate | null;
  validTo?: IsoDate | null;
  origin?: string | null;
  blobHash?: string | null;
  mediaType?: string | null;
  language?: string;
  /** Body of standard letters and approved replies. */
  body?: string | null;
  mergeFields?: string[];
  caseId?: string | null;
}

/** A passage of a new source. */
export interface NewKnowledgeChunk {
  ordinal: number;
  headingPath: string;
  text: string;
  charStart: number;
  charEnd: number;
  page: number | null;
  paragraph: number | null;
  embedding?: number[] | null;
}

/** A search that may carry the query's embedding for hybrid ranking. */
export interface KnowledgeRepositoryQuery extends KnowledgeQuery {
  embedding?: number[] | null;
  /** Cap on the passages the portable vector fallback compares in JS. */
  maxVectorCandidates?: number;
}

export interface KnowledgeSourceSummary {
  id: string;
  kind: KnowledgeSourceKind;
  title: string;
  unitId: string | null;
  kleCodes: string[];
  validFrom: string | null;
  validTo: string | null;
  origin: string | null;
  chunks: number;
}

interface ChunkRow {
  id: string | number;
  source_id: string;
  title: string;
  kind: string;
  heading_path: string;
  text: string;
  page: number | null;
  paragraph: number | null;
  char_start: number;
  char_end: number;
  origin: string | null;
  score: number | string;
}

const INSERT_BATCH = 500;
// Query words beyond this add little to ranking and make the pairwise tier quadratic.
const MAX_TERMS = 7;
// Matches ranked per tier; bounds the cost of common words on large corpora.
const CANDIDATES = 400;

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** Words of a query for tsquery building: letters and digits only, so no user text becomes operators. */
function queryTerms(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const seen = new Set<string>();
  for (const w of words) if (w.length > 1) seen.add(w);
  // Longer words carry more topic than short function words; Postgres drops stopwords itself.
  return [...seen].sort((a, b) => b.length - a.length).slice(0, MAX_TERMS);
}

/** Does the query use websearch syntax (quotes, "or", a leading minus)? Then it is passed as written. */
const usesOperators = (text: string) => /"|(^|\s)-\S|\s(or|OR)\s/.test(text);

/** A short excerpt of a passage around the first query word. */
function excerptOf(text: string, terms: string[], width = 240): string {
  const lower = text.toLowerCase();
  let at = -1;
  for (const t of terms) {
    const stem = t.slice(0, Math.max(4, t.length - 3));
    const i = lower.indexOf(stem);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (text.length <= width) return text;
  const start = Math.max(0, Math.max(at, 0) - 60);
  const cut = text.slice(start, start + width);
  return `${start > 0 ? '…' : ''}${cut.trim()}${start + width < text.length ? '…' : ''}`;
}

/** The knowledge base: sources and their passages, Danish full-text search, optional vectors, hybrid ranking. */
export function createKnowledgeRepository(db: Db) {
  const filters = (q: Pick<KnowledgeQuery, 'unitId' | 'kleCode' | 'kinds' | 'today'>): SQL => {
    const parts: SQL[] = [
      sql`s.is_active`,
      // Expired and not-yet-valid sources are never used.
      sql`(s.valid_to is null or s.valid_to >= ${q.today}::date)`,
      sql`(s.valid_from is null or s.valid_from <= ${q.today}::date)`,
    ];
    if (q.unitId) parts.push(sql`(s.unit_id is null or s.unit_id = ${q.unitId})`);
    if (q.kleCode) {
      parts.push(
        sql`(cardinality(s.kle_codes) = 0 or exists (select 1 from unnest(s.kle_codes) k where ${q.kleCode} = k or ${q.kleCode} like k || '.%' or k like ${q.kleCode} || '.%'))`,
      );
    }
    if (q.kinds?.length)
      parts.push(
        sql`s.kind in (${sql.join(
          q.kinds.map((k) => sql`${k}`),
          sql`, `,
        )})`,
      );
    return sql.join(parts, sql` and `);
  };

  const toHit = (r: ChunkRow, terms: string[]): KnowledgeHit => ({
    sourceId: r.source_id,
    chunkId: String(r.id),
    title: r.title,
    kind: r.kind as KnowledgeSourceKind,
    headingPath: r.heading_path,
    text: r.text,
    excerpt: excerptOf(r.text, terms),
    score: Number(r.score),
    page: r.page,
    paragraph: r.paragraph,
    charStart: r.char_start,
    charEnd: r.char_end,
    origin: r.origin,
  });

  /**
   * One full-text pass: rows matching `match`, ranked by cover density against `rank` over the
   * stored tsvector. Only the first CANDIDATES matches are ranked: the tiers put the most specific
   * matches first, and this bounds a query's cost on millions of passages.
   */
  async function fullText(match: string, rank: string, q: KnowledgeQuery, limit: number, exclude: string[]): Promise<ChunkRow[]> {
    const notIn = exclude.length
      ? sql`and c.id not in (${sql.join(
          exclude.map((id) => sql`${Number(id)}`),
          sql`, `,
        )})`
      : sql``;
    const result = await db.execute(sql`
      with candidates as materialized (
        select c.id from knowledge_chunks c join knowledge_sources s on s.id = c.source_id
        where c.tsv @@ websearch_to_tsquery('danish', ${match})
          and ${filters(q)} ${notIn}
        limit ${CANDIDATES}
      )
      select c.id, c.source_id, s.title, s.kind, c.heading_path, c.text, c.page, c.paragraph, c.char_start, c.char_end, s.origin,
             ts_rank_cd(c.tsv, websearch_to_tsquery('danish', ${rank}), 1) as score
      from candidates k
      join knowledge_chunks c on c.id = k.id
      join knowledge_sources s on s.id = c.source_id
      order by score desc, c.id
      limit ${limit}`);
    return rowsOf<ChunkRow>(result);
  }

  /**
   * Lexical search in tiers so that both quality and speed hold on large corpora: passages with all
   * query words first, then passages with any two, then any one. Each tier is an indexed GIN
   * lookup; later tiers run only when earlier ones found too little.
   */
  async function lexical(q: KnowledgeQuery, limit: number): Promise<KnowledgeHit[]> {
    const terms = queryTerms(q.text);
    if (!terms.length) return [];
    if (usesOperators(q.text)) return (await fullText(q.text, q.text, q, limit, [])).map((r) => toHit(r, terms));
    const anyOf = terms.join(' or ');
    const tiers = [terms.join(' ')];
    if (terms.length > 2) {
      const pairs: string[] = [];
      for (let i = 0; i < terms.length; i++) for (let j = i + 1; j < terms.length; j++) pairs.push(`${terms[i]} ${terms[j]}`);
      tiers.push(pairs.join(' or '));
    }
    if (terms.length > 1) tiers.push(anyOf);
    const found: ChunkRow[] = [];
    for (const tier of tiers) {
      if (found.length >= limit) break;
      found.push(
        ...(await fullText(
          tier,
          anyOf,
          q,
          limit - found.length,
          found.map((r) => String(r.id)),
        )),
      );
    }
    return found.map((r) => toHit(r, terms));
  }

  /** Cosine ranking over the `embedding real[]` column, computed in JS: portable (PGlite, PostgreSQL without pgvector). */
  async function vector(q: KnowledgeRepositoryQuery, limit: number): Promise<KnowledgeHit[]> {
    const embedding = q.embedding;
    if (!embedding?.length) return [];
    const result = await db.execute(sql`
      select c.id, c.source_id, s.title, s.kind, c.heading_path, c.text, c.page, c.paragraph, c.char_start, c.char_end, s.origin, 0 as score, c.embedding
      from knowledge_chunks c join knowledge_sources s on s.id = c.source_id
      where c.embedding is not null and ${filters(q)}
      limit ${q.maxVectorCandidates ?? 50_000}`);
    const terms = queryTerms(q.text);
    const norm = Math.sqrt(embedding.reduce((s, x) => s + x * x, 0)) || 1;
    return rowsOf<ChunkRow & { embedding: number[] }>(result)
      .map((r) => {
        let dot = 0;
        let nb = 0;
        const e = r.embedding;
        for (let i = 0; i < e.length; i++) {
          dot += (e[i] ?? 0) * (embedding[i] ?? 0);
          nb += (e[i] ?? 0) ** 2;
        }
        return { r, score: nb ? dot / (norm * Math.sqrt(nb)) : 0 };
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map(({ r, score }) => toHit({ ...r, score }, terms));
  }

  return {
    /**
     * Adds a source and its passages in one transaction; returns the source id. With
     * `replaceSameOrigin`, active sources of the same kind and origin (an earlier import of the same
     * URL) are deactivated in the same transaction: search no longer finds them, old citations still open.
     */
    async addSource(
      source: NewKnowledgeSource,
      chunks: NewKnowledgeChunk[],
      options: { replaceSameOrigin?: boolean } = {},
    ): Promise<{ id: string; chunks: number; replaced: number }> {
      return db.transaction(async (tx) => {
        let replaced = 0;
        if (options.replaceSameOrigin && source.origin) {
          const old = await tx
            .update(knowledgeSources)
            .set({ isActive: false, updatedAt: new Date() })
            .where(and(eq(knowledgeSources.kind, source.kind), eq(knowledgeSources.origin, source.origin), eq(knowledgeSources.isActive, true)))
            .returning({ id: knowledgeSources.id });
          replaced = old.length;
        }
        const [row] = await tx
          .insert(knowledgeSources)
          .values({
            kind: source.kind,
            title: source.title,
            ownerId: source.ownerId ?? null,
            unitId: source.unitId ?? null,
            kleCodes: source.kleCodes ?? [],
            validFrom: source.validFrom ?? null,
            validTo: source.validTo ?? null,
            origin: source.origin ?? null,
            blobHash: source.blobHash ?? null,
            mediaType: source.mediaType ?? null,
            language: source.language ?? 'da',
            body: source.body ?? null,
            mergeFields: source.mergeFields ?? [],
            caseId: source.caseId ?? null,
          })
          .returning({ id: knowledgeSources.id });
        if (!row) throw new Error('knowledge source insert returned no row');
        for (let i = 0; i < chunks.length; i += INSERT_BATCH) {
          await tx.insert(knowledgeChunks).values(
            chunks.slice(i, i + INSERT_BATCH).map((c) => ({
              sourceId: row.id,
              ordinal: c.ordinal,
              headingPath: c.headingPath,
              text: c.text,
              charStart: c.charStart,
              charEnd: c.charEnd,
              page: c.page,
              paragraph: c.paragraph,
              embedding: c.embedding ?? null,
            })),
          );
        }
        return { id: row.id, chunks: chunks.length, replaced };
      });
    },

    /** Ranked passages: full-text, or full-text and vectors fused by reciprocal rank when an embedding is given. */
    async search(q: KnowledgeRepositoryQuery): Promise<KnowledgeHit[]> {
      const limit = Math.min(Math.max(q.limit ?? 10, 1), 100);
      if (q.mode !== 'hybrid' || !q.embedding?.length) return lexical(q, limit);
      const depth = Math.max(limit * 5, 50);
      const [lex, vec] = await Promise.all([lexical(q, depth), vector(q, depth)]);
      const fused = new Map<string, { hit: KnowledgeHit; score: number }>();
      for (const list of [lex, vec]) {
        list.forEach((hit, rank) => {
          const prev = fused.get(hit.chunkId);
          fused.set(hit.chunkId, { hit: prev?.hit ?? hit, score: (prev?.score ?? 0) + 1 / (60 + rank + 1) });
        });
      }
      return [...fused.values()]
        .sort((a, b) => b.score - a.score)
        .slice(0, limit)
        .map(({ hit, score }) => ({ ...hit, score: Math.round(score * 1e5) / 1e5 }));
    },

    /** Valid, active standard letters in scope. */
    async listStandardLetters(filter: { unitId?: string | null; kleCode?: string | null; today: IsoDate }): Promise<StandardLetter[]> {
      const result = await db.execute(sql`
        select s.id, s.title, s.body, s.merge_fields, s.unit_id, s.kle_codes from knowledge_sources s
        where s.kind = 'standard_letter' and s.body is not null and ${filters({ ...filter, kinds: undefined })}
        order by s.title`);
      return rowsOf<{ id: string; title: string; body: string; merge_fields: string[]; unit_id: string | null; kle_codes: string[] }>(result).map((r) => ({
        id: r.id,
        title: r.title,
        body: r.body,
        mergeFields: r.merge_fields,
        unitId: r.unit_id,
        kleCodes: r.kle_codes,
      }));
    },

    /** One passage by id (to open a citation), or null. */
    async findChunk(chunkId: string): Promise<KnowledgeHit | null> {
      if (!/^\d+$/.test(chunkId)) return null;
      const result = await db.execute(sql`
        select c.id, c.source_id, s.title, s.kind, c.heading_path, c.text, c.page, c.paragraph, c.char_start, c.char_end, s.origin, 1 as score
        from knowledge_chunks c join knowledge_sources s on s.id = c.source_id where c.id = ${Number(chunkId)}`);
      const row = rowsOf<ChunkRow>(result)[0];
      return row ? toHit(row, []) : null;
    },

    /** All active sources with their passage counts (replaced imports are left out). */
    async listSources(): Promise<KnowledgeSourceSummary[]> {
      const result = await db.execute(sql`
        select s.id, s.kind, s.title, s.unit_id, s.kle_codes, s.valid_from::text as valid_from, s.valid_to::text as valid_to, s.origin,
               (select count(*) from knowledge_chunks c where c.source_id = s.id)::int as chunks
        from knowledge_sources s where s.is_active order by s.created_at`);
      return rowsOf<{
        id: string;
        kind: string;
        title: string;
        unit_id: string | null;
        kle_codes: string[];
        valid_from: string | null;
        valid_to: string | null;
        origin: string | null;
        chunks: number;
      }>(result).map((r) => ({
        id: r.id,
        kind: r.kind as KnowledgeSourceKind,
        title: r.title,
        unitId: r.unit_id,
        kleCodes: r.kle_codes,
        validFrom: r.valid_from,
        validTo: r.valid_to,
        origin: r.origin,
        chunks: Number(r.chunks),
      }));
    },
  } satisfies KnowledgeSearch & Record<string, unknown>;
}

export type KnowledgeRepository = ReturnType<typeof createKnowledgeRepository>;
