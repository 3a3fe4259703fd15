import { useId } from 'react';
import { type Translator, useT } from '../../../i18n';
import { isPassageId } from '../../knowledge/api';
import { type CitationDto, type DraftDto, lixBand } from '../api';

interface DraftViewProps {
  draft: DraftDto;
  /** The draft was loaded from earlier, not just written. */
  isLatestOnly: boolean;
  onOpenPassage: (chunkId: string) => void;
  onUse: () => void;
}

/** Numbers the cited passages in order of first appearance, as footnotes are numbered. */
function numberPassages(draft: DraftDto): { numbers: Map<string, number>; passages: CitationDto[]; letters: CitationDto[] } {
  const numbers = new Map<string, number>();
  const passages: CitationDto[] = [];
  const letters = new Map<string, CitationDto>();
  for (const s of draft.sentences) {
    for (const c of s.citations) {
      if (!isPassageId(c.chunkId)) {
        letters.set(c.chunkId, c);
        continue;
      }
      if (numbers.has(c.chunkId)) continue;
      numbers.set(c.chunkId, numbers.size + 1);
      passages.push(c);
    }
  }
  return { numbers, passages, letters: [...letters.values()] };
}

/** "llm_failed:timeout" → "the language model did not answer (timeout)". */
function fallbackText(tr: Translator, reason: string): string {
  const [kind = reason, detail] = reason.split(':');
  if (!tr.hasLabel('fallbackReasons', kind)) return reason;
  return tr.label('fallbackReasons', kind, { code: detail ?? '' });
}

/** A finished draft: engine, sentences with numbered sources and flags, readability, and "use". */
export function DraftView({ draft, isLatestOnly, onOpenPassage, onUse }: DraftViewProps) {
  const tr = useT();
  const { t, label, formatDateTime, formatNumber } = tr;
  const id = useId();
  const { numbers, passages, letters } = numberPassages(draft);
  const unsupported = draft.sentences.filter((s) => !s.supported).length;
  const band = lixBand(draft.lix);
  const bandText = { easy: t('drafting.lixEasy'), medium: t('drafting.lixMedium'), hard: t('drafting.lixHard') }[band];

  return (
    <div className="draft-view" data-testid="draft" data-engine={draft.engine}>
      <p className="draft-view__engine" data-testid="draft-engine" data-engine={draft.engine}>
        <span className="badge badge--engine">{draft.engine === 'llm' ? t('drafting.engineLlmShort') : t('drafting.engineOfflineShort')}</span>{' '}
        {draft.engine === 'llm' ? t('drafting.engineLlm', { model: draft.model ?? '?' }) : t('drafting.engineOffline')}
      </p>
      {isLatestOnly && draft.createdAt ? <p className="muted">{t('drafting.latest', { date: formatDateTime(draft.createdAt) })}</p> : null}
      {draft.fallbackReason ? (
        <p className="notice notice--warning" data-testid="draft-fallback">
          {t('drafting.fallback', { reason: fallbackText(tr, draft.fallbackReason) })}
        </p>
      ) : null}
      {draft.requestedLanguage && draft.requestedLanguage !== draft.language ? (
        <p className="notice notice--info">{t('drafting.languageNote', { requested: draft.requestedLanguage, language: draft.language })}</p>
      ) : null}
      {letters.length > 0 ? <p>{t('drafting.standardLetter', { title: letters.map((l) => l.title).join(', ') })}</p> : null}
      {unsupported > 0 ? (
        <p className="notice notice--warning" data-testid="draft-unsupported-summary">
          <span aria-hidden="true">⚠ </span>
          {unsupported === 1 ? t('drafting.unsupportedOne') : t('drafting.unsupportedMany', { count: unsupported })}
        </p>
      ) : null}

      <h4 id={`${id}-sentences`} className="draft-view__heading">
        {t('drafting.sentencesTitle')}
      </h4>
      <ol className="draft-sentences" aria-labelledby={`${id}-sentences`}>
        {draft.sentences.map((s, i) => {
          const cited = s.citations.filter((c) => numbers.has(c.chunkId));
          return (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: sentences have no id and never reorder
              key={i}
              className={`draft-sentence${s.supported ? '' : ' draft-sentence--unsupported'}`}
              data-testid="draft-sentence"
              data-supported={s.supported ? 'true' : 'false'}
            >
              {s.supported ? null : (
                <p className="draft-sentence__flag">
                  <span className="draft-sentence__icon" aria-hidden="true">
                    ⚠
                  </span>{' '}
                  <strong>{t('drafting.unsupported')}</strong>
                </p>
              )}
              <span className="draft-sentence__text">{s.text}</span>
              {cited.map((c) => {
                const n = numbers.get(c.chunkId) ?? 0;
                return (
                  <button
                    key={c.chunkId}
                    type="button"
                    className="citation"
                    data-testid="citation"
                    data-chunk-id={c.chunkId}
                    aria-label={t('drafting.citationLabel', { n, title: c.title })}
                    onClick={() => onOpenPassage(c.chunkId)}
                  >
                    {n}
                  </button>
                );
              })}
              {!s.supported && s.flags.length > 0 ? (
                <ul className="draft-sentence__reasons">
                  {s.flags.map((f) => (
                    <li key={f}>{tr.hasLabel('draftFlags', f) ? label('draftFlags', f) : t('drafting.flagUnknown', { flag: f })}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ol>

      {passages.length > 0 ? (
        <>
          <h4 id={`${id}-sources`} className="draft-view__heading">
            {t('drafting.sourcesTitle')}
          </h4>
          <ol className="draft-sources" aria-labelledby={`${id}-sources`}>
            {passages.map((c) => (
              <li key={c.chunkId} value={numbers.get(c.chunkId)}>
                <button type="button" className="link-button" onClick={() => onOpenPassage(c.chunkId)}>
                  {c.title}
                  {c.headingPath ? ` › ${c.headingPath}` : ''}
                </button>
                {c.page !== null ? <span className="muted"> {t('knowledge.page', { page: c.page })}</span> : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}

      <h4 className="draft-view__heading">{t('drafting.readability')}</h4>
      <p data-testid="draft-lix">{t('drafting.lix', { lix: formatNumber(Math.round(draft.lix)), band: bandText })}</p>
      {draft.hints.length > 0 ? (
        <ul className="draft-hints">
          {draft.hints.map((h) => (
            <li key={`${h.kind}-${h.start}-${h.end}`}>
              <strong>{tr.hasLabel('hintKinds', h.kind) ? label('hintKinds', h.kind) : h.kind}:</strong> {h.text}
              {h.suggestion ? ` – ${h.suggestion}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('drafting.noHints')}</p>
      )}

      <div className="button-row">
        <button type="button" className="button button--primary" data-testid="use-draft" onClick={onUse}>
          {t('drafting.use')}
        </button>
      </div>
      <p className="field__hint">{t('drafting.useHint')}</p>
    </div>
  );
}
