import { type FormEvent, useId, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../../../api/client';
import { LiveStatus } from '../../../components/live-status';
import { useT } from '../../../i18n';
import { acceptedFileTypes, uploadFile } from '../api';
import { useDocumentErrorText } from './error-text';

type FileResult = { status: 'pending' } | { status: 'uploading' } | { status: 'uploaded'; isReplaced: boolean } | { status: 'failed'; error: ApiError };

interface Row {
  key: string;
  name: string;
  result: FileResult;
}

/** Picks several files and uploads them one by one, showing each file's outcome as it comes. */
export function FileUpload({ setId, onUploaded, isDisabled }: { setId: string; onUploaded: () => Promise<void>; isDisabled: boolean }) {
  const { t } = useT();
  const errorText = useDocumentErrorText();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [isRunning, setRunning] = useState(false);
  const [isMissing, setMissing] = useState(false);
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
    for (const [index, file] of files.entries()) {
      setStatus(t('documents.uploading', { done: index, total: files.length }));
      update(index, { status: 'uploading' });
      try {
        const res = await uploadFile(setId, file);
        update(index, { status: 'uploaded', isReplaced: res.isReplaced });
        ok += 1;
      } catch (e) {
        update(index, { status: 'failed', error: toApiError(e) });
        failed += 1;
      }
    }
    setStatus(t('documents.uploadFinished', { ok, failed }));
    setRunning(false);
    if (inputRef.current) inputRef.current.value = '';
    await onUploaded();
  };

  const describe = (r: FileResult) => {
    switch (r.status) {
      case 'pending':
        return <span className="muted">{t('documents.filePending')}</span>;
      case 'uploading':
        return <span>{t('documents.fileUploading')}</span>;
      case 'uploaded':
        return <span className="result result--ok">{r.isReplaced ? t('documents.fileReplaced') : t('documents.fileUploaded')}</span>;
      case 'failed':
        return (
          <span className="result result--error">
            {errorText(r.error)} <span className="muted">({t('errors.code', { code: r.error.code })})</span>
          </span>
        );
    }
  };

  return (
    <>
      <form onSubmit={submit} noValidate data-testid="upload-form">
        <div className={`field${isMissing ? ' field--invalid' : ''}`}>
          <label htmlFor={`${id}-files`}>{t('documents.files')}</label>
          <p id={`${id}-hint`} className="field__hint">
            {t('documents.filesHint')}
          </p>
          {isMissing ? (
            <p id={`${id}-error`} className="field__error">
              {t('documents.noFilesChosen')}
            </p>
          ) : null}
          <input
            ref={inputRef}
            id={`${id}-files`}
            type="file"
            multiple
            accept={acceptedFileTypes}
            aria-describedby={isMissing ? `${id}-hint ${id}-error` : `${id}-hint`}
            aria-invalid={isMissing || undefined}
            disabled={isRunning || isDisabled}
            data-testid="file-input"
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={isRunning || isDisabled} aria-busy={isRunning} data-testid="upload-button">
            {t('documents.upload')}
          </button>
        </div>
      </form>
      <LiveStatus>{status}</LiveStatus>
      {rows.length > 0 ? (
        <ul className="import-results" data-testid="upload-results" aria-label={t('documents.uploadResults')}>
          {rows.map((row) => (
            <li key={row.key} className="import-results__item" data-testid="upload-result" data-status={row.result.status}>
              <span className="import-results__file">{row.name}</span> {describe(row.result)}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
