export * from './eml';
export * from './extract';
export * from './hash';
export * from './import-eml';
export * from './intake';
export * from './transports';
