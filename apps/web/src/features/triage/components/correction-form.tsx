import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { ApiError } from '../../../api/client';
import type { UnitDto } from '../../../api/types';
import { ErrorAlert } from '../../../components/error-alert';
import { useT } from '../../../i18n';
import type { RouteRequest } from '../api';
import { isKleCode } from '../classification';
import { KleCombobox } from './kle-combobox';

interface CorrectionFormProps {
  caseNumber: string;
  /** A code to start from (the one that was tried when no unit handled it). */
  initialKle: string;
  /** The case's kind now; sent only when the user changes it. */
  caseKind: string;
  units: UnitDto[];
  busy: boolean;
  error: ApiError | null;
  onSubmit: (body: RouteRequest) => void;
  onCancel: () => void;
}

/** Correct the sorting: a KLE code (with suggestions), the kind, and a unit when the code has none. */
export function CorrectionForm({ caseNumber, initialKle, caseKind, units, busy, error, onSubmit, onCancel }: CorrectionFormProps) {
  const { t, entries } = useT();
  const id = useId();
  const [kle, setKle] = useState(initialKle);
  const [kind, setKind] = useState(caseKind);
  const [unitId, setUnitId] = useState('');
  const [kleError, setKleError] = useState<string | null>(null);
  const kleRef = useRef<HTMLInputElement>(null);
  const unitRef = useRef<HTMLSelectElement>(null);
  const needsUnit = error?.code === 'UNIT_NOT_FOUND';

  useEffect(() => {
    kleRef.current?.focus();
  }, []);

  // When no unit handles the code, the unit select is where the user must go next.
  useEffect(() => {
    if (needsUnit) unitRef.current?.focus();
  }, [needsUnit]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const code = kle.trim();
    if (!isKleCode(code)) {
      setKleError(t('triage.kleInvalid'));
      kleRef.current?.focus();
      return;
    }
    setKleError(null);
    const body: RouteRequest = { kleCode: code };
    if (kind && kind !== caseKind) body.kind = kind;
    if (unitId) body.unitId = unitId;
    onSubmit(body);
  };

  // Escape anywhere in the form cancels (the KLE field first closes its list).
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      onCancel();
    }
  };

  const kinds = entries('kinds');
  const unitOptions = units.filter((u) => u.kleCodes.length > 0 || u.id === unitId);

  return (
    <form className="triage-correction" onSubmit={submit} onKeyDown={onKeyDown} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`} className="triage-correction__title">
        {t('triage.correctTitle', { number: caseNumber })}
      </h3>
      <div className="triage-correction__grid">
        <KleCombobox
          value={kle}
          onChange={(v) => {
            setKle(v);
            if (kleError) setKleError(null);
          }}
          onEscape={onCancel}
          inputRef={kleRef}
          error={kleError}
          testId="triage-kle-input"
        />
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('triage.caseKind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value)}>
            {kinds.some(([k]) => k === kind) ? null : <option value={kind}>{kind}</option>}
            {kinds.map(([k, text]) => (
              <option key={k} value={k}>
                {text}
              </option>
            ))}
          </select>
        </div>
        <div className={`field${needsUnit && !unitId ? ' field--invalid' : ''}`}>
          <label htmlFor={`${id}-unit`}>{t('triage.unit')}</label>
          {needsUnit && !unitId ? (
            <p id={`${id}-unit-error`} className="field__error">
              {t('triage.unitRequired')}
            </p>
          ) : null}
          <select
            id={`${id}-unit`}
            ref={unitRef}
            value={unitId}
            onChange={(e) => setUnitId(e.target.value)}
            aria-describedby={needsUnit && !unitId ? `${id}-unit-error` : undefined}
            aria-invalid={needsUnit && !unitId ? true : undefined}
          >
            <option value="">{t('triage.unitAuto')}</option>
            {unitOptions.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {needsUnit ? null : <ErrorAlert error={error} />}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy} data-testid="triage-submit" aria-keyshortcuts="Enter">
          {busy ? t('triage.working') : t('triage.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} aria-keyshortcuts="Escape">
          {t('triage.cancel')}
        </button>
      </div>
    </form>
  );
}
