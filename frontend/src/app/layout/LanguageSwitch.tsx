import { useI18n } from '@/lib/i18n';

/** One button that switches to the other language; its text is in that language (and marked so). */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  const other = language === 'sv' ? 'en' : 'sv';
  return (
    <button type="button" className="button button--link language-switch" lang={other} onClick={() => setLanguage(other)}>
      {t('lang.switch')}
    </button>
  );
}
