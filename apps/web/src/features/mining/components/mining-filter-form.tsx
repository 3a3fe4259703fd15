import { type FormEvent, useId, useState } from 'react';
import type { UnitDto } from '../../../api/types';
import { useT } from '../../../i18n';
import type { MiningFilters } from '../api';
import { emptyFilters, klePattern } from '../query';

interface MiningFilterFormProps {
  title: string;
  initial: MiningFilters;
  /** Units to choose from; null when the user sees only their own unit (the server scopes it). */
  units: UnitDto[] | null;
  ownUnitName: string | null;
  onApply: (filters: MiningFilters) => void;
}

/** Which cases to mine. Applies on submit, like the inbox filters, so nothing moves while a filter is set. */
export function MiningFilterForm({ title, initial, units, ownUnitName, onApply }: MiningFilterFormProps) {
  const { t, entries } = useT();
  const [f, setF] = useState<MiningFilters>(initial);
  const [kleError, setKleError] = useState(false);
  const [periodError, setPeriodError] = useState(false);
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const kle = f.kle.trim();
    const badKle = kle !== '' && !klePattern.test(kle);
    const badPeriod = f.from !== '' && f.to !== '' && f.to < f.from;
    setKleError(badKle);
    setPeriodError(badPeriod);
    if (badKle) document.getElementById(`${id}-kle`)?.focus();
    else if (badPeriod) document.getElementById(`${id}-to`)?.focus();
    if (badKle || badPeriod) return;
    onApply({ ...f, kle });
  };

  return (
    <form className="filters mining-filters" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`} className="filters__title">
        {title}
      </h2>
      <div className="mining-filters__grid">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('mining.kind')}</label>
          <select id={`${id}-kind`} value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value })}>
            <option value="">{t('mining.allKinds')}</option>
            {entries('kinds').map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          {units ? (
            <>
              <label htmlFor={`${id}-unit`}>{t('mining.unit')}</label>
              <select id={`${id}-unit`} value={f.unit} onChange={(e) => setF({ ...f, unit: e.target.value })}>
                <option value="">{t('mining.allUnits')}</option>
                {units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </>
          ) : (
            <>
              <span className="mining-filters__label">{t('mining.unit')}</span>
              <span className="mining-filters__own-unit">{ownUnitName ?? t('mining.ownUnit')}</span>
              <p className="field__hint">{t('mining.ownUnitHint')}</p>
            </>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('mining.from')}</label>
          <input id={`${id}-from`} type="date" value={f.from} onChange={(e) => setF({ ...f, from: e.target.value })} />
        </div>
        <div className={`field${periodError ? ' field--invalid' : ''}`}>
          <label htmlFor={`${id}-to`}>{t('mining.to')}</label>
          <input
            id={`${id}-to`}
            type="date"
            value={f.to}
            onChange={(e) => setF({ ...f, to: e.target.value })}
            aria-invalid={periodError || undefined}
            aria-describedby={periodError ? `${id}-to-error` : undefined}
          />
          {periodError ? (
            <p id={`${id}-to-error`} className="field__error">
              {t('mining.periodInvalid')}
            </p>
          ) : null}
        </div>
        <div className={`field${kleError ? ' field--invalid' : ''}`}>
          <label htmlFor={`${id}-kle`}>{t('mining.kle')}</label>
          <input
            id={`${id}-kle`}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={f.kle}
            maxLength={8}
            onChange={(e) => setF({ ...f, kle: e.target.value })}
            aria-invalid={kleError || undefined}
            aria-describedby={`${id}-kle-hint${kleError ? ` ${id}-kle-error` : ''}`}
          />
          <p id={`${id}-kle-hint`} className="field__hint">
            {t('mining.kleHint')}
          </p>
          {kleError ? (
            <p id={`${id}-kle-error`} className="field__error">
              {t('mining.kleInvalid')}
            </p>
          ) : null}
        </div>
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary">
          {t('mining.apply')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setF(emptyFilters);
            setKleError(false);
            setPeriodError(false);
            onApply(emptyFilters);
          }}
        >
          {t('mining.reset')}
        </button>
      </div>
    </form>
  );
}
