export * from './extract-text';
export * from './ocr';
