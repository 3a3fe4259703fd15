import { z } from 'zod';

/** What the model must answer: each section of the memo, sentence by sentence, with the sources it cites. */
export const memoOutputSchema = z.object({
  sections: z
    .array(
      z.object({
        id: z.string().describe('The id of the section, exactly as given in SKABELON'),
        sentences: z
          .array(
            z.object({
              text: z.string().describe('One sentence of the section in plain Danish administrative language'),
              sources: z.array(z.string()).describe('Labels of the sources the sentence rests on, e.g. ["K1", "K3"]'),
            }),
          )
          .describe('0–4 sentences; none when the sources say nothing about the section'),
      }),
    )
    .describe('The sections in the order of the template'),
});

export type MemoOutput = z.infer<typeof memoOutputSchema>;
