import type { DocumentBlock, DocumentChunk, ExtractedDocument } from './types';

/** Size bounds of a passage, in characters. */
export interface ChunkOptions {
  /** A passage is closed once it reaches this size (a block is never split below it). */
  targetChars: number;
  /** Blocks longer than this are split at sentence ends; lists and tables at item ends. */
  maxChars: number;
  /** Passages shorter than this are merged with the next block of the same section. */
  minChars: number;
}

export const defaultChunkOptions: ChunkOptions = { targetChars: 900, maxChars: 1600, minChars: 200 };

const separator = '\n\n';

/** The plain text of a document that chunk offsets index into: blocks joined by blank lines. */
export function documentText(doc: ExtractedDocument): string {
  return doc.blocks.map((b) => b.text).join(separator);
}

/** Splits an over-long block at sentence ends (paragraphs) or line ends (lists, tables). */
function splitLong(text: string, max: number, isLines: boolean): { text: string; offset: number }[] {
  if (text.length <= max) return [{ text, offset: 0 }];
  const pieces: { text: string; offset: number }[] = [];
  const boundary = isLines ? /\n/g : /(?<=[.!?])\s+(?=[\p{Lu}\d§"(])/gu;
  let start = 0;
  let lastCut = 0;
  for (const m of text.matchAll(boundary)) {
    const end = m.index;
    if (end - start > max && lastCut > start) {
      pieces.push({ text: text.slice(start, lastCut).trim(), offset: start });
      start = lastCut;
    }
    lastCut = end + m[0].length;
  }
  if (text.length - start > max && lastCut > start) {
    pieces.push({ text: text.slice(start, lastCut).trim(), offset: start });
    start = lastCut;
  }
  pieces.push({ text: text.slice(start).trim(), offset: start });
  return pieces.filter((p) => p.text.length > 0);
}

/**
 * Cuts a document into passages along its structure: each passage stays under one heading path,
 * paragraphs of a section are grouped up to the target size, and a list or table is kept whole
 * unless it alone exceeds the maximum, so that a rule and its enumerated conditions stay together.
 */
export function chunkDocument(doc: ExtractedDocument, options: Partial<ChunkOptions> = {}): DocumentChunk[] {
  const opts = { ...defaultChunkOptions, ...options };
  const chunks: DocumentChunk[] = [];
  const headings: { level: number; text: string }[] = [];
  let offset = 0;
  let paragraphNo = 0;
  let current: { parts: string[]; start: number; end: number; page: number | null; paragraph: number | null; path: string } | null = null;

  const close = () => {
    if (current?.parts.length) {
      chunks.push({
        ordinal: chunks.length,
        headingPath: current.path,
        text: current.parts.join(separator),
        charStart: current.start,
        charEnd: current.end,
        page: current.page,
        paragraph: current.paragraph,
      });
    }
    current = null;
  };
  const pathNow = () => headings.map((h) => h.text).join(' › ');

  const add = (block: DocumentBlock, text: string, start: number, paragraph: number) => {
    const path = pathNow();
    if (current && (current.path !== path || current.end - current.start + text.length > opts.targetChars) && current.end - current.start >= opts.minChars)
      close();
    if (current && current.path !== path) close();
    if (!current) current = { parts: [], start, end: start, page: block.page ?? null, paragraph, path };
    current.parts.push(text);
    current.end = start + text.length;
  };

  for (const block of doc.blocks) {
    const blockStart = offset;
    offset += block.text.length + separator.length;
    if (block.kind === 'heading') {
      close();
      const level = block.level ?? 1;
      while (headings.length && (headings.at(-1)?.level ?? 0) >= level) headings.pop();
      headings.push({ level, text: block.text.trim() });
      continue;
    }
    paragraphNo++;
    for (const piece of splitLong(block.text, opts.maxChars, block.kind !== 'paragraph')) {
      // A text offset of a piece: trimming may shift it by leading whitespace.
      const lead = block.text.slice(piece.offset).indexOf(piece.text);
      add(block, piece.text, blockStart + piece.offset + Math.max(0, lead), paragraphNo);
    }
  }
  close();
  return chunks;
}
