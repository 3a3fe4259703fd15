import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { addressParagraphs, titleOf } from './address';
import { type IndexCache, openIndexCache } from './cache';
import { buildLexicalIndex, type LexicalIndex } from './lexical-index';
import { openPdfPages } from './read-pdf';
import { readDocxPages, readMarkdownPages, readPlainTextPages } from './read-text';
import type { DocumentParagraph, ExtractedFile, IndexProgress, SetDocument } from './types';

/** The file types a document set is read from. */
export const documentSetMediaTypes: Readonly<Record<string, string>> = {
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.txt': 'text/plain',
};

/** A folder of documents read, addressed and indexed, ready for questions and summaries. */
export interface DocumentSet {
  folder: string;
  documents: SetDocument[];
  /** Every paragraph of every readable document, in document order. */
  paragraphs: DocumentParagraph[];
  index: LexicalIndex;
  /** Files of other types found in the folder, not read. */
  skipped: string[];
  stats: {
    pages: number;
    paragraphs: number;
    /** Pages taken from the on-disk index. */
    resumedPages: number;
    /** Pages read from the files in this run. */
    extractedPages: number;
    elapsedMs: number;
    cacheDir: string | null;
    cacheWriteError: string | null;
  };
}

export interface IndexDocumentSetOptions {
  folder: string;
  /** Where `.ekspedit-index/` is kept; null keeps nothing on disk. Default: the folder itself. */
  cacheDir?: string | null;
  onProgress?: (progress: IndexProgress) => void;
  /** Stops between pages; what was read so far is in the cache, and the next run goes on from there. */
  signal?: AbortSignal;
  /** A half-read PDF is written to the cache every this many pages (and when stopped). */
  checkpointPages?: number;
}

/** Supported files of a folder and its subfolders (hidden ones, like the index itself, left out), sorted. */
export async function listDocumentFiles(folder: string): Promise<{ files: string[]; skipped: string[] }> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  const skipped: string[] = [];
  for (const e of entries) {
    if (!e.isFile()) continue;
    const rel = relative(folder, join(e.parentPath, e.name)).split(sep).join('/');
    if (rel.split('/').some((part) => part.startsWith('.') || part.startsWith('~$'))) continue;
    (documentSetMediaTypes[extname(e.name).toLowerCase()] ? files : skipped).push(rel);
  }
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return { files: files.sort(byName), skipped: skipped.sort(byName) };
}

// Lets a signal handler (Ctrl-C) run between pages: pdf.js work is otherwise a chain of promises.
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Entry {
  document: string;
  mediaType: string;
  file: ExtractedFile | null;
  /** Pages the cache already held. */
  resumed: number;
  error?: string;
}

/** Reads a non-PDF file whole (fast: no layout to analyse). */
async function extractWhole(mediaType: string, content: Uint8Array, sha256: string): Promise<ExtractedFile> {
  const read =
    mediaType === 'application/pdf'
      ? null
      : mediaType.includes('wordprocessingml')
        ? await readDocxPages(content)
        : mediaType === 'text/markdown'
          ? readMarkdownPages(new TextDecoder().decode(content))
          : readPlainTextPages(new TextDecoder().decode(content));
  if (!read) throw new Error('PDF files are read page by page');
  return { sha256, mediaType, title: null, pagination: read.pagination, pageCount: read.pages.length, pages: read.pages, complete: true };
}

/**
 * Reads every document of a folder into addressed paragraphs (document, page, paragraph) and
 * builds the lexical index. PDFs are read page by page with progress and an estimate of the time
 * left; each file's pages are kept in the on-disk index by content hash, so a second run, or a run
 * after a cancel or a crash, reads only what is not there yet.
 */
export async function indexDocumentSet(options: IndexDocumentSetOptions): Promise<DocumentSet> {
  const started = performance.now();
  const { signal, onProgress } = options;
  const checkpoint = options.checkpointPages ?? 20;
  const cache: IndexCache = openIndexCache(options.cacheDir === undefined ? options.folder : options.cacheDir);
  const { files, skipped } = await listDocumentFiles(options.folder);

  // Scan: hash every file, take what the cache has, read the small formats whole, count PDF pages.
  const entries: Entry[] = [];
  const contents = new Map<string, Uint8Array>();
  for (const [i, document] of files.entries()) {
    signal?.throwIfAborted();
    const mediaType = documentSetMediaTypes[extname(document).toLowerCase()] ?? 'text/plain';
    const entry: Entry = { document, mediaType, file: null, resumed: 0 };
    entries.push(entry);
    try {
      const content = new Uint8Array(await readFile(join(options.folder, document)));
      const sha256 = createHash('sha256').update(content).digest('hex');
      entry.file = await cache.get(sha256);
      entry.resumed = entry.file?.pages.length ?? 0;
      if (!entry.file?.complete) {
        if (mediaType === 'application/pdf') {
          if (!entry.file) {
            const pdf = await openPdfPages(content);
            entry.file = { sha256, mediaType, title: pdf.title, pagination: 'pdf', pageCount: pdf.pageCount, pages: [], complete: pdf.pageCount === 0 };
            await pdf.close();
          }
          contents.set(document, content);
        } else {
          entry.file = await extractWhole(mediaType, content, sha256);
          await cache.put(entry.file);
        }
      }
    } catch (error) {
      entry.file = null;
      entry.error = (error as Error).message;
    }
    onProgress?.({
      phase: 'scan',
      done: i + 1,
      total: files.length,
      fraction: (i + 1) / files.length,
      elapsedMs: performance.now() - started,
      etaMs: null,
      resumedPages: 0,
      document,
    });
  }

  // Extract: the PDF pages not yet read, one at a time.
  const total = entries.reduce((n, e) => n + (e.file?.pageCount ?? 0), 0);
  const resumedPages = entries.reduce((n, e) => n + e.resumed, 0);
  let done = entries.reduce((n, e) => n + (e.file?.pages.length ?? 0), 0);
  let extracted = 0;
  const extractStarted = performance.now();
  const report = (document?: string) => {
    const elapsed = performance.now() - extractStarted;
    // The rate of this run only: pages from the cache cost nothing and would flatter the estimate.
    const etaMs = extracted >= 3 ? ((total - done) * elapsed) / extracted : done === total ? 0 : null;
    onProgress?.({
      phase: 'extract',
      done,
      total,
      fraction: total ? done / total : 1,
      elapsedMs: performance.now() - started,
      etaMs,
      resumedPages,
      document,
    });
  };
  report();
  for (const entry of entries) {
    const file = entry.file;
    const content = contents.get(entry.document);
    if (!file || file.complete || !content) continue;
    signal?.throwIfAborted();
    let pdf: Awaited<ReturnType<typeof openPdfPages>> | null = null;
    let sinceCheckpoint = 0;
    try {
      pdf = await openPdfPages(content);
      while (file.pages.length < file.pageCount) {
        signal?.throwIfAborted();
        file.pages.push(await pdf.readPage(file.pages.length + 1));
        done++;
        extracted++;
        sinceCheckpoint++;
        if (sinceCheckpoint >= checkpoint) {
          await cache.put(file);
          sinceCheckpoint = 0;
        }
        report(entry.document);
        await yieldToEventLoop();
      }
      file.complete = true;
    } catch (error) {
      if (signal?.aborted) throw error;
      entry.error = (error as Error).message;
      // Pages read before the failure stay searchable; the rest of the file is left out.
      file.complete = true;
      file.pageCount = file.pages.length;
    } finally {
      // Whatever was read is kept, also when stopped half-way through the file.
      if (sinceCheckpoint > 0 || file.complete) await cache.put(file);
      await pdf?.close();
      contents.delete(entry.document);
    }
  }

  const documents: SetDocument[] = [];
  const paragraphs: DocumentParagraph[] = [];
  const titles: string[] = [];
  for (const e of entries) {
    if (!e.file) {
      documents.push({
        document: e.document,
        title: e.document,
        mediaType: e.mediaType,
        sha256: '',
        pages: 0,
        paragraphs: 0,
        pagination: 'pdf',
        status: 'unreadable',
        error: e.error,
      });
      continue;
    }
    const title = titleOf(e.document, e.file);
    const own = addressParagraphs(e.document, e.file);
    paragraphs.push(...own);
    for (let k = 0; k < own.length; k++) titles.push(title);
    documents.push({
      document: e.document,
      title,
      mediaType: e.mediaType,
      sha256: e.file.sha256,
      pages: e.file.pages.length,
      paragraphs: own.length,
      pagination: e.file.pagination,
      status: e.error && !own.length ? 'unreadable' : own.length ? 'ok' : 'no_text',
      ...(e.error ? { error: e.error } : {}),
    });
  }
  const index = buildLexicalIndex(paragraphs.map((p, i) => ({ text: p.text, heading: p.heading, title: titles[i] ?? '' })));
  return {
    folder: options.folder,
    documents,
    paragraphs,
    index,
    skipped,
    stats: {
      pages: documents.reduce((n, d) => n + d.pages, 0),
      paragraphs: paragraphs.length,
      resumedPages,
      extractedPages: extracted,
      elapsedMs: Math.round(performance.now() - started),
      cacheDir: cache.dir,
      cacheWriteError: cache.writeError,
    },
  };
}
