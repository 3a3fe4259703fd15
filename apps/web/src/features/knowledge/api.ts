import { apiRequest } from '../../api/client';

/** One passage of the knowledge base (a chunk of a source document or standard letter). */
export interface KbPassage {
  sourceId: string;
  chunkId: string;
  title: string;
  kind: string;
  headingPath: string;
  text: string;
  excerpt: string;
  page: number | null;
  paragraph: number | null;
  origin: string | null;
}

export interface KbHit extends KbPassage {
  score: number;
}

export interface KbSource {
  id: string;
  kind: string;
  title: string;
  unitId: string | null;
  kleCodes: string[];
  validFrom: string | null;
  validTo: string | null;
  origin: string | null;
  chunks: number;
}

export type KbUploadKind = 'document' | 'standard_letter';

/** The roles that may add sources to the knowledge base (the server checks the same list). */
export const rolesThatMayAddSources = ['caseworker', 'team_lead', 'secretariat', 'admin'] as const;

/** Chunk ids of the form `letter:<id>` name a standard letter, not a passage that can be opened. */
export function isPassageId(chunkId: string): boolean {
  return /^\d+$/.test(chunkId);
}

/** One passage with its full text. */
export function fetchChunk(chunkId: string, signal?: AbortSignal): Promise<{ chunk: KbPassage }> {
  return apiRequest(`/kb/chunks/${encodeURIComponent(chunkId)}`, { signal });
}

/** Full-text search in the knowledge base. */
export function searchKb(q: string, options: { kind?: KbUploadKind | ''; limit?: number; signal?: AbortSignal } = {}): Promise<{ items: KbHit[] }> {
  return apiRequest('/kb/search', { signal: options.signal, query: { q: q.trim(), limit: options.limit ?? 10, kind: options.kind || undefined } });
}

/** Every source in the knowledge base. */
export function fetchSources(signal?: AbortSignal): Promise<{ items: KbSource[] }> {
  return apiRequest('/kb/sources', { signal });
}

/** Uploads one file as a new source. */
export function uploadSource(
  file: File,
  meta: { kind: KbUploadKind; validFrom?: string; validTo?: string; unit?: string; kle?: string },
): Promise<{ source: { id: string; title: string; chunks: number } }> {
  return apiRequest('/kb/sources', {
    raw: { body: file, contentType: 'application/octet-stream' },
    query: { filename: file.name, kind: meta.kind, validFrom: meta.validFrom, validTo: meta.validTo, unit: meta.unit?.trim(), kle: meta.kle?.trim() },
  });
}

/** Imports one web page (within the server's allowed domains) as a source; the same URL again replaces it. */
export function addUrlSource(
  url: string,
  meta: { validFrom?: string; validTo?: string; unit?: string; kle?: string } = {},
): Promise<{ source: { id: string; title: string; chunks: number; url: string } }> {
  return apiRequest('/kb/urls', {
    json: { url: url.trim(), validFrom: meta.validFrom, validTo: meta.validTo, unit: meta.unit?.trim() || undefined, kle: meta.kle?.trim() || undefined },
  });
}
