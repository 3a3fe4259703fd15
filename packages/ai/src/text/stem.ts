import { createRequire } from 'node:module';

interface SnowballStemmer {
  stem(word: string): string;
}

const require = createRequire(import.meta.url);
const snowball = require('snowball-stemmers') as { newStemmer(language: string): SnowballStemmer };
const stemmer = snowball.newStemmer('danish');

// Stemming is the hot path of classification; the vocabulary of mail is small, so a bounded cache pays.
const cache = new Map<string, string>();
const cacheLimit = 200_000;

/** The Snowball Danish stem of a lower-case word (the same stems as PostgreSQL's `danish`). */
export function stemDanish(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const stem = stemmer.stem(word);
  if (cache.size >= cacheLimit) cache.clear();
  cache.set(word, stem);
  return stem;
}
