import { Page } from '@/components';
import { useI18n } from '@/lib/i18n';

/**
 * The accessibility statement required by the Swedish law on accessibility of digital public
 * services (lag (2018:1937)). A preliminary version: the municipality completes the contact details
 * and the result of its own review before Sesam goes live.
 */
export function AccessibilityRoute() {
  const { language } = useI18n();
  return language === 'sv' ? <Swedish /> : <English />;
}

function Swedish() {
  return (
    <Page title="Tillgänglighetsredogörelse">
      <p className="lead">
        Kommunen står bakom Sesam. Vi vill att så många som möjligt ska kunna använda tjänsten. Den här
        redogörelsen beskriver hur Sesam uppfyller lagen (2018:1937) om tillgänglighet till digital
        offentlig service, kända tillgänglighetsproblem och hur du kan rapportera brister till oss.
      </p>
      <p>
        <strong>Preliminär version.</strong> Redogörelsen fylls i med resultatet av kommunens granskning
        innan tjänsten tas i bruk.
      </p>
      <h2>Hur tillgänglig är tjänsten?</h2>
      <p>
        Sesam är byggt för att uppfylla WCAG 2.1 nivå AA. Alla fält har etiketter, obligatoriska fält är
        markerade, fel visas vid det fält de gäller, tjänsten kan användas med enbart tangentbord och
        fungerar vid förstoring och på smala skärmar. Varje vy granskas automatiskt mot WCAG 2.1 AA
        innan en ny version släpps.
      </p>
      <h2>Vad kan du göra om du inte kan använda delar av tjänsten?</h2>
      <p>
        Om du behöver innehåll i ett annat format eller inte kan använda någon del av Sesam, kontakta
        kommunens support (vof.support) så hjälper vi dig.
      </p>
      <h2>Rapportera brister i tjänstens tillgänglighet</h2>
      <p>
        Vi strävar hela tiden efter att förbättra tillgängligheten. Om du upptäcker problem som inte
        beskrivs här, eller om du anser att vi inte uppfyller lagens krav, meddela kommunens support
        (vof.support) så att vi får veta att problemet finns.
      </p>
      <h2>Tillsyn</h2>
      <p>
        Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om tillgänglighet
        till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du
        kontakta Digg och påtala det.
      </p>
      <h2>Teknisk information om tjänstens tillgänglighet</h2>
      <p>Kända brister: inga kända brister i den preliminära versionen.</p>
      <h2>Hur vi testat tjänsten</h2>
      <p>
        Vi testar Sesam med automatiska kontroller (axe) mot WCAG 2.1 A och AA på varje sida, och med
        tangentbordsnavigering.
      </p>
    </Page>
  );
}

function English() {
  return (
    <Page title="Accessibility statement">
      <p className="lead">
        The municipality is responsible for Sesam. We want as many people as possible to be able to use
        it. This statement describes how Sesam meets the Swedish law on accessibility of digital public
        services (2018:1937), known accessibility problems and how to report shortcomings to us.
      </p>
      <p>
        <strong>Preliminary version.</strong> The statement will be completed with the result of the
        municipality&apos;s review before the service goes live.
      </p>
      <h2>How accessible is the service?</h2>
      <p>
        Sesam is built to meet WCAG 2.1 level AA. Every field has a label, mandatory fields are marked,
        errors are shown beside the field they concern, the service can be used with the keyboard alone
        and works zoomed in and on narrow screens. Every view is checked automatically against WCAG 2.1
        AA before a new version is released.
      </p>
      <h2>What to do if you cannot use parts of the service</h2>
      <p>
        If you need content in another format or cannot use a part of Sesam, contact the
        municipality&apos;s support (vof.support) and we will help you.
      </p>
      <h2>Reporting accessibility problems</h2>
      <p>
        We keep working to improve accessibility. If you find a problem not described here, or think we
        do not meet the requirements of the law, tell the municipality&apos;s support (vof.support).
      </p>
      <h2>Enforcement</h2>
      <p>
        The Swedish Agency for Digital Government (Digg) enforces the law on accessibility of digital
        public services. If you are not satisfied with how we handle your comments, you can contact Digg.
      </p>
      <h2>Technical information about accessibility</h2>
      <p>Known shortcomings: none known in the preliminary version.</p>
      <h2>How we tested the service</h2>
      <p>We test Sesam with automated checks (axe) against WCAG 2.1 A and AA on every page, and with keyboard navigation.</p>
    </Page>
  );
}
