export { getActiveLanguage, I18nProvider, LANGUAGES, plural, translate, useI18n, useT } from './i18n';
export type { Language, Translate } from './i18n';
export type { MessageKey } from './sv';
export { formatDate, formatDateTime } from './format';
