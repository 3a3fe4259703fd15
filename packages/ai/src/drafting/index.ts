export * from './compose';
export * from './draft-reply';
export * from './offline';
