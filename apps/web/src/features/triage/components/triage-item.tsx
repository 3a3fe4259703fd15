import { useId } from 'react';
import type { ApiError } from '../../../api/client';
import type { UnitDto } from '../../../api/types';
import { ErrorAlert } from '../../../components/error-alert';
import { useT } from '../../../i18n';
import { RatingControl } from '../../review/components/rating-control';
import type { RouteRequest, TriageItem } from '../api';
import { confidenceBand, describeConfidence, formatPercent, readExplanation, topAlternatives } from '../classification';
import { CorrectionForm } from './correction-form';

export interface TriageItemCardProps {
  item: TriageItem;
  isSelected: boolean;
  isBusy: boolean;
  isCorrecting: boolean;
  /** The code that was tried when the correction form opened after UNIT_NOT_FOUND. */
  correctionKle: string;
  error: ApiError | null;
  units: UnitDto[];
  kleTitle: (code: string | null | undefined) => string | null;
  cardRef: (el: HTMLElement | null) => void;
  onSelect: () => void;
  onAccept: (kleCode: string) => void;
  onCorrect: () => void;
  onSubmitCorrection: (body: RouteRequest) => void;
  onCancelCorrection: () => void;
}

/** One item of the queue: what came in, what the model suggests and why, and the decision buttons. */
export function TriageItemCard(props: TriageItemCardProps) {
  const { item, isSelected, isBusy, isCorrecting, error, kleTitle } = props;
  const tr = useT();
  const { t, label, hasLabel, formatDateTime } = tr;
  const id = useId();
  const c = item.case;
  const cl = item.classification;
  const suggested = cl?.kleCode ?? null;
  const alternatives = cl ? topAlternatives(cl.alternatives, suggested) : [];
  const { words, cases } = readExplanation(cl?.explanation);
  const kindText = cl ? (hasLabel('itemKinds', cl.itemKind) ? label('itemKinds', cl.itemKind) : label('kinds', cl.caseKind)) : label('kinds', c.kind);
  const band = cl ? confidenceBand(cl.confidence) : null;
  const suggestedTitle = kleTitle(suggested);
  const titleId = `${id}-title`;

  return (
    <li className="triage-item" data-testid="triage-item" data-case-number={c.number} data-selected={isSelected ? 'true' : undefined}>
      <article
        ref={props.cardRef}
        className={`triage-card${isSelected ? ' triage-card--selected' : ''}`}
        tabIndex={isSelected ? 0 : -1}
        aria-labelledby={titleId}
        aria-current={isSelected ? 'true' : undefined}
        aria-keyshortcuts="j k ArrowDown ArrowUp"
        aria-busy={isBusy}
        onFocus={props.onSelect}
      >
        <header className="triage-card__header">
          <h2 id={titleId} className="triage-card__title">
            <span className="triage-card__number">{c.number}</span> <span className="triage-card__subject">{c.title}</span>
          </h2>
          <p className="triage-card__meta muted">
            <span>
              {t('triage.received')} <time dateTime={c.receivedAt}>{formatDateTime(c.receivedAt)}</time>
            </span>
            {item.sender ? <span>{t('triage.from', { sender: item.sender })}</span> : null}
            <span>{label('channels', c.channel)}</span>
          </p>
        </header>
        {item.excerpt ? (
          <blockquote className="triage-card__excerpt" aria-label={t('triage.excerpt')}>
            <p>{item.excerpt.length > 280 ? `${item.excerpt.slice(0, 280).trimEnd()} …` : item.excerpt}</p>
          </blockquote>
        ) : null}

        <div className="triage-card__body">
          <section
            className={`triage-suggestion${band ? ` triage-suggestion--${band}` : ''}`}
            data-testid="triage-suggestion"
            data-kle={suggested ?? ''}
            aria-labelledby={`${id}-sugg`}
          >
            <h3 id={`${id}-sugg`} className="triage-section-title">
              {t('triage.suggestion')}
            </h3>
            {cl && suggested ? (
              <dl className="triage-facts">
                <div>
                  <dt>{t('case.kle')}</dt>
                  <dd>
                    <span className="triage-kle">{suggested}</span>
                    {suggestedTitle ? <span className="triage-kle-title"> {suggestedTitle}</span> : null}
                  </dd>
                </div>
                <div>
                  <dt>{t('triage.kind')}</dt>
                  <dd>{kindText}</dd>
                </div>
                <div>
                  <dt>{t('triage.confidence')}</dt>
                  <dd>
                    <span className={`confidence confidence--${band}`} data-confidence={Math.round(cl.confidence * 100)}>
                      <span className="confidence__bar" aria-hidden="true">
                        <span style={{ width: `${Math.round(Math.min(1, Math.max(0, cl.confidence)) * 100)}%` }} />
                      </span>
                      {describeConfidence(tr, cl.confidence)}
                    </span>
                  </dd>
                </div>
              </dl>
            ) : (
              <p className="empty">{t('triage.noSuggestion')}</p>
            )}
          </section>

          {cl ? (
            <section className="triage-alternatives" aria-labelledby={`${id}-alt`}>
              <h3 id={`${id}-alt`} className="triage-section-title">
                {t('triage.alternatives')}
              </h3>
              {alternatives.length === 0 ? (
                <p className="empty">{t('triage.noAlternatives')}</p>
              ) : (
                <ol className="triage-alternatives__list">
                  {alternatives.map((a, i) => {
                    const title = kleTitle(a.kle);
                    return (
                      <li key={a.kle}>
                        <button
                          type="button"
                          className="button button--secondary triage-alternative"
                          disabled={isBusy}
                          aria-keyshortcuts={String(i + 1)}
                          data-testid="triage-alternative"
                          data-kle={a.kle}
                          onClick={() => props.onAccept(a.kle)}
                        >
                          <kbd>{i + 1}</kbd>
                          <span className="triage-kle">{a.kle}</span>
                          {title ? <span className="triage-kle-title">{title}</span> : null}
                          <span className="triage-alternative__confidence">{formatPercent(tr, a.confidence)}</span>
                        </button>
                      </li>
                    );
                  })}
                </ol>
              )}
            </section>
          ) : null}

          {words.length > 0 || cases.length > 0 ? (
            <section className="triage-explanation" aria-labelledby={`${id}-why`}>
              <h3 id={`${id}-why`} className="triage-section-title">
                {t('triage.explanation')}
              </h3>
              {words.length > 0 ? (
                <div className="triage-explanation__row">
                  <span className="triage-explanation__label">{t('triage.decisiveWords')}</span>
                  <ul className="chips">
                    {words.slice(0, 8).map((w) => (
                      <li key={w.text} className="chip">
                        {w.text}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {cases.length > 0 ? (
                <div className="triage-explanation__row">
                  <span className="triage-explanation__label">{t('triage.similarCases')}</span>
                  <ul className="chips">
                    {cases.slice(0, 3).map((s) => (
                      <li key={s.ref} className="chip chip--case">
                        {t('triage.similarCase', { ref: s.ref })}
                        {s.kle ? ` · ${s.kle}` : ''}
                        {s.similarity !== null ? ` · ${t('triage.similarity', { percent: formatPercent(tr, s.similarity) })}` : ''}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </section>
          ) : null}
        </div>

        {isCorrecting ? null : <ErrorAlert error={error} />}
        {isCorrecting ? (
          <CorrectionForm
            key={props.correctionKle}
            caseNumber={c.number}
            initialKle={props.correctionKle}
            caseKind={c.kind}
            units={props.units}
            busy={isBusy}
            error={error}
            onSubmit={props.onSubmitCorrection}
            onCancel={props.onCancelCorrection}
          />
        ) : (
          <div className="button-row triage-card__actions">
            <button
              type="button"
              className="button button--primary"
              disabled={isBusy || !suggested}
              aria-busy={isBusy}
              aria-keyshortcuts="Enter"
              data-testid="triage-accept"
              onClick={() => suggested && props.onAccept(suggested)}
            >
              {isBusy ? t('triage.working') : t('triage.accept')}
              {suggested && !isBusy ? <span className="button__detail">&nbsp;{suggested}</span> : null}
              <kbd className="button__kbd">Enter</kbd>
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={isBusy}
              aria-keyshortcuts="r"
              data-testid="triage-correct"
              onClick={props.onCorrect}
            >
              {t('triage.correct')}
              <kbd className="button__kbd">r</kbd>
            </button>
          </div>
        )}
        {cl && props.isSelected ? <RatingControl key={c.id} caseId={c.id} targetType="classification" targetId={cl.modelVersion ?? null} /> : null}
      </article>
    </li>
  );
}
