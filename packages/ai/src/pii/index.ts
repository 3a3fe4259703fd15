export * from './checks';
export * from './find-personal-data';
