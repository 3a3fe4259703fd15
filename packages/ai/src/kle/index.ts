export * from './import';
export * from './parse-kle-xml';
export * from './parse-os2agora';
export * from './parse-os2kle';
export * from './types';
