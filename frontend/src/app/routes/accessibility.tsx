import { Page } from '@/components';
import { addWords, useT } from '@/lib/i18n';
import { svAccessibility } from '@/lib/i18n/sv-accessibility';

// The statement's words come with its chunk, not in the login page's JavaScript.
addWords(svAccessibility);

/** The municipality's support, where users report problems and ask for content in another format. */
export const SUPPORT_EMAIL = 'vof.support@kommun.example';
/** Digg's page for reporting inadequate accessibility (its statement model asks for this link). */
export const DIGG_REPORT_URL = 'https://www.digg.se/tdosanmalan';

/**
 * The accessibility statement required by the Swedish law on accessibility of digital public
 * services (lag (2018:1937)), following the structure of Digg's model: who stands behind the
 * service and what it covers, compliance status, how to get content in another format and report
 * problems, enforcement by Digg, the known shortcomings, how the service was tested, and the dates.
 * Update it (and its dates) when a shortcoming is fixed or found.
 */
export function AccessibilityRoute() {
  const t = useT();
  const mailto = `mailto:${SUPPORT_EMAIL}?subject=${encodeURIComponent(t('a11y.reportSubject'))}`;
  return (
    <Page title={t('a11y.title')}>
      <div className="prose">
        <p className="lead">{t('a11y.lead')}</p>

        <h2>{t('a11y.scopeHeading')}</h2>
        <p>{t('a11y.scope')}</p>

        <h2>{t('a11y.howHeading')}</h2>
        <p>{t('a11y.how')}</p>

        <h2>{t('a11y.helpHeading')}</h2>
        <p>{t('a11y.help')}</p>
        <p>
          {t('a11y.contactEmail')} <a href={`mailto:${SUPPORT_EMAIL}`}>{SUPPORT_EMAIL}</a>
        </p>

        <h2>{t('a11y.reportHeading')}</h2>
        <p>{t('a11y.report')}</p>
        <p>
          <a href={mailto}>{t('a11y.reportLink')}</a>
        </p>

        <h2>{t('a11y.enforcementHeading')}</h2>
        <p>{t('a11y.enforcement')}</p>
        <p>
          <a href={DIGG_REPORT_URL} hrefLang="sv">
            {t('a11y.enforcementLink')}
          </a>{' '}
          <span className="muted">{t('a11y.externalLink')}</span>
        </p>

        <h2>{t('a11y.technicalHeading')}</h2>
        <p>{t('a11y.status')}</p>
        <p>{t('a11y.timeoutMet')}</p>

        <h2>{t('a11y.notAccessibleHeading')}</h2>
        <p>{t('a11y.notAccessible')}</p>
        <h3>{t('a11y.nonComplianceHeading')}</h3>
        <ul>
          <li>{t('a11y.issueLanguage')}</li>
          <li>{t('a11y.issueClipped')}</li>
        </ul>

        <h2>{t('a11y.testedHeading')}</h2>
        <p>{t('a11y.tested')}</p>
        <p>{t('a11y.reviewed')}</p>
        <p>{t('a11y.notTested')}</p>
        <p>{t('a11y.assessed')}</p>
        <p>{t('a11y.updated')}</p>
      </div>
    </Page>
  );
}
