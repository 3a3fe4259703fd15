import { type Language, languages, useT } from './i18n';

/** Two toggle buttons, each labelled in its own language so either can be found by its speakers. */
export function LanguageSwitcher() {
  const { lang, setLang, t } = useT();
  return (
    <fieldset className="language-switcher">
      <legend className="visually-hidden">{t('app.languageLabel')}</legend>
      <div className="language-switcher__buttons">
        {languages.map((code: Language) => (
          <button key={code} type="button" lang={code} aria-pressed={lang === code} className="language-switcher__button" onClick={() => setLang(code)}>
            {t(`language.${code}`)}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
