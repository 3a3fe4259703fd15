import { type FormEvent, useId, useRef, useState } from 'react';
import { useApi } from '../../../api/use-api';
import { ErrorAlert } from '../../../components/error-alert';
import { LiveStatus } from '../../../components/live-status';
import { useT } from '../../../i18n';
import { type KbUploadKind, searchKb } from '../api';
import { Highlight } from '../highlight';

interface KbSearchProps {
  query: string;
  kind: KbUploadKind | '';
  onSearch: (query: string, kind: KbUploadKind | '') => void;
  onOpenPassage: (chunkId: string) => void;
}

/** Search in the knowledge base: a query (kept in the URL), results with the query's words marked. */
export function KbSearch({ query, kind, onSearch, onOpenPassage }: KbSearchProps) {
  const { t, label } = useT();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(query);
  const [kindValue, setKindValue] = useState<KbUploadKind | ''>(kind);
  const [missing, setMissing] = useState(false);
  const trimmed = query.trim();
  const results = useApi(trimmed ? `kb:${kind}:${trimmed}` : null, (signal) => searchKb(trimmed, { kind, limit: 20, signal }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setMissing(true);
      inputRef.current?.focus();
      return;
    }
    setMissing(false);
    onSearch(text.trim(), kindValue);
  };

  const items = trimmed ? results.data?.items : undefined;
  return (
    <>
      <form className="kb-search" onSubmit={submit} noValidate>
        <div className="kb-search__fields">
          <div className="field">
            <label htmlFor={`${id}-q`}>{t('knowledge.query')}</label>
            <p id={`${id}-q-hint`} className="field__hint">
              {t('knowledge.queryHint')}
            </p>
            {missing ? (
              <p id={`${id}-q-error`} className="field__error">
                {t('knowledge.queryRequired')}
              </p>
            ) : null}
            <input
              ref={inputRef}
              id={`${id}-q`}
              type="search"
              data-testid="kb-query"
              value={text}
              maxLength={500}
              aria-invalid={missing || undefined}
              aria-describedby={`${id}-q-hint${missing ? ` ${id}-q-error` : ''}`}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t('knowledge.kind')}</label>
            <select id={`${id}-kind`} value={kindValue} onChange={(e) => setKindValue(e.target.value as KbUploadKind | '')}>
              <option value="">{t('knowledge.allKinds')}</option>
              <option value="document">{label('sourceKinds', 'document')}</option>
              <option value="standard_letter">{label('sourceKinds', 'standard_letter')}</option>
            </select>
          </div>
        </div>
        <div className="button-row">
          <button type="submit" className="button button--primary" data-testid="kb-search-submit">
            {t('knowledge.submit')}
          </button>
        </div>
      </form>
      <LiveStatus visuallyHidden>
        {results.isLoading
          ? t('knowledge.searching')
          : items
            ? items.length === 0
              ? t('knowledge.noResults', { q: trimmed })
              : t('knowledge.results', { count: items.length, q: trimmed })
            : ''}
      </LiveStatus>
      <ErrorAlert error={trimmed ? results.error : null} />
      {items ? (
        items.length === 0 ? (
          <p className="empty">{t('knowledge.noResults', { q: trimmed })}</p>
        ) : (
          <>
            <p className="muted">{t('knowledge.results', { count: items.length, q: trimmed })}</p>
            <ol className="kb-results" aria-busy={results.isLoading}>
              {items.map((hit) => (
                <li key={hit.chunkId} className="kb-result" data-testid="kb-result">
                  <h3 className="kb-result__title">
                    <button type="button" className="link-button" onClick={() => onOpenPassage(hit.chunkId)}>
                      {hit.title}
                    </button>
                  </h3>
                  <p className="kb-result__meta muted">
                    {label('sourceKinds', hit.kind)}
                    {hit.headingPath ? ` · ${hit.headingPath}` : ''}
                    {hit.page !== null ? ` · ${t('knowledge.page', { page: hit.page })}` : ''}
                  </p>
                  <p className="kb-result__excerpt">
                    <Highlight text={hit.excerpt} query={trimmed} />
                  </p>
                </li>
              ))}
            </ol>
          </>
        )
      ) : null}
    </>
  );
}
