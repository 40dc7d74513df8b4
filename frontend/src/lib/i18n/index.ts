export {
  addWords,
  getActiveLanguage,
  I18nProvider,
  isLanguageLoaded,
  LANGUAGES,
  loadLanguage,
  loadSavedLanguage,
  plural,
  translate,
  useI18n,
  useT,
} from './i18n';
export type { Language, Translate } from './i18n';
export type { Dictionary, MessageKey } from './keys';
export { formatDate, formatDateTime } from './format';
