import { z } from 'zod';

/** What the model must answer: sentences, each with the numbers of the sources it rests on. */
export const draftReplyOutputSchema = z.object({
  language: z.string().describe('ISO 639-1 code of the language the reply is written in, e.g. "da" or "en"'),
  sentences: z
    .array(
      z.object({
        text: z.string().describe('One sentence of the reply, in plain language (klarsprog)'),
        sources: z.array(z.number().int()).describe('Numbers of the sources [1], [2] … that support this sentence; empty only for greetings and sign-offs'),
      }),
    )
    .describe('The reply, sentence by sentence, from the greeting to the sign-off'),
});

export type DraftReplyOutput = z.infer<typeof draftReplyOutputSchema>;
