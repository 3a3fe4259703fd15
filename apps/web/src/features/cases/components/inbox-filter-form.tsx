import { type FormEvent, useId, useState } from 'react';
import type { InboxSort } from '../../../api/types';
import { useT } from '../../../i18n';
import type { InboxFilters } from '../api';
import { defaultFilters } from '../inbox-filters';

interface InboxFilterFormProps {
  initial: InboxFilters;
  onApply: (filters: InboxFilters) => void;
}

/**
 * The inbox filters. They apply on submit (button or Enter), not on every change, so a keyboard or
 * screen-reader user is never surprised by the table changing under them while they set a filter.
 */
export function InboxFilterForm({ initial, onApply }: InboxFilterFormProps) {
  const { t, entries } = useT();
  const [f, setF] = useState<InboxFilters>(initial);
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...f, offset: 0 });
  };

  const toggleState = (state: string, checked: boolean) =>
    setF((prev) => ({ ...prev, states: checked ? [...prev.states, state] : prev.states.filter((s) => s !== state) }));

  return (
    <form className="filters" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="filters__title">
        {t('inbox.filters')}
      </h2>
      <div className="filters__grid">
        <div className="field filters__search">
          <label htmlFor={`${id}-q`}>{t('inbox.search')}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={f.q}
            onChange={(e) => setF({ ...f, q: e.target.value })}
            aria-describedby={`${id}-q-hint`}
            maxLength={300}
          />
          <p id={`${id}-q-hint`} className="field__hint">
            {t('inbox.searchHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('inbox.kind')}</label>
          <select id={`${id}-kind`} value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value })}>
            <option value="">{t('inbox.allKinds')}</option>
            {entries('kinds').map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-deadline`}>{t('inbox.deadlineBefore')}</label>
          <input id={`${id}-deadline`} type="date" value={f.deadlineBefore} onChange={(e) => setF({ ...f, deadlineBefore: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-sort`}>{t('inbox.sort')}</label>
          <select id={`${id}-sort`} value={f.sort} onChange={(e) => setF({ ...f, sort: e.target.value as InboxSort })}>
            <option value="deadline">{t('inbox.sortDeadline')}</option>
            <option value="received">{t('inbox.sortReceived')}</option>
            <option value="number">{t('inbox.sortNumber')}</option>
          </select>
        </div>
      </div>
      <fieldset className="filters__states">
        <legend>{t('inbox.state')}</legend>
        <div className="checkbox-row">
          {entries('states').map(([value, text]) => (
            <div className="checkbox" key={value}>
              <input id={`${id}-state-${value}`} type="checkbox" checked={f.states.includes(value)} onChange={(e) => toggleState(value, e.target.checked)} />
              <label htmlFor={`${id}-state-${value}`}>{text}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <div className="filters__footer">
        <div className="checkbox">
          <input id={`${id}-mine`} type="checkbox" checked={f.mine} onChange={(e) => setF({ ...f, mine: e.target.checked })} />
          <label htmlFor={`${id}-mine`}>{t('inbox.mine')}</label>
        </div>
        <div className="checkbox">
          <input id={`${id}-closed`} type="checkbox" checked={f.includeClosed} onChange={(e) => setF({ ...f, includeClosed: e.target.checked })} />
          <label htmlFor={`${id}-closed`}>{t('inbox.includeClosed')}</label>
        </div>
        <div className="button-row">
          <button type="submit" className="button button--primary">
            {t('inbox.apply')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setF(defaultFilters);
              onApply(defaultFilters);
            }}
          >
            {t('inbox.reset')}
          </button>
        </div>
      </div>
    </form>
  );
}
