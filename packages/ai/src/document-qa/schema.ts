import { z } from 'zod';

/** What the model must answer to a question: sentences, each with the numbers of the passages it rests on. */
export const documentAnswerOutputSchema = z.object({
  found: z.boolean().describe('true when the passages answer the question, false when they do not'),
  sentences: z
    .array(
      z.object({
        text: z.string().describe('One sentence of the answer, in Danish, stating only what the passages say'),
        sources: z.array(z.number().int()).describe('Numbers of the passages [1], [2] … that support this sentence'),
      }),
    )
    .describe('The answer, sentence by sentence; empty when found is false'),
});

export type DocumentAnswerOutput = z.infer<typeof documentAnswerOutputSchema>;

/** What the model must answer when asked for a summary: sentences with the numbers of their passages. */
export const documentSummaryOutputSchema = z.object({
  sentences: z
    .array(
      z.object({
        text: z.string().describe('One sentence of the summary, in Danish'),
        sources: z.array(z.number().int()).describe('Numbers of the passages [1], [2] … that support this sentence'),
      }),
    )
    .describe('The summary, sentence by sentence, most important first'),
});

export type DocumentSummaryOutput = z.infer<typeof documentSummaryOutputSchema>;
