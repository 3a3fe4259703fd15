import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type Dictionary, da } from './da';
import { en } from './en';

export type Language = 'da' | 'en';
export const languages: readonly Language[] = ['da', 'en'];

const dictionaries: Record<Language, Dictionary> = { da, en };
const storageKey = 'ekspedit.language';
const timeZone = 'Europe/Copenhagen';

type Vars = Record<string, string | number>;

// "group.key" for every string leaf of the dictionary, so a typo in a key is a type error.
type Leaves<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${Leaves<T[K]>}`;
}[keyof T & string];
export type MessageKey = Leaves<Dictionary>;

/** The dictionary groups that map API identifiers (kinds, states, …) to labels. */
export type LabelGroup = {
  [G in keyof Dictionary]: Dictionary[G] extends Record<string, string> ? G : never;
}[keyof Dictionary];

/** Replaces `{name}` placeholders; unknown placeholders are left visible so they get noticed. */
export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

function lookup(dict: Dictionary, key: string): string | undefined {
  const [group, ...rest] = key.split('.');
  const table = (dict as unknown as Record<string, Record<string, string>>)[group ?? ''];
  return table?.[rest.join('.')];
}

function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(storageKey);
    if (stored === 'da' || stored === 'en') return stored;
  } catch {
    // Storage can be blocked (private mode, policy); Danish is the default then.
  }
  return 'da';
}

export interface Translator {
  lang: Language;
  setLang: (lang: Language) => void;
  /** A message by key, with `{name}` placeholders filled. */
  t: (key: MessageKey, vars?: Vars) => string;
  /** The label for an API identifier (a kind, state, …), or the identifier itself when unknown. */
  label: (group: LabelGroup, id: string, vars?: Vars) => string;
  /** Every identifier of a group with its label, in dictionary order (for selects and filters). */
  entries: (group: LabelGroup) => [id: string, label: string][];
  /** True when the dictionary has a label for the identifier. */
  hasLabel: (group: LabelGroup, id: string) => boolean;
  /** A timestamp as local Copenhagen date and time. */
  formatDateTime: (iso: string) => string;
  /** A calendar date (YYYY-MM-DD) without shifting it through time zones. */
  formatDate: (isoDate: string) => string;
  /** A byte count as B/kB/MB. */
  formatBytes: (bytes: number) => string;
  formatNumber: (n: number) => string;
}

const I18nContext = createContext<Translator | null>(null);

/** Holds the chosen language, persists it, and keeps `<html lang>` in step. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(readStoredLanguage);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Language) => {
    setLangState(next);
    try {
      window.localStorage.setItem(storageKey, next);
    } catch {
      // Not persisted; the choice still holds for this visit.
    }
  }, []);

  const value = useMemo<Translator>(() => {
    const dict = dictionaries[lang];
    const locale = lang === 'da' ? 'da-DK' : 'en-GB';
    const dateTime = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
    // Calendar dates are formatted in UTC so that 2025-03-10 stays the 10th whatever the offset.
    const dateOnly = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
    const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    return {
      lang,
      setLang,
      t: (key, vars) => interpolate(lookup(dict, key) ?? lookup(da, key) ?? key, vars),
      label: (group, id, vars) => interpolate((dict[group] as Record<string, string>)[id] ?? id, vars),
      entries: (group) => Object.entries(dict[group] as Record<string, string>),
      hasLabel: (group, id) => id in (dict[group] as Record<string, string>),
      formatDateTime: (iso) => {
        const d = new Date(iso);
        return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
      },
      formatDate: (isoDate) => {
        const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
        return Number.isNaN(d.getTime()) ? isoDate : dateOnly.format(d);
      },
      formatBytes: (bytes) => {
        if (bytes < 1024) return interpolate(dict.units.bytes, { n: bytes });
        if (bytes < 1024 * 1024) return interpolate(dict.units.kilobytes, { n: number.format(bytes / 1024) });
        return interpolate(dict.units.megabytes, { n: number.format(bytes / (1024 * 1024)) });
      },
      formatNumber: (n) => number.format(n),
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The translator for the current language. */
export function useT(): Translator {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT() must be used inside <I18nProvider>');
  return value;
}
