export * from './answer-letter';
export * from './monthly-report';
