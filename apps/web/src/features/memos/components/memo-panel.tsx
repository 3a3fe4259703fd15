import { type FormEvent, useId, useState } from 'react';
import { type ApiError, toApiError } from '../../../api/client';
import type { CaseDto } from '../../../api/types';
import { useApi } from '../../../api/use-api';
import { ErrorAlert } from '../../../components/error-alert';
import { LiveStatus } from '../../../components/live-status';
import { useT } from '../../../i18n';
import { draftMemo, fetchMemo, type MemoDto, type MemoTemplateId, memoDocxUrl, memoTemplates, parseCaseNumbers } from '../api';

/** The drafted memo: each section with its sentences and footnote numbers, then the cited sources. */
function MemoView({ memo }: { memo: MemoDto }) {
  const { t } = useT();
  const cited = memo.sources.filter((s) => s.number !== null).sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
  return (
    <div className="memo-view" data-testid="memo-view">
      {memo.sections.map((section) => (
        <section key={section.id} data-testid="memo-section" data-section={section.id}>
          <h4 className="draft-view__heading">{section.title}</h4>
          {section.sentences.length === 0 ? (
            <p className="muted">{t('memos.emptySection')}</p>
          ) : (
            <p>
              {section.sentences.map((s, i) => (
                <span
                  key={`${s.text}|${s.sourceIds.join(',')}`}
                  data-testid="memo-sentence"
                  data-supported={s.supported}
                  className={s.supported ? undefined : 'draft-sentence--unsupported'}
                >
                  {i > 0 ? ' ' : ''}
                  {s.text}
                  {s.citations.length ? <sup title={t('memos.citesSources', { numbers: s.citations.join(', ') })}>[{s.citations.join(', ')}]</sup> : null}
                  {s.supported ? null : <strong> ({t('memos.unsupported')})</strong>}
                </span>
              ))}
            </p>
          )}
        </section>
      ))}
      {cited.length ? (
        <>
          <h4 className="draft-view__heading">{t('memos.sources')}</h4>
          <ol className="memo-view__sources" data-testid="memo-sources">
            {cited.map((s) => (
              <li key={s.id} value={s.number ?? undefined}>
                {s.title}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </div>
  );
}

/**
 * A memo (notat) on a memo case: choose the municipal template, write the question, pick the cases
 * (and a knowledge-base search) it is drafted from. The draft is saved as the case's reply, so it is
 * edited and approved by the same chain as any reply; the DOCX shows the latest saved text.
 */
export function MemoPanel({ c, onDrafted }: { c: CaseDto; onDrafted?: () => void | Promise<void> }) {
  const { t } = useT();
  const id = useId();
  const existing = useApi(`memo:${c.id}`, (signal) => fetchMemo(c.id, signal));
  const [template, setTemplate] = useState<MemoTemplateId>('committee');
  const [question, setQuestion] = useState('');
  const [caseNumbers, setCaseNumbers] = useState('');
  const [query, setQuery] = useState('');
  const [problems, setProblems] = useState({ question: false, sources: false, numbers: false });
  const [drafted, setDrafted] = useState<MemoDto | null>(null);
  const [isWorking, setWorking] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const memo = drafted ?? existing.data?.memo ?? null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const numbers = parseCaseNumbers(caseNumbers);
    const next = {
      question: !question.trim(),
      numbers: numbers.invalid.length > 0,
      sources: numbers.valid.length === 0 && !query.trim(),
    };
    setProblems(next);
    if (next.question) return document.getElementById(`${id}-question`)?.focus();
    if (next.numbers || next.sources) return document.getElementById(`${id}-cases`)?.focus();
    setWorking(true);
    try {
      const res = await draftMemo(c.id, { template, question: question.trim(), sourceCaseNumbers: numbers.valid, query: query.trim() || undefined });
      setDrafted(res.memo);
      await onDrafted?.();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setWorking(false);
    }
  };

  const casesError = problems.numbers ? t('memos.casesInvalid') : problems.sources ? t('memos.sourcesRequired') : null;
  return (
    <div className="memo-panel" data-testid="memo-panel">
      <p className="field__hint">{t('memos.intro')}</p>
      <form onSubmit={submit} noValidate aria-busy={isWorking} data-testid="memo-form">
        <div className="field">
          <label htmlFor={`${id}-template`}>{t('memos.fieldTemplate')}</label>
          <p id={`${id}-template-hint`} className="field__hint">
            {t('memos.sectionsHint', { sections: memoTemplates[template].join(', ') })}
          </p>
          <select
            id={`${id}-template`}
            data-testid="memo-template"
            value={template}
            aria-describedby={`${id}-template-hint`}
            onChange={(e) => setTemplate(e.target.value as MemoTemplateId)}
          >
            <option value="committee">{t('memos.templateCommittee')}</option>
            <option value="management">{t('memos.templateManagement')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-question`}>{t('memos.fieldQuestion')}</label>
          {problems.question ? (
            <p id={`${id}-question-error`} className="field__error">
              {t('memos.questionRequired')}
            </p>
          ) : null}
          <textarea
            id={`${id}-question`}
            data-testid="memo-question"
            rows={3}
            maxLength={2000}
            value={question}
            readOnly={isWorking}
            aria-invalid={problems.question || undefined}
            aria-describedby={problems.question ? `${id}-question-error` : undefined}
            onChange={(e) => setQuestion(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-cases`}>{t('memos.fieldCases')}</label>
          <p id={`${id}-cases-hint`} className="field__hint">
            {t('memos.casesHint')}
          </p>
          {casesError ? (
            <p id={`${id}-cases-error`} className="field__error">
              {casesError}
            </p>
          ) : null}
          <input
            id={`${id}-cases`}
            type="text"
            data-testid="memo-cases"
            value={caseNumbers}
            readOnly={isWorking}
            aria-invalid={!!casesError || undefined}
            aria-describedby={`${id}-cases-hint${casesError ? ` ${id}-cases-error` : ''}`}
            onChange={(e) => setCaseNumbers(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-query`}>{t('memos.fieldQuery')}</label>
          <p id={`${id}-query-hint`} className="field__hint">
            {t('memos.queryHint')}
          </p>
          <input
            id={`${id}-query`}
            type="search"
            data-testid="memo-query"
            maxLength={500}
            value={query}
            readOnly={isWorking}
            aria-describedby={`${id}-query-hint`}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button button--primary" data-testid="memo-submit" disabled={isWorking}>
            {t('memos.submit')}
          </button>
        </div>
        <LiveStatus>{isWorking ? t('memos.working') : drafted ? t('memos.drafted') : ''}</LiveStatus>
        <ErrorAlert error={error} />
      </form>
      {memo ? (
        <>
          <p className="notice notice--info">
            {memo.engine === 'llm' ? t('memos.engineLlm') : t('memos.engineOffline')} {t('memos.approvalNote')}
          </p>
          <MemoView memo={memo} />
          <p>
            <a href={memoDocxUrl(c.id)} data-testid="memo-docx" download>
              {t('memos.downloadDocx')}
            </a>
          </p>
        </>
      ) : null}
    </div>
  );
}
