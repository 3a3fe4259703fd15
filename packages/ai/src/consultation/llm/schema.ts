import { z } from 'zod';
import { stances } from '../types';

/** What the model answers when asked to propose themes from a batch of responses. */
export const discoverThemesOutputSchema = z.object({
  themes: z
    .array(
      z.object({
        name: z.string().describe('Short Danish name of the theme, 1–4 words, e.g. "Skolevej og transport"'),
        description: z.string().describe('One or two Danish sentences saying which arguments belong to the theme'),
        responseIds: z.array(z.string()).describe('Ids of the responses in this batch that argue about the theme'),
      }),
    )
    .describe('The themes (arguments, concerns, subjects) the responses raise, most frequent first'),
});
export type DiscoverThemesOutput = z.infer<typeof discoverThemesOutputSchema>;

/** What the model answers when asked to merge candidate themes from several batches into one list. */
export const mergeThemesOutputSchema = z.object({
  themes: z
    .array(
      z.object({
        id: z.string().describe('Short lower-case id without spaces, e.g. "skolevej"'),
        name: z.string().describe('Short Danish name of the theme'),
        description: z.string().describe('One or two Danish sentences saying which arguments belong to the theme'),
      }),
    )
    .describe('The final themes: candidates that mean the same merged, rare ones folded into the nearest'),
});
export type MergeThemesOutput = z.infer<typeof mergeThemesOutputSchema>;

/** What the model answers when asked to map a batch of responses to the themes. */
export const mapResponsesOutputSchema = z.object({
  responses: z
    .array(
      z.object({
        id: z.string().describe('The id of the response, exactly as given'),
        themes: z.array(z.string()).describe('Ids of the themes the response argues about; empty if it only states a position'),
        stance: z
          .enum(stances)
          .describe(
            'Position on the proposal: support, oppose, mixed (for some parts and against others, or for only on conditions), neutral (questions, information)',
          ),
        quotes: z
          .array(
            z.object({
              text: z.string().describe('A whole sentence copied verbatim from the response'),
              theme: z.string().describe('The id of the theme the sentence is evidence for, or "" when it shows the position only'),
            }),
          )
          .describe('1–3 sentences copied verbatim from the response that show its themes and position'),
      }),
    )
    .describe('One entry per response in the batch, in the same order'),
});
export type MapResponsesOutput = z.infer<typeof mapResponsesOutputSchema>;
