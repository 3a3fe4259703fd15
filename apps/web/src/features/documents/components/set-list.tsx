import { type FormEvent, useId, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { useT } from '../../../i18n';
import { Link } from '../../../router';
import { createSet, type DocumentSetListItem } from '../api';

/** The sets the user may use, each a link to its page; the open one is marked as current. */
export function SetList({ sets, currentId }: { sets: DocumentSetListItem[]; currentId: string | null }) {
  const { t, formatNumber, formatDateTime } = useT();
  if (sets.length === 0) return <p className="empty">{t('documents.noSets')}</p>;
  return (
    <ul className="document-sets" data-testid="document-sets" style={{ listStyle: 'none', padding: 0, margin: '0 0 var(--space-4)' }}>
      {sets.map((s) => (
        <li key={s.id} data-testid="document-set" style={{ padding: 'var(--space-2) 0', borderBottom: '1px solid var(--color-border)' }}>
          <Link to={`/dokumenter?saet=${encodeURIComponent(s.id)}`} aria-current={s.id === currentId ? 'page' : undefined}>
            {s.name}
          </Link>{' '}
          <span className="muted">
            {t('documents.setMeta', {
              files: formatNumber(s.fileCount),
              pages: s.pages === null ? '–' : formatNumber(s.pages),
              by: s.createdByName,
              at: formatDateTime(s.createdAt),
            })}
            {s.fileCount > 0 && !s.isIndexCurrent ? ` · ${t('documents.needsIndexing')}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Creates a set by name and hands its id on. */
export function CreateSetForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useT();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [isMissing, setMissing] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!name.trim()) {
      setMissing(true);
      inputRef.current?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    try {
      const { set } = await createSet(name.trim());
      setName('');
      onCreated(set.id);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate data-testid="create-set-form">
      <div className={`field${isMissing ? ' field--invalid' : ''}`}>
        <label htmlFor={`${id}-name`}>{t('documents.newSetName')}</label>
        <p id={`${id}-hint`} className="field__hint">
          {t('documents.newSetHint')}
        </p>
        {isMissing ? (
          <p id={`${id}-error`} className="field__error">
            {t('documents.newSetMissing')}
          </p>
        ) : null}
        <input
          ref={inputRef}
          id={`${id}-name`}
          type="text"
          value={name}
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
          aria-describedby={isMissing ? `${id}-hint ${id}-error` : `${id}-hint`}
          aria-invalid={isMissing || undefined}
        />
      </div>
      <ErrorAlert error={error} />
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={isBusy} aria-busy={isBusy}>
          {t('documents.createSet')}
        </button>
      </div>
    </form>
  );
}
