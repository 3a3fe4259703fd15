import type { GroundingFlag } from '../grounding';

/**
 * How a document's pages were found:
 * - `pdf`: the physical pages of the PDF (page 1 is the first page a viewer shows, whatever the printed number);
 * - `explicit`: page breaks written into the file (Word page breaks, form feeds in text);
 * - `pseudo`: no pages in the file (Word without page breaks, Markdown, text), so every
 *   PSEUDO_PAGE_PARAGRAPHS paragraphs make a page.
 */
export type Pagination = 'pdf' | 'explicit' | 'pseudo';

/** A block read from a page, before page furniture is removed and paragraphs are numbered. */
export interface RawBlock {
  kind: 'heading' | 'paragraph';
  text: string;
  /** Heading level 1–6 (headings only). */
  level?: number;
  /** A single short line at the top or bottom of a PDF page: a running header or footer candidate. */
  edge?: 'top' | 'bottom';
}

export interface RawPage {
  blocks: RawBlock[];
}

/** One file read into pages: what the on-disk cache keeps, keyed by the file's sha256. */
export interface ExtractedFile {
  sha256: string;
  mediaType: string;
  /** The title the file gives itself (a PDF's document information); null: from its first heading. */
  title: string | null;
  pagination: Pagination;
  /** Pages in the file; for a PDF known before its pages are read. */
  pageCount: number;
  /** Pages read so far, in order (fewer than pageCount while a PDF is half read). */
  pages: RawPage[];
  complete: boolean;
}

/** A paragraph with its address: the unit that is indexed, retrieved and cited. */
export interface DocumentParagraph {
  /** `<document>#<page>.<paragraph>`, unique in a set. */
  id: string;
  /** Path of the file relative to the set's folder, with forward slashes. */
  document: string;
  /** 1-based page (see Pagination). */
  page: number;
  /** 1-based paragraph on its page; headings, running headers and page numbers are not counted. */
  paragraph: number;
  /** 1-based paragraph in the whole document. */
  ordinal: number;
  /** Headings above the paragraph, joined with " › ". */
  heading: string;
  text: string;
}

export type DocumentStatus = 'ok' | 'no_text' | 'unreadable';

/** A document of a set, as listed to the reader. */
export interface SetDocument {
  document: string;
  title: string;
  mediaType: string;
  sha256: string;
  pages: number;
  paragraphs: number;
  pagination: Pagination;
  /** `no_text`: a PDF without a text layer (a scan; OCR is not done here). */
  status: DocumentStatus;
  error?: string;
}

export type IndexPhase = 'scan' | 'extract';

/** Progress of indexing: files while scanning, pages while extracting. */
export interface IndexProgress {
  phase: IndexPhase;
  done: number;
  total: number;
  /** 0–1. */
  fraction: number;
  elapsedMs: number;
  /** Estimated time left; null until there is enough to estimate from. */
  etaMs: number | null;
  /** Pages taken from the on-disk index instead of being read again. */
  resumedPages: number;
  /** The file being read. */
  document?: string;
}

/** A citation of an answer or summary: document, page, paragraph, and the words relied on. */
export interface AnswerCitation {
  document: string;
  title: string;
  page: number;
  paragraph: number;
  pagination: Pagination;
  heading: string;
  /** The sentence of the paragraph that supports the claim. */
  quote: string;
}

export interface AnswerSentence {
  text: string;
  /** True when the grounding check found support for the sentence in the cited paragraphs. */
  supported: boolean;
  flags: GroundingFlag[];
  /** Indexes into the answer's `citations`. */
  citations: number[];
}

/**
 * Flags on a whole answer:
 * - `no_answer`: nothing in the documents answers the question;
 * - `low_confidence`: the best passage matches only part of the question;
 * - `unsupported_sentences`: at least one sentence failed the grounding check;
 * - `llm_failed`: the model failed, the offline answer is given instead;
 * - `documents_unreadable`, `documents_without_text`: some files could not be searched.
 */
export type AnswerFlag = 'no_answer' | 'low_confidence' | 'unsupported_sentences' | 'llm_failed' | 'documents_unreadable' | 'documents_without_text';

export type QaEngine = 'offline' | 'llm';

/** The usage of one model call, for the caller's usage log (no text). */
export interface QaUsage {
  model: string;
  tokensIn: number;
  tokensOut: number;
  latencyMs: number;
}
