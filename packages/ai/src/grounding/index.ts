export * from './check';
export * from './facts';
export * from './sentences';
