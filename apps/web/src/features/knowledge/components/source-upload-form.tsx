import { type FormEvent, useId, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { LiveStatus } from '../../../components/live-status';
import { useT } from '../../../i18n';
import { addUrlSource, type KbUploadKind, uploadSource } from '../api';

/** Adds one file (a document or a standard letter) or one web page by URL to the knowledge base, with optional validity dates. */
export function SourceUploadForm({ onUploaded }: { onUploaded: () => Promise<void> }) {
  const { t, label } = useT();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const toRef = useRef<HTMLInputElement>(null);
  const urlRef = useRef<HTMLInputElement>(null);
  const [url, setUrl] = useState('');
  const [urlProblem, setUrlProblem] = useState<'invalid' | 'both' | null>(null);
  const [kind, setKind] = useState<KbUploadKind>('document');
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const [missingFile, setMissingFile] = useState(false);
  const [badPeriod, setBadPeriod] = useState(false);
  const [isUploading, setUploading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setStatus('');
    const file = fileRef.current?.files?.[0];
    const address = url.trim();
    const periodWrong = !!validFrom && !!validTo && validTo < validFrom;
    const problem = file && address ? 'both' : address && !/^https?:\/\/[^\s/]+/i.test(address) ? 'invalid' : null;
    setMissingFile(!file && !address);
    setUrlProblem(problem);
    setBadPeriod(periodWrong);
    if (!file && !address) {
      fileRef.current?.focus();
      return;
    }
    if (problem) {
      urlRef.current?.focus();
      return;
    }
    if (periodWrong) {
      toRef.current?.focus();
      return;
    }
    setUploading(true);
    try {
      const dates = { validFrom: validFrom || undefined, validTo: validTo || undefined };
      const { source } = file ? await uploadSource(file, { kind, ...dates }) : await addUrlSource(address, dates);
      setStatus(t('knowledge.uploaded', { title: source.title, chunks: source.chunks }));
      if (fileRef.current) fileRef.current.value = '';
      setUrl('');
      await onUploaded();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setUploading(false);
    }
  };

  return (
    <form className="kb-upload" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('knowledge.file')}</label>
        <p id={`${id}-file-hint`} className="field__hint">
          {t('knowledge.fileHint')}
        </p>
        {missingFile ? (
          <p id={`${id}-file-error`} className="field__error">
            {t('knowledge.fileRequired')}
          </p>
        ) : null}
        <input
          ref={fileRef}
          id={`${id}-file`}
          type="file"
          accept=".pdf,.docx,.html,.htm,.md,.markdown,.txt"
          data-testid="kb-upload-file"
          aria-invalid={missingFile || undefined}
          aria-describedby={`${id}-file-hint${missingFile ? ` ${id}-file-error` : ''}`}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-url`}>{t('knowledge.url')}</label>
        <p id={`${id}-url-hint`} className="field__hint">
          {t('knowledge.urlHint')}
        </p>
        {urlProblem ? (
          <p id={`${id}-url-error`} className="field__error">
            {t(urlProblem === 'both' ? 'knowledge.fileOrUrl' : 'knowledge.urlInvalid')}
          </p>
        ) : null}
        <input
          ref={urlRef}
          id={`${id}-url`}
          type="url"
          inputMode="url"
          autoComplete="url"
          placeholder="https://"
          maxLength={2000}
          value={url}
          data-testid="kb-upload-url"
          aria-invalid={urlProblem ? true : undefined}
          aria-describedby={`${id}-url-hint${urlProblem ? ` ${id}-url-error` : ''}`}
          onChange={(e) => setUrl(e.target.value)}
        />
      </div>
      <fieldset disabled={!!url.trim()}>
        <legend>{t('knowledge.uploadKind')}</legend>
        {(['document', 'standard_letter'] as const).map((k) => (
          <div className="checkbox" key={k}>
            <input id={`${id}-kind-${k}`} type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} />
            <label htmlFor={`${id}-kind-${k}`}>{label('sourceKinds', k)}</label>
          </div>
        ))}
      </fieldset>
      <div className="kb-upload__dates">
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('knowledge.validFrom')}</label>
          <input id={`${id}-from`} type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('knowledge.validTo')}</label>
          {badPeriod ? (
            <p id={`${id}-to-error`} className="field__error">
              {t('knowledge.validityInvalid')}
            </p>
          ) : null}
          <input
            ref={toRef}
            id={`${id}-to`}
            type="date"
            value={validTo}
            aria-invalid={badPeriod || undefined}
            aria-describedby={badPeriod ? `${id}-to-error` : undefined}
            onChange={(e) => setValidTo(e.target.value)}
          />
        </div>
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary" data-testid="kb-upload-submit" disabled={isUploading} aria-busy={isUploading}>
          {t('knowledge.upload')}
        </button>
        {isUploading ? <span className="muted">{t('knowledge.uploading')}</span> : null}
      </div>
      <LiveStatus>{status}</LiveStatus>
      <ErrorAlert error={error} />
    </form>
  );
}
