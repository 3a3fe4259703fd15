export * from './answer-letter';
