import type { MemoTemplateId } from './templates';

/** A text a memo may rest on: a message of a case, a passage of the knowledge base. */
export interface MemoSource {
  id: string;
  title: string;
  text: string;
}

export interface MemoSentence {
  text: string;
  /** Ids of the sources the sentence rests on. */
  sourceIds: string[];
  /** False when the grounding check found no support in the cited sources (model-written text only). */
  supported: boolean;
  /** Grounding flags: unsupported, fabricated_number, … */
  flags: string[];
  /** Set where a person began a new paragraph in the edited text. */
  startsParagraph?: boolean;
}

export interface MemoSection {
  id: string;
  title: string;
  sentences: MemoSentence[];
}

/** A drafted memo: sections of cited sentences, and the sources (without their texts) they cite. */
export interface Memo {
  template: MemoTemplateId;
  title: string;
  question: string;
  caseNumber: string | null;
  /** YYYY-MM-DD. */
  date: string | null;
  sections: MemoSection[];
  sources: { id: string; title: string }[];
  engine: 'offline' | 'llm';
  fallbackReason: string | null;
}

export interface DraftMemoInput {
  template: MemoTemplateId;
  title: string;
  question: string;
  sources: readonly MemoSource[];
  caseNumber?: string | null;
  date?: string | null;
}
