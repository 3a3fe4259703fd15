import { type ChunkOptions, chunkDocument } from './chunk';
import { hashedNgramEmbedding } from './embedding';
import { extractDocument } from './extract';
import type { DocumentChunk } from './types';

/** A source ready for the knowledge repository: its title, body (letters) and passages with local embeddings. */
export interface PreparedSource {
  title: string;
  mediaType: string;
  /** The full text, kept as the body of standard letters. */
  text: string;
  chunks: (DocumentChunk & { embedding: number[] })[];
  /** Merge fields found in the text, e.g. ["navn", "sagsnummer"]. */
  mergeFields: string[];
}

/** Merge fields such as {{navn}} in a standard letter. */
export function findMergeFields(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([\p{L}\p{N}_-]+)\s*\}\}/gu)].map((m) => (m[1] ?? '').toLowerCase()))];
}

/** Extracts, chunks and embeds (with the local hashed n-gram embedding) one uploaded file. */
export async function prepareSource(
  input: { filename: string; content: Uint8Array; mediaType?: string },
  options: Partial<ChunkOptions> = {},
): Promise<PreparedSource> {
  const doc = await extractDocument(input);
  const chunks = chunkDocument(doc, options).map((c) => ({ ...c, embedding: hashedNgramEmbedding(`${c.headingPath} ${c.text}`) }));
  const isText = doc.mediaType === 'text/markdown' || doc.mediaType === 'text/plain';
  // The title line is the letter's name in the library, not part of the letter that is sent.
  const blocks = doc.blocks[0]?.kind === 'heading' && doc.blocks[0].text === doc.title ? doc.blocks.slice(1) : doc.blocks;
  const text = isText
    ? new TextDecoder()
        .decode(input.content)
        .replace(/^\s*#\s+[^\n]*\n+/, '')
        .trim()
    : blocks.map((b) => b.text).join('\n\n');
  return { title: doc.title, mediaType: doc.mediaType, text, chunks, mergeFields: findMergeFields(text) };
}
