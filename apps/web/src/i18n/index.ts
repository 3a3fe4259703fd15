export type { Dictionary } from './da';
export { I18nProvider, interpolate, type LabelGroup, type Language, type MessageKey, type Translator, useT } from './i18n';
export { LanguageSwitcher } from './language-switcher';
