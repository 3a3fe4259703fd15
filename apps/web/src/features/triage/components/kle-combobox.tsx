import { type KeyboardEvent, type RefObject, useEffect, useId, useState } from 'react';
import { useT } from '../../../i18n';
import { fetchKle, type KleEntry } from '../api';
import { isKleUnavailable, noteKleFailure, rememberKle } from '../use-kle';

interface KleComboboxProps {
  value: string;
  onChange: (value: string) => void;
  /** Escape with the list closed: the surrounding form cancels. */
  onEscape: () => void;
  inputRef: RefObject<HTMLInputElement | null>;
  error: string | null;
  testId?: string;
}

/**
 * A KLE code field with suggestions (ARIA 1.2 combobox with a list popup). Typing never picks a
 * suggestion by itself: arrow down/up move through the list, Enter takes the highlighted one, and
 * Enter with nothing highlighted submits the form with what was typed. Without /api/kle it is a
 * plain text field.
 */
export function KleCombobox({ value, onChange, onEscape, inputRef, error, testId }: KleComboboxProps) {
  const { t } = useT();
  const id = useId();
  const [options, setOptions] = useState<KleEntry[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [offline, setOffline] = useState(isKleUnavailable);
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  useEffect(() => {
    const q = value.trim();
    if (offline || q.length < 2) {
      setOptions([]);
      setActive(-1);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      fetchKle(q, 10, controller.signal)
        .then(({ items }) => {
          const list = Array.isArray(items) ? items.filter((i) => typeof i?.code === 'string') : [];
          rememberKle(list);
          setOptions(list);
          setActive(-1);
        })
        .catch((e) => {
          if (controller.signal.aborted) return;
          noteKleFailure(e);
          setOffline(isKleUnavailable());
          setOptions([]);
        });
    }, 150);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [value, offline]);

  const expanded = open && options.length > 0;

  const choose = (entry: KleEntry) => {
    onChange(entry.code);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && options.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % options.length);
    } else if (event.key === 'ArrowUp' && options.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((a) => (a <= 0 ? options.length - 1 : a - 1));
    } else if (event.key === 'Enter' && expanded && active >= 0) {
      const entry = options[active];
      if (entry) {
        event.preventDefault();
        choose(entry);
      }
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      if (expanded) {
        setOpen(false);
        setActive(-1);
      } else {
        onEscape();
      }
    }
  };

  const activeId = expanded && active >= 0 ? `${id}-opt-${active}` : undefined;
  const describedBy = [hintId, error ? errorId : null].filter(Boolean).join(' ');

  return (
    <div className={`field kle-combobox${error ? ' field--invalid' : ''}`}>
      <label htmlFor={`${id}-input`}>{t('triage.kle')}</label>
      <p id={hintId} className="field__hint">
        {offline ? t('triage.kleHintOffline') : t('triage.kleHint')}
      </p>
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
      <div className="kle-combobox__control">
        <input
          ref={inputRef}
          id={`${id}-input`}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={activeId}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          autoComplete="off"
          spellCheck={false}
          value={value}
          maxLength={200}
          data-testid={testId}
          onChange={(e) => {
            onChange(e.target.value);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
        />
        <div id={listId} role="listbox" aria-label={t('triage.kleOptions')} className="kle-combobox__list" hidden={!expanded}>
          {options.map((o, i) => (
            // biome-ignore lint/a11y/useFocusableInteractive: options are reached with aria-activedescendant from the field, which keeps focus
            // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard picks with the arrows and Enter in the field
            <div
              key={o.code}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={`kle-combobox__option${i === active ? ' kle-combobox__option--active' : ''}`}
              // Keeps focus in the field while the mouse picks.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(o)}
            >
              <span className="kle-combobox__code">{o.code}</span> <span>{o.title}</span>
            </div>
          ))}
        </div>
      </div>
      {offline ? null : (
        <p className="visually-hidden" role="status">
          {open && value.trim().length >= 2 ? (options.length > 0 ? t('triage.kleResults', { count: options.length }) : '') : ''}
        </p>
      )}
    </div>
  );
}
