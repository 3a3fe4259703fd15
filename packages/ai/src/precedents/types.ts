import { z } from 'zod';

/** An earlier question from a politician and the administration's answer. */
export const precedentRecordSchema = z.object({
  id: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  asker: z.string(),
  committee: z.string(),
  question: z.string().min(1),
  answer: z.string(),
});

export type PrecedentRecord = z.infer<typeof precedentRecordSchema>;

/** One earlier question found for a new one. */
export interface PrecedentHit extends PrecedentRecord {
  /** Rank fusion score (higher is better); comparable within one search only. */
  score: number;
  /**
   * How much of the new question the earlier one covers, 0–1 (weighted share of its distinctive
   * words, blended with vector similarity): comparable across searches, used for `match`.
   */
  similarity: number;
  /** `strong`: very likely asked before; `possible`: related; `weak`: only the best of little. */
  match: 'strong' | 'possible' | 'weak';
  /** The words of the new question found in the earlier one (surface forms of the new question). */
  matchedTerms: string[];
}

/** Vectors for texts from an embedding endpoint (or any model); one vector per text, in order. */
export type Embedder = (texts: readonly string[]) => Promise<number[][]> | number[][];
