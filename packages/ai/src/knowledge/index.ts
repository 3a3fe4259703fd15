export * from './add-file';
export * from './chunk';
export * from './embedding';
export * from './extract';
export * from './plain-language';
export * from './prepare';
export * from './search';
export * from './types';
