import { type FormEvent, useId, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../../../api/client';
import { LiveStatus } from '../../../components/live-status';
import { useT } from '../../../i18n';
import { type AnswerDto, askSet } from '../api';
import { answerFlagKeys, CitationList, CitedSentences } from './citations';
import { useDocumentErrorText } from './error-text';

/** A question over the set, and the answer: sentences checked against the sources, each source by document, page and paragraph. */
export function AskForm({ setId, isReady }: { setId: string; isReady: boolean }) {
  const { t } = useT();
  const errorText = useDocumentErrorText();
  const id = useId();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const [question, setQuestion] = useState('');
  const [isMissing, setMissing] = useState(false);
  const [isAsking, setAsking] = useState(false);
  const [answer, setAnswer] = useState<AnswerDto | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!question.trim()) {
      setMissing(true);
      inputRef.current?.focus();
      return;
    }
    setMissing(false);
    setAsking(true);
    setStatus(t('documents.asking'));
    try {
      const res = await askSet(setId, question.trim());
      setAnswer(res.answer);
      setStatus(t('documents.answered', { sources: res.answer.citations.length }));
    } catch (e) {
      setAnswer(null);
      setError(toApiError(e));
      setStatus('');
    } finally {
      setAsking(false);
    }
  };

  return (
    <>
      {isReady ? null : <p className="notice notice--info">{t('documents.askNeedsIndex')}</p>}
      <form onSubmit={submit} noValidate data-testid="ask-form">
        <div className={`field${isMissing ? ' field--invalid' : ''}`}>
          <label htmlFor={`${id}-question`}>{t('documents.question')}</label>
          <p id={`${id}-hint`} className="field__hint">
            {t('documents.questionHint')}
          </p>
          {isMissing ? (
            <p id={`${id}-error`} className="field__error">
              {t('documents.questionMissing')}
            </p>
          ) : null}
          <textarea
            ref={inputRef}
            id={`${id}-question`}
            rows={2}
            maxLength={1000}
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
            aria-describedby={isMissing ? `${id}-hint ${id}-error` : `${id}-hint`}
            aria-invalid={isMissing || undefined}
            data-testid="question"
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={!isReady || isAsking} aria-busy={isAsking} data-testid="ask-button">
            {t('documents.ask')}
          </button>
        </div>
      </form>
      <LiveStatus visuallyHidden>{status}</LiveStatus>
      {error ? (
        <div className="notice notice--error" role="alert">
          <p className="notice__text">{errorText(error)}</p>
          <p className="notice__code">{t('errors.code', { code: error.code })}</p>
        </div>
      ) : null}
      {answer ? <AnswerView answer={answer} /> : null}
    </>
  );
}

function AnswerView({ answer }: { answer: AnswerDto }) {
  const { t } = useT();
  const id = useId();
  const unsupported = answer.sentences.filter((s) => !s.supported).length;
  return (
    <div className="draft-view" data-testid="answer" data-engine={answer.engine} style={{ marginTop: 'var(--space-4)' }}>
      <h4 id={`${id}-answer`} className="draft-view__heading">
        {t('documents.answerTitle')}
      </h4>
      <p className="draft-view__engine">
        <span className="badge badge--engine">{answer.engine === 'llm' ? t('drafting.engineLlmShort') : t('drafting.engineOfflineShort')}</span>{' '}
        {answer.engine === 'llm' ? t('documents.engineLlm', { model: answer.model ?? '?' }) : t('documents.engineOffline')}
      </p>
      {answer.flags.length > 0 ? (
        <ul className="notice notice--warning" data-testid="answer-flags" style={{ listStyle: 'none' }}>
          {answer.flags.map((f) => (
            <li key={f} data-flag={f}>
              <span aria-hidden="true">⚠ </span>
              {answerFlagKeys[f] ? t(answerFlagKeys[f]) : f}
            </li>
          ))}
        </ul>
      ) : null}
      {unsupported > 0 ? <p className="muted">{t('documents.unsupportedCount', { count: unsupported })}</p> : null}
      {answer.sentences.length > 0 ? (
        <CitedSentences sentences={answer.sentences} testId="answer-sentences" />
      ) : (
        <p data-testid="answer-text">{answer.answer}</p>
      )}
      {answer.citations.length > 0 ? (
        <>
          <h4 className="draft-view__heading">{t('documents.sourcesTitle')}</h4>
          <CitationList citations={answer.citations} testId="answer-citations" />
        </>
      ) : null}
    </div>
  );
}
