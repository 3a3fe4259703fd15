import { type FormEvent, useId, useState } from 'react';
import type { UnitDto } from '../../../api/types';
import { useT } from '../../../i18n';
import type { MeasurementFilters } from '../api';
import { defaultPeriod } from '../query';

/** Which cases to measure: period, unit, kind, channel, and optionally the baseline. Applies on submit. */
export function MeasurementFilterForm({
  initial,
  units,
  onApply,
}: {
  initial: MeasurementFilters;
  units: UnitDto[];
  onApply: (f: MeasurementFilters) => void;
}) {
  const { t, entries } = useT();
  const [f, setF] = useState<MeasurementFilters>(initial);
  const [error, setError] = useState<'period' | 'baseline' | null>(null);
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const badPeriod = !f.from || !f.to || f.to < f.from;
    const badBaseline = (f.baselineFrom !== '') !== (f.baselineTo !== '') || (f.baselineFrom !== '' && f.baselineTo < f.baselineFrom);
    setError(badPeriod ? 'period' : badBaseline ? 'baseline' : null);
    if (badPeriod) document.getElementById(`${id}-to`)?.focus();
    else if (badBaseline) document.getElementById(`${id}-baseline-to`)?.focus();
    if (badPeriod || badBaseline) return;
    onApply(f);
  };

  const field = (key: 'from' | 'to' | 'baselineFrom' | 'baselineTo', domId: string, label: string, errorKey: 'period' | 'baseline' | null) => {
    const isInvalid = errorKey !== null && error === errorKey;
    return (
      <div className={`field${isInvalid ? ' field--invalid' : ''}`}>
        <label htmlFor={domId}>{label}</label>
        <input
          id={domId}
          type="date"
          value={f[key]}
          onChange={(e) => setF({ ...f, [key]: e.target.value })}
          aria-invalid={isInvalid || undefined}
          aria-describedby={isInvalid ? `${domId}-error` : undefined}
        />
        {isInvalid ? (
          <p id={`${domId}-error`} className="field__error">
            {errorKey === 'period' ? t('measurement.periodInvalid') : t('measurement.baselineInvalid')}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <form className="filters mining-filters" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate data-testid="measurement-filters">
      <h2 id={`${id}-title`} className="filters__title">
        {t('measurement.filters')}
      </h2>
      <div className="mining-filters__grid">
        {field('from', `${id}-from`, t('measurement.from'), null)}
        {field('to', `${id}-to`, t('measurement.to'), 'period')}
        <div className="field">
          <label htmlFor={`${id}-unit`}>{t('measurement.unit')}</label>
          <select id={`${id}-unit`} value={f.unit} onChange={(e) => setF({ ...f, unit: e.target.value })}>
            <option value="">{t('measurement.allUnits')}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('measurement.kind')}</label>
          <select id={`${id}-kind`} value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value })}>
            <option value="">{t('measurement.allKinds')}</option>
            {entries('kinds').map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-channel`}>{t('measurement.channel')}</label>
          <select id={`${id}-channel`} value={f.channel} onChange={(e) => setF({ ...f, channel: e.target.value })}>
            <option value="">{t('measurement.allChannels')}</option>
            {entries('channels').map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="field">
        <legend>{t('measurement.baselineLegend')}</legend>
        <p className="field__hint" id={`${id}-baseline-hint`}>
          {t('measurement.baselineHint')}
        </p>
        <div className="mining-filters__grid">
          {field('baselineFrom', `${id}-baseline-from`, t('measurement.baselineFrom'), null)}
          {field('baselineTo', `${id}-baseline-to`, t('measurement.baselineTo'), 'baseline')}
        </div>
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button button--primary">
          {t('measurement.apply')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            const reset = { ...defaultPeriod(), unit: '', kind: '', channel: '', baselineFrom: '', baselineTo: '' };
            setF(reset);
            setError(null);
            onApply(reset);
          }}
        >
          {t('measurement.reset')}
        </button>
      </div>
    </form>
  );
}
