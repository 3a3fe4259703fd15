import { z } from 'zod';

/** What the model must answer: the account of one agenda point, sentence by sentence, with line numbers. */
export const minutesAccountOutputSchema = z.object({
  sentences: z
    .array(
      z.object({
        text: z.string().describe('One sentence of the account in minutes style, e.g. "Forvaltningen orienterede om …"'),
        lines: z.array(z.number().int()).describe('Numbers of the transcript lines [12], [13] … the sentence rests on'),
      }),
    )
    .describe('The account of the agenda point: 1–4 short sentences'),
});

export type MinutesAccountOutput = z.infer<typeof minutesAccountOutputSchema>;
