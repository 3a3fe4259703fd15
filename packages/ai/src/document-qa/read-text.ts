import { htmlBlocks, markdownBlocks, plainTextBlocks } from '../knowledge/extract';
import type { DocumentBlock } from '../knowledge/types';
import type { Pagination, RawBlock, RawPage } from './types';

/**
 * Paragraphs per page when a file has no pages of its own. Eight paragraphs is roughly a printed
 * page of a memo or minutes; counting paragraphs (not characters) keeps a pseudo page stable when
 * a paragraph on another page is edited, and lets a reader find "page 4, paragraph 3" by counting:
 * it is paragraph (4 − 1) × 8 + 3 = 27 of the document.
 */
export const PSEUDO_PAGE_PARAGRAPHS = 8;

// Marks a Word page break inside the HTML that mammoth writes; a private-use character no document contains.
const pageBreak = '\uE000';

const toRaw = (b: DocumentBlock): RawBlock =>
  b.kind === 'heading' ? { kind: 'heading', level: b.level ?? 1, text: b.text.trim() } : { kind: 'paragraph', text: b.text.trim() };

/** Cuts blocks into pseudo pages of PSEUDO_PAGE_PARAGRAPHS paragraphs; a heading goes with the paragraph after it. */
export function pseudoPages(blocks: readonly RawBlock[]): RawPage[] {
  const pages: RawPage[] = [];
  let current: RawBlock[] = [];
  let paragraphs = 0;
  let pendingHeadings: RawBlock[] = [];
  for (const b of blocks) {
    if (!b.text) continue;
    if (b.kind === 'heading') {
      pendingHeadings.push(b);
      continue;
    }
    if (paragraphs === PSEUDO_PAGE_PARAGRAPHS) {
      pages.push({ blocks: current });
      current = [];
      paragraphs = 0;
    }
    current.push(...pendingHeadings, b);
    pendingHeadings = [];
    paragraphs++;
  }
  current.push(...pendingHeadings);
  if (current.length || !pages.length) pages.push({ blocks: current });
  return pages;
}

/** Splits blocks at page-break marks into pages; returns null when the text has none. */
function explicitPages(blocks: readonly DocumentBlock[]): RawPage[] | null {
  if (!blocks.some((b) => b.text.includes(pageBreak))) return null;
  const pages: RawPage[] = [{ blocks: [] }];
  for (const b of blocks) {
    const parts = b.text.split(pageBreak);
    for (const [i, part] of parts.entries()) {
      if (i > 0) pages.push({ blocks: [] });
      if (part.trim()) pages.at(-1)?.blocks.push(toRaw({ ...b, text: part }));
    }
  }
  // A break at the very end (or two in a row) leaves an empty page that was never printed with text.
  while (pages.length > 1 && !pages.at(-1)?.blocks.length) pages.pop();
  return pages;
}

/** Pages of a Word document: its explicit page breaks when it has any, otherwise pseudo pages. */
export async function readDocxPages(content: Uint8Array): Promise<{ pages: RawPage[]; pagination: Pagination }> {
  const mammoth = (await import('mammoth')).default;
  // mammoth drops page breaks unless a style map gives them an element; an <hr> becomes the marker.
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(content) }, { styleMap: ["br[type='page'] => hr"] });
  const blocks = htmlBlocks(`<body>${value.replace(/<hr\s*\/?>/g, pageBreak)}</body>`);
  const explicit = explicitPages(blocks);
  if (explicit) return { pages: explicit, pagination: 'explicit' };
  return { pages: pseudoPages(blocks.map(toRaw)), pagination: 'pseudo' };
}

/** Pages of a Markdown file: pseudo pages. */
export function readMarkdownPages(text: string): { pages: RawPage[]; pagination: Pagination } {
  return { pages: pseudoPages(markdownBlocks(text).map(toRaw)), pagination: 'pseudo' };
}

/** Pages of a text file: form feeds (as pdftotext writes them) are pages; otherwise pseudo pages. */
export function readPlainTextPages(text: string): { pages: RawPage[]; pagination: Pagination } {
  if (text.includes('\f')) {
    const pages = text.split('\f').map((p) => ({ blocks: plainTextBlocks(p).map(toRaw) }));
    while (pages.length > 1 && !pages.at(-1)?.blocks.length) pages.pop();
    return { pages, pagination: 'explicit' };
  }
  return { pages: pseudoPages(plainTextBlocks(text).map(toRaw)), pagination: 'pseudo' };
}
