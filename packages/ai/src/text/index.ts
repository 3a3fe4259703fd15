export * from './compound';
export * from './language';
export * from './ngrams';
export * from './normalize';
export * from './stem';
export * from './stopwords';
export * from './tokenize';
