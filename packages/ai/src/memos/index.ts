export { type MemoDocxOptions, memoDocx } from './docx';
export { type DraftMemoOptions, draftMemo } from './draft-memo';
export { composeOfflineMemo, contentStems, OFFLINE_MEMO_VERSION } from './offline';
export * from './prompt';
export * from './schema';
export * from './templates';
export { citationNumbers, citedSentence, citedSources, emptySectionText, memoSourcesHeading, memoToText, parseMemoText } from './text';
export * from './types';
export { writeMemoWithLlm } from './write-with-llm';
