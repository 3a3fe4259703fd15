import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../../i18n';

/** The decision of one item in an inline form; saving makes a new version (a human edit). */
export function DecisionEditor({
  number,
  decision,
  postponed,
  isBusy,
  onSave,
  onClose,
}: {
  number: number;
  decision: string | null;
  postponed: boolean;
  isBusy: boolean;
  /** Resolves true when the edit was saved. */
  onSave: (change: { decision: string | null; postponed: boolean }) => Promise<boolean>;
  onClose: () => void;
}) {
  const { t } = useT();
  const id = useId();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(decision ?? '');
  const [isPostponed, setPostponed] = useState(postponed);
  const [isUnchanged, setUnchanged] = useState(false);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = text.trim() || null;
    if (next === decision && isPostponed === postponed) {
      setUnchanged(true);
      return;
    }
    setUnchanged(false);
    if (await onSave({ decision: next, postponed: isPostponed })) onClose();
  };

  return (
    <form onSubmit={submit} noValidate aria-busy={isBusy} data-testid="decision-form">
      <div className="field">
        <label htmlFor={`${id}-decision`}>{t('minutes.editDecisionLabel', { number })}</label>
        {isUnchanged ? (
          <p id={`${id}-unchanged`} className="field__hint">
            {t('minutes.unchanged')}
          </p>
        ) : null}
        <textarea
          ref={inputRef}
          id={`${id}-decision`}
          rows={3}
          maxLength={2000}
          value={text}
          data-testid="decision-input"
          aria-describedby={isUnchanged ? `${id}-unchanged` : undefined}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onClose();
          }}
        />
      </div>
      <div className="checkbox">
        <input id={`${id}-postponed`} type="checkbox" checked={isPostponed} data-testid="decision-postponed" onChange={(e) => setPostponed(e.target.checked)} />
        <label htmlFor={`${id}-postponed`}>{t('minutes.postponedLabel')}</label>
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary" data-testid="decision-save" disabled={isBusy}>
          {t('minutes.saveEdit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose} disabled={isBusy}>
          {t('minutes.cancelEdit')}
        </button>
      </div>
    </form>
  );
}
