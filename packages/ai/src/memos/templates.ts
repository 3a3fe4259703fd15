/** The memo templates of the municipal format: a committee item (dagsordenspunkt) and a memo for management. */
export const memoTemplateIds = ['committee', 'management'] as const;
export type MemoTemplateId = (typeof memoTemplateIds)[number];

export interface MemoSectionTemplate {
  id: string;
  title: string;
  /** What the section says, in Danish: shown to the writer and given to the model; its words also steer the offline engine. */
  instruction: string;
}

export interface MemoTemplate {
  id: MemoTemplateId;
  name: string;
  sections: readonly MemoSectionTemplate[];
}

export const memoTemplates: Readonly<Record<MemoTemplateId, MemoTemplate>> = {
  committee: {
    id: 'committee',
    name: 'Sag til udvalg',
    sections: [
      {
        id: 'indstilling',
        title: 'Indstilling',
        instruction: 'Hvad forvaltningen indstiller og anbefaler, at udvalget beslutter, godkender eller tager til efterretning.',
      },
      {
        id: 'problemstilling',
        title: 'Problemstilling',
        instruction: 'Baggrunden for sagen: problemet, behovet, henvendelser og klager, og hvorfor sagen forelægges nu.',
      },
      {
        id: 'loesning',
        title: 'Løsning',
        instruction: 'Forslaget til løsning: modeller, muligheder og tiltag, fordele og ulemper, og hvordan løsningen virker.',
      },
      {
        id: 'oekonomi',
        title: 'Økonomi',
        instruction: 'Økonomiske konsekvenser: udgifter, omkostninger, pris i kr. og mio. kr., budget, bevilling, finansiering og besparelser.',
      },
      {
        id: 'videre-proces',
        title: 'Videre proces',
        instruction: 'Den videre proces: næste skridt, tidsplan, frister, høring, inddragelse, implementering og opfølgning.',
      },
    ],
  },
  management: {
    id: 'management',
    name: 'Notat til direktion',
    sections: [
      {
        id: 'baggrund',
        title: 'Baggrund',
        instruction: 'Baggrunden for notatet: sagen, problemet, henvendelser og klager, og hvad der er sket indtil nu.',
      },
      {
        id: 'vurdering',
        title: 'Vurdering',
        instruction: 'Forvaltningens vurdering: konsekvenser, risici, muligheder, udgifter og regler, der har betydning.',
      },
      {
        id: 'anbefaling',
        title: 'Anbefaling',
        instruction: 'Hvad forvaltningen anbefaler og foreslår, at direktionen beslutter, og de næste skridt.',
      },
    ],
  },
};

/** Looks up a template by id; unknown ids are refused by the callers' schemas before they get here. */
export function getMemoTemplate(id: MemoTemplateId): MemoTemplate {
  return memoTemplates[id];
}
