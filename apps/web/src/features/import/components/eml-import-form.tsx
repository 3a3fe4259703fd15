import { type FormEvent, useId, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../../../api/client';
import { useErrorText } from '../../../api/error-message';
import { LiveStatus } from '../../../components/live-status';
import { useT } from '../../../i18n';
import { Link } from '../../../router';
import { postEml } from '../api';

type FileResult =
  | { status: 'pending' }
  | { status: 'uploading' }
  | { status: 'created'; caseNumber: string; parsed: boolean }
  | { status: 'failed'; error: ApiError };

interface Row {
  key: string;
  name: string;
  result: FileResult;
}

/** Picks .eml files and uploads them one by one, showing each file's outcome as it comes. */
export function EmlImportForm() {
  const { t } = useT();
  const errorText = useErrorText();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [isRunning, setRunning] = useState(false);
  const [missing, setMissing] = useState(false);
  const [status, setStatus] = useState('');

  const update = (index: number, result: FileResult) => setRows((prev) => prev.map((r, i) => (i === index ? { ...r, result } : r)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const files = Array.from(inputRef.current?.files ?? []);
    if (files.length === 0) {
      setMissing(true);
      inputRef.current?.focus();
      return;
    }
    setMissing(false);
    setRunning(true);
    setRows(files.map((file, i) => ({ key: `${i}-${file.name}-${file.size}`, name: file.name, result: { status: 'pending' } })));
    let ok = 0;
    let failed = 0;
    // One at a time: the server parses each mail fully, and the results stay in the order chosen.
    for (const [index, file] of files.entries()) {
      setStatus(t('import.uploading', { done: index, total: files.length }));
      update(index, { status: 'uploading' });
      try {
        const response = await postEml(file);
        update(index, { status: 'created', caseNumber: response.case.number, parsed: response.parsed });
        ok += 1;
      } catch (e) {
        update(index, { status: 'failed', error: toApiError(e) });
        failed += 1;
      }
    }
    setStatus(t('import.finished', { ok, failed }));
    setRunning(false);
    if (inputRef.current) inputRef.current.value = '';
  };

  const describe = (row: Row) => {
    const r = row.result;
    switch (r.status) {
      case 'pending':
        return <span className="muted">{t('import.pending')}</span>;
      case 'uploading':
        return <span>{t('import.inProgress')}</span>;
      case 'created':
        return (
          <span className="result result--ok">
            <Link to={`/sager/${encodeURIComponent(r.caseNumber)}`}>{t('import.created', { number: r.caseNumber })}</Link>
          </span>
        );
      case 'failed': {
        const caseNumber = typeof r.error.details?.caseNumber === 'string' ? r.error.details.caseNumber : null;
        if (r.error.code === 'EML_UNPARSEABLE' && caseNumber) {
          return (
            <span className="result result--warning">
              <Link to={`/sager/${encodeURIComponent(caseNumber)}`}>{t('import.unparseable', { number: caseNumber })}</Link>
            </span>
          );
        }
        return (
          <span className="result result--error">
            {errorText(r.error)} <span className="muted">({t('errors.code', { code: r.error.code })})</span>
          </span>
        );
      }
    }
  };

  return (
    <>
      <form className="import-form" onSubmit={submit} noValidate>
        <div className={`field${missing ? ' field--invalid' : ''}`}>
          <label htmlFor={`${id}-files`}>{t('import.files')}</label>
          <p id={`${id}-hint`} className="field__hint">
            {t('import.filesHint')}
          </p>
          {missing ? (
            <p id={`${id}-error`} className="field__error">
              {t('import.noFiles')}
            </p>
          ) : null}
          <input
            ref={inputRef}
            id={`${id}-files`}
            type="file"
            multiple
            accept=".eml,message/rfc822"
            aria-describedby={missing ? `${id}-hint ${id}-error` : `${id}-hint`}
            aria-invalid={missing || undefined}
            disabled={isRunning}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={isRunning} aria-busy={isRunning}>
            {t('import.submit')}
          </button>
        </div>
      </form>
      <LiveStatus>{status}</LiveStatus>
      {rows.length > 0 ? (
        <section className="panel" aria-labelledby={`${id}-results`}>
          <h2 id={`${id}-results`} className="panel__title">
            {t('import.results')}
          </h2>
          <ul className="import-results" data-testid="import-results">
            {rows.map((row) => (
              <li key={row.key} className="import-results__item" data-testid="import-result" data-status={row.result.status}>
                <span className="import-results__file">{row.name}</span>
                {describe(row)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
