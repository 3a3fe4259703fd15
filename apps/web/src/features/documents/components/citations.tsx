import { type MessageKey, useT } from '../../../i18n';
import type { CitationDto, SentenceDto } from '../api';

/** "notat.pdf, side 18, afsnit 3" (pages counted by paragraphs are marked as computed). */
export function useCitationPlace(): (c: CitationDto) => string {
  const { t } = useT();
  return (c) =>
    t(c.pagination === 'pseudo' ? 'documents.citationPlaceComputed' : 'documents.citationPlace', {
      document: c.document,
      page: c.page,
      paragraph: c.paragraph,
    });
}

/** Sentences, each with its source numbers; a sentence the grounding check did not find support for is flagged. */
export function CitedSentences({ sentences, testId }: { sentences: SentenceDto[]; testId: string }) {
  const { t, label, hasLabel } = useT();
  return (
    <ol className="draft-sentences" data-testid={testId}>
      {sentences.map((s, i) => (
        <li
          // biome-ignore lint/suspicious/noArrayIndexKey: sentences have no id and never reorder
          key={i}
          className={`draft-sentence${s.supported ? '' : ' draft-sentence--unsupported'}`}
          data-testid="answer-sentence"
          data-supported={s.supported ? 'true' : 'false'}
        >
          {s.supported ? null : (
            <p className="draft-sentence__flag">
              <span aria-hidden="true">⚠ </span>
              <strong>{t('documents.unsupported')}</strong>
            </p>
          )}
          <span>{s.text}</span>
          {s.citations.length > 0 ? (
            <span className="muted"> {t('documents.sourcesOfSentence', { sources: s.citations.map((n) => `[${n + 1}]`).join(' ') })}</span>
          ) : null}
          {!s.supported && s.flags.length > 0 ? (
            <ul className="draft-sentence__reasons">
              {s.flags.map((f) => (
                <li key={f}>{hasLabel('draftFlags', f) ? label('draftFlags', f) : t('drafting.flagUnknown', { flag: f })}</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** The numbered sources: document, page and paragraph, and the words relied on. */
export function CitationList({ citations, testId }: { citations: CitationDto[]; testId: string }) {
  const place = useCitationPlace();
  return (
    <ol className="draft-sources" data-testid={testId}>
      {citations.map((c, i) => (
        <li
          // biome-ignore lint/suspicious/noArrayIndexKey: citations are numbered by position
          key={i}
          data-testid="citation"
          data-document={c.document}
          data-page={c.page}
          data-paragraph={c.paragraph}
        >
          <strong>{place(c)}</strong>
          {c.title && c.title !== c.document ? <span className="muted"> — {c.title}</span> : null}
          <blockquote style={{ margin: 'var(--space-1) 0 var(--space-2)', paddingLeft: 'var(--space-3)', borderLeft: '3px solid var(--color-border)' }}>
            {c.quote}
          </blockquote>
        </li>
      ))}
    </ol>
  );
}

/** The words for the flags on a whole answer. */
export const answerFlagKeys: Record<string, MessageKey> = {
  no_answer: 'documents.flagNoAnswer',
  low_confidence: 'documents.flagLowConfidence',
  unsupported_sentences: 'documents.flagUnsupportedSentences',
  llm_failed: 'documents.flagLlmFailed',
  documents_unreadable: 'documents.flagDocumentsUnreadable',
  documents_without_text: 'documents.flagDocumentsWithoutText',
};
