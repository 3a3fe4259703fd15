export * from './check';
export * from './claims';
export * from './facts';
export * from './sentences';
