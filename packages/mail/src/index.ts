export * from './eml';
export * from './hash';
export * from './import-eml';
export * from './transports';
