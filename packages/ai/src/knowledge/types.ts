/** A structural block of an extracted document. */
export type BlockKind = 'heading' | 'paragraph' | 'list' | 'table';

export interface DocumentBlock {
  kind: BlockKind;
  text: string;
  /** Heading level 1–6 (headings only). */
  level?: number;
  /** 1-based page in a PDF. */
  page?: number | null;
}

/** A document reduced to its structure: headings, paragraphs, lists, tables, in reading order. */
export interface ExtractedDocument {
  title: string;
  mediaType: string;
  blocks: DocumentBlock[];
}

/** A passage cut along the document's structure, with its place in the document. */
export interface DocumentChunk {
  ordinal: number;
  /** Headings above the passage, joined with " › ". */
  headingPath: string;
  text: string;
  /** Offsets into `documentText(doc)`. */
  charStart: number;
  charEnd: number;
  page: number | null;
  /** 1-based number of the first paragraph-like block of the passage. */
  paragraph: number | null;
}
