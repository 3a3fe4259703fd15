import { extname } from 'node:path';
import { type HTMLElement, type Node, parse } from 'node-html-parser';
import type { DocumentBlock, ExtractedDocument } from './types';

/** Media types the knowledge base accepts for upload. */
export const supportedMediaTypes = {
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.txt': 'text/plain',
} as const;

/** The media type of a file name, or null when the knowledge base cannot read it. */
export function mediaTypeFor(filename: string): string | null {
  return (supportedMediaTypes as Record<string, string>)[extname(filename).toLowerCase()] ?? null;
}

const stripBase = (filename: string) => filename.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');

/** Extracts the structure of an uploaded document (PDF, DOCX, HTML, Markdown, text). */
export async function extractDocument(input: { filename: string; content: Uint8Array; mediaType?: string }): Promise<ExtractedDocument> {
  const mediaType = input.mediaType ?? mediaTypeFor(input.filename) ?? 'text/plain';
  const fallbackTitle = stripBase(input.filename);
  let blocks: DocumentBlock[];
  if (mediaType === 'application/pdf') blocks = await extractPdf(input.content);
  else if (mediaType.includes('wordprocessingml')) blocks = await extractDocx(input.content);
  else {
    const text = new TextDecoder('utf-8').decode(input.content);
    if (mediaType === 'text/html') blocks = htmlBlocks(text);
    else if (mediaType === 'text/markdown') blocks = markdownBlocks(text);
    else blocks = plainTextBlocks(text);
  }
  const firstHeading = blocks.find((b) => b.kind === 'heading');
  return { title: firstHeading?.text ?? fallbackTitle, mediaType, blocks: blocks.filter((b) => b.text.trim().length > 0) };
}

// ── Markdown ────────────────────────────────────────────────────────────────────────────────

const listItem = /^\s*(?:[-*+•]|\d+[.)])\s+/;

/** Inline Markdown to plain text; link targets are kept, since links in sources are what drafts may cite. */
function inlineMarkdown(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_m, label: string, href: string) => (label === href ? href : `${label} (${href})`))
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])/g, '$1')
    .replace(/`([^`]+)`/g, '$1');
}

/** Blocks of a Markdown text: ATX headings, paragraphs, lists (kept whole) and tables. */
export function markdownBlocks(source: string): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let buffer: string[] = [];
  let kind: 'paragraph' | 'list' | 'table' | null = null;
  const flush = () => {
    if (buffer.length && kind) {
      const text = kind === 'paragraph' ? buffer.map((l) => l.trim()).join(' ') : buffer.map((l) => l.trimEnd()).join('\n');
      blocks.push({ kind, text: inlineMarkdown(text).trim() });
    }
    buffer = [];
    kind = null;
  };
  for (const line of lines) {
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: heading[1]?.length ?? 1, text: inlineMarkdown(heading[2] ?? '') });
      continue;
    }
    if (!line.trim()) {
      // A blank line inside a list does not end it when the next line continues the list.
      flush();
      continue;
    }
    const lineKind = listItem.test(line) ? 'list' : line.trim().startsWith('|') ? 'table' : 'paragraph';
    if (kind === 'list' && lineKind === 'paragraph' && /^\s{2,}/.test(line)) {
      buffer.push(line);
      continue;
    }
    if (kind !== lineKind) flush();
    kind = lineKind;
    if (lineKind === 'table' && /^\s*\|?\s*:?-{2,}/.test(line.replace(/\|/g, ''))) continue;
    buffer.push(
      lineKind === 'table'
        ? line
            .trim()
            .replace(/^\||\|$/g, '')
            .split('|')
            .map((c) => c.trim())
            .join(' | ')
        : line,
    );
  }
  flush();
  return blocks;
}

// ── Plain text ──────────────────────────────────────────────────────────────────────────────

/** A line that reads like a heading: short, capitalised, no closing punctuation. */
const looksLikeHeading = (line: string) => line.length <= 70 && /^[\p{Lu}\d§]/u.test(line) && !/[.,;:!?]$/.test(line) && line.split(/\s+/).length <= 9;

/** Blocks of plain text: blank lines separate blocks; short unpunctuated lines are headings. */
export function plainTextBlocks(source: string, page: number | null = null): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  const parts = source.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/);
  let seenHeading = false;
  for (const part of parts) {
    const lines = part
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (!lines.length) continue;
    const withPage = (b: DocumentBlock): DocumentBlock => (page === null ? b : { ...b, page });
    if (lines.length === 1 && looksLikeHeading(lines[0] ?? '')) {
      blocks.push(withPage({ kind: 'heading', level: seenHeading ? 2 : 1, text: lines[0] ?? '' }));
      seenHeading = true;
      continue;
    }
    // A heading line directly above its paragraph (no blank line between) is common in text exports.
    if (
      lines.length > 1 &&
      looksLikeHeading(lines[0] ?? '') &&
      !listItem.test(lines[0] ?? '') &&
      (lines[1]?.length ?? 0) > 0 &&
      /[.:!?]$/.test(lines.at(-1) ?? '')
    ) {
      blocks.push(withPage({ kind: 'heading', level: seenHeading ? 2 : 1, text: lines[0] ?? '' }));
      seenHeading = true;
      lines.shift();
    }
    if (lines.every((l) => listItem.test(l))) blocks.push(withPage({ kind: 'list', text: lines.join('\n') }));
    else blocks.push(withPage({ kind: 'paragraph', text: lines.join(' ') }));
  }
  return blocks;
}

// ── HTML and DOCX ───────────────────────────────────────────────────────────────────────────

const skipped = new Set(['script', 'style', 'nav', 'footer', 'header', 'noscript', 'template', 'svg', 'form', 'button', 'aside']);
const inlineText = (el: Node) => el.textContent.replace(/\s+/g, ' ').trim();

/** Text of an element with link targets kept after the link text. */
function textWithLinks(el: HTMLElement): string {
  let out = '';
  for (const child of el.childNodes) {
    if (child.nodeType === 3) out += child.textContent;
    else if (child.nodeType === 1) {
      const e = child as HTMLElement;
      const tag = e.tagName?.toLowerCase();
      if (tag === 'br') out += ' ';
      else if (tag === 'a') {
        const href = e.getAttribute('href') ?? '';
        const label = textWithLinks(e);
        out += /^(https?:|mailto:)/.test(href) && !label.includes(href.replace(/^mailto:/, '')) ? `${label} (${href.replace(/^mailto:/, '')})` : label;
      } else out += textWithLinks(e);
    }
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** Blocks of an HTML page: h1–h6, p, lists and tables; navigation, scripts and forms are dropped. */
export function htmlBlocks(html: string): DocumentBlock[] {
  const root = parse(html, { comment: false });
  const body = root.querySelector('main') ?? root.querySelector('article') ?? root.querySelector('body') ?? root;
  const blocks: DocumentBlock[] = [];
  const title = root.querySelector('title');
  const walk = (el: HTMLElement) => {
    for (const child of el.childNodes) {
      if (child.nodeType === 3) {
        const t = inlineText(child);
        if (t) blocks.push({ kind: 'paragraph', text: t });
        continue;
      }
      if (child.nodeType !== 1) continue;
      const e = child as HTMLElement;
      const tag = e.tagName?.toLowerCase() ?? '';
      if (skipped.has(tag)) continue;
      const h = /^h([1-6])$/.exec(tag);
      if (h) blocks.push({ kind: 'heading', level: Number(h[1]), text: inlineText(e) });
      else if (tag === 'p' || tag === 'blockquote' || tag === 'pre') blocks.push({ kind: 'paragraph', text: textWithLinks(e) });
      else if (tag === 'ul' || tag === 'ol') {
        const items = e.querySelectorAll('li').filter((li) => li.parentNode === e);
        blocks.push({ kind: 'list', text: items.map((li, i) => `${tag === 'ol' ? `${i + 1}.` : '-'} ${textWithLinks(li)}`).join('\n') });
      } else if (tag === 'table') {
        const rows = e.querySelectorAll('tr').map((tr) => tr.querySelectorAll('th,td').map(inlineText).join(' | '));
        blocks.push({ kind: 'table', text: rows.join('\n') });
      } else walk(e);
    }
  };
  walk(body as HTMLElement);
  if (title && !blocks.some((b) => b.kind === 'heading' && b.level === 1)) blocks.unshift({ kind: 'heading', level: 1, text: inlineText(title) });
  return blocks;
}

async function extractDocx(content: Uint8Array): Promise<DocumentBlock[]> {
  const mammoth = (await import('mammoth')).default;
  // mammoth maps Word's heading styles to h1–h6, which is the structure chunking needs.
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(content) });
  return htmlBlocks(`<body>${value}</body>`);
}

async function extractPdf(content: Uint8Array): Promise<DocumentBlock[]> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(content));
  const { text } = await extractText(pdf, { mergePages: false });
  const pages = Array.isArray(text) ? text : [text];
  return pages.flatMap((pageText, i) => plainTextBlocks(pageText, i + 1));
}
