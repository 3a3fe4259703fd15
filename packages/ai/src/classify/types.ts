import type { CaseKind, Priority } from '@ekspedit/core';

/** What an incoming item is, as sorting sees it; not-a-case kinds carry their own label. */
export const inquiryKinds = [
  'question',
  'complaint',
  'access_request',
  'application',
  'problem_report',
  'appointment',
  'politician_question',
  'not_a_case',
] as const;
export type InquiryKind = (typeof inquiryKinds)[number];

/** Why an item is not a case. */
export const notCaseTypes = ['newsletter', 'spam', 'invoice', 'auto_reply'] as const;
export type NotCaseType = (typeof notCaseTypes)[number];

/** The labels the kind model predicts: the case kinds, and each not-a-case type on its own. */
export const kindLabels = [
  'question',
  'complaint',
  'access_request',
  'application',
  'problem_report',
  'appointment',
  'politician_question',
  'newsletter',
  'spam',
  'invoice',
  'auto_reply',
] as const;
export type KindLabel = (typeof kindLabels)[number];

/** True when the text is a known kind label (a kind, or a not-a-case type). */
export function isKindLabel(value: string): value is KindLabel {
  return (kindLabels as readonly string[]).includes(value);
}

/** Turns a kind label into kind and not-a-case type. */
export function splitKindLabel(label: KindLabel): { kind: InquiryKind; notCaseType: NotCaseType | null } {
  if ((notCaseTypes as readonly string[]).includes(label)) return { kind: 'not_a_case', notCaseType: label as NotCaseType };
  return { kind: label as InquiryKind, notCaseType: null };
}

/**
 * Reads a training label: a kind label, or "not_a_case" with an optional type
 * ("not_a_case:spam", or the type in a separate field). Null when unknown.
 */
export function parseKindLabel(kind: string, notCaseType?: string | null): KindLabel | null {
  const [head = '', tail] = kind.split(':');
  if (head === 'not_a_case') {
    const type = tail ?? notCaseType ?? 'spam';
    return isKindLabel(type) && (notCaseTypes as readonly string[]).includes(type) ? type : null;
  }
  return isKindLabel(head) ? head : null;
}

/** Maps a sorting kind to the platform's case kind; not-a-case items become no case. */
export function toCaseKind(kind: InquiryKind): CaseKind | null {
  switch (kind) {
    case 'complaint':
      return 'complaint';
    case 'access_request':
      return 'access_request';
    case 'politician_question':
      return 'politician_question';
    case 'not_a_case':
      return null;
    default:
      return 'citizen_inquiry';
  }
}

/** One incoming item to classify. Only subject and body are read; nothing is logged. */
export interface ClassifyInput {
  subject: string;
  body: string;
}

/** One labelled item to learn from. `kle` is null for items that are not a case. */
export interface LabelledExample {
  id: string;
  subject: string;
  body: string;
  kle: string | null;
  kind: KindLabel | null;
}

/** A piece of the explanation a person reads next to the result. */
export type ExplanationItem =
  | { type: 'term'; term: string; weight: number; text: string }
  | { type: 'case'; id: string; kle: string | null; similarity: number; text: string }
  | { type: 'cue'; cue: string; text: string };

/** Everything the classifier says about one item. */
export interface ItemClassification {
  kle: string;
  kleGroup: string;
  /** Calibrated probability that `kle` is the right subject. */
  confidence: number;
  /** Calibrated probability that `kleGroup` is the right group (what routing to a unit needs). */
  groupConfidence: number;
  alternatives: { kle: string; confidence: number }[];
  /** The next most likely groups, for a triage queue that corrects the group. */
  groupAlternatives: { kleGroup: string; confidence: number }[];
  kind: InquiryKind;
  notCaseType: NotCaseType | null;
  kindConfidence: number;
  caseKind: CaseKind | null;
  priority: Priority;
  language: string;
  explanation: ExplanationItem[];
  modelVersion: string;
}
