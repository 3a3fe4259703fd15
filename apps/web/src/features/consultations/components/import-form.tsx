import { type FormEvent, useId, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { LiveStatus } from '../../../components/live-status';
import { useT } from '../../../i18n';
import { type ConsultationViewDto, createConsultation, importResponses } from '../api';

/** The line errors the server sends with a refused import. */
function lineErrors(error: ApiError): { messages: string[]; more: number } | null {
  const errors = error.details?.errors;
  if (!Array.isArray(errors)) return null;
  const messages = errors.map((e) => (typeof e === 'object' && e && 'message' in e ? String((e as { message: unknown }).message) : '')).filter(Boolean);
  const total = typeof error.details?.total === 'number' ? error.details.total : messages.length;
  return { messages, more: Math.max(0, total - messages.length) };
}

/**
 * A new consultation (title, optional proposal, responses file), or — with `consultationId` — the
 * responses of an existing one. The server analyses before it answers, so the form says it is working.
 */
export function ImportForm({
  consultationId,
  onCreated,
  onImported,
}: {
  consultationId?: string;
  /** A new consultation was created (its file may still be refused). */
  onCreated?: () => void;
  onImported: (result: { id: string; view: ConsultationViewDto }) => void | Promise<void>;
}) {
  const { t } = useT();
  const id = useId();
  const titleRef = useRef<HTMLInputElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState('');
  const [proposal, setProposal] = useState('');
  const [problems, setProblems] = useState<{ title: boolean; file: boolean }>({ title: false, file: false });
  const [isWorking, setWorking] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [createdId, setCreatedId] = useState<string | null>(consultationId ?? null);
  // A new consultation whose file was refused: only a new file is asked for, and it goes into the same consultation.
  const [isAwaitingFile, setAwaitingFile] = useState(false);
  const isNew = !consultationId && !isAwaitingFile;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const file = fileRef.current?.files?.[0];
    const next = { title: isNew && !title.trim(), file: !file };
    setProblems(next);
    if (next.title) return titleRef.current?.focus();
    if (!file) return fileRef.current?.focus();
    setWorking(true);
    let target = createdId;
    try {
      if (!target) {
        target = (await createConsultation(title, proposal)).consultation.id;
        setCreatedId(target);
        onCreated?.();
      }
      const view = await importResponses(target, file);
      await onImported({ id: target, view });
    } catch (e) {
      setError(toApiError(e));
      if (target && !consultationId) setAwaitingFile(true);
    } finally {
      setWorking(false);
    }
  };

  const lines = error ? lineErrors(error) : null;
  return (
    <form onSubmit={submit} noValidate aria-busy={isWorking} data-testid="consultation-import-form">
      {isNew ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-title`}>{t('consultations.fieldTitle')}</label>
            {problems.title ? (
              <p id={`${id}-title-error`} className="field__error">
                {t('consultations.titleRequired')}
              </p>
            ) : null}
            <input
              ref={titleRef}
              type="text"
              id={`${id}-title`}
              data-testid="consultation-title"
              value={title}
              readOnly={isWorking}
              maxLength={300}
              aria-invalid={problems.title || undefined}
              aria-describedby={problems.title ? `${id}-title-error` : undefined}
              onChange={(e) => setTitle(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-proposal`}>{t('consultations.fieldProposal')}</label>
            <p id={`${id}-proposal-hint`} className="field__hint">
              {t('consultations.proposalHint')}
            </p>
            <textarea id={`${id}-proposal`} rows={5} value={proposal} aria-describedby={`${id}-proposal-hint`} onChange={(e) => setProposal(e.target.value)} />
          </div>
        </>
      ) : consultationId ? null : (
        <p className="notice notice--info" data-testid="consultation-created">
          {t('consultations.createdAwaitingFile', { title: title.trim() })}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('consultations.fieldFile')}</label>
        <p id={`${id}-file-hint`} className="field__hint">
          {t('consultations.fileHint')}
        </p>
        {problems.file ? (
          <p id={`${id}-file-error`} className="field__error">
            {t('consultations.fileRequired')}
          </p>
        ) : null}
        <input
          ref={fileRef}
          id={`${id}-file`}
          type="file"
          accept=".csv,.jsonl,.ndjson,.xlsx"
          data-testid="consultation-file"
          aria-invalid={problems.file || undefined}
          aria-describedby={`${id}-file-hint${problems.file ? ` ${id}-file-error` : ''}`}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary" data-testid="consultation-import" disabled={isWorking}>
          {t('consultations.importSubmit')}
        </button>
      </div>
      <LiveStatus>{isWorking ? t('consultations.working') : ''}</LiveStatus>
      {error && lines ? (
        <div className="notice notice--error" role="alert" data-testid="import-errors">
          <p className="notice__text">{t('consultations.importFailed')}</p>
          <ul className="notice__list">
            {lines.messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
            {lines.more > 0 ? <li>{t('consultations.importFailedMore', { count: lines.more })}</li> : null}
          </ul>
          <p className="notice__code">{t('errors.code', { code: error.code })}</p>
        </div>
      ) : (
        <ErrorAlert error={error} />
      )}
    </form>
  );
}
