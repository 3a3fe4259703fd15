export * from './precedent-index';
export * from './records';
export * from './types';
