export * from './detect-injection';
