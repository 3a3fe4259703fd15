export * from './config';
export * from './openai-provider';
export * from './structured';
export * from './types';
