/** Swedish words of the accessibility statement (app/routes/accessibility.tsx), added when its chunk loads (not in the login page's JavaScript). */
export const svAccessibility = {
  'a11y.title': 'Tillgänglighetsredogörelse',
  'a11y.lead':
    'Kommunen står bakom Sesam. Vi vill att så många som möjligt ska kunna använda tjänsten. Här beskriver vi hur Sesam uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service, vilka kända tillgänglighetsproblem som finns och hur du kan rapportera brister till oss så att vi kan åtgärda dem.',
  'a11y.scopeHeading': 'Vad redogörelsen gäller',
  'a11y.scope':
    'Redogörelsen gäller webbtjänsten Sesam, där utförare beställer behörigheter i kommunens verksamhetssystem för sin personal och kommunens IT och support hanterar beställningarna: både sidan Behörigheter i Sesam, som alla kan läsa, och de sidor du når när du har loggat in.',
  'a11y.howHeading': 'Hur tillgänglig är tjänsten?',
  'a11y.how':
    'Vi vet att delar av Sesam inte är helt tillgängliga. Vad det gäller beskrivs under Innehåll som inte är tillgängligt nedan.',
  'a11y.helpHeading': 'Vad kan du göra om du inte kan använda delar av tjänsten?',
  'a11y.help':
    'Om du behöver innehåll från Sesam i ett annat format, till exempel listan över behörigheter som dokument eller uppläst, eller om du inte kan använda någon del av tjänsten, kontakta kommunens support så hjälper vi dig. Support kan också göra det du behöver åt dig.',
  'a11y.contactEmail': 'E-post:',
  'a11y.reportHeading': 'Rapportera brister i tjänstens tillgänglighet',
  'a11y.report':
    'Vi strävar hela tiden efter att förbättra tillgängligheten. Om du upptäcker problem som inte beskrivs på den här sidan, eller om du anser att vi inte uppfyller lagens krav, meddela oss så att vi får veta att problemet finns.',
  'a11y.reportLink': 'Skicka e-post till kommunens support om tillgängligheten i Sesam',
  'a11y.reportSubject': 'Tillgänglighet i Sesam',
  'a11y.enforcementHeading': 'Tillsyn',
  'a11y.enforcement':
    'Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta Digg och påtala det.',
  'a11y.enforcementLink': 'Anmäl bristande tillgänglighet till Myndigheten för digital förvaltning',
  'a11y.externalLink': '(länk till annan webbplats)',
  'a11y.technicalHeading': 'Teknisk information om tjänstens tillgänglighet',
  'a11y.status':
    'Sesam är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan.',
  'a11y.notAccessibleHeading': 'Innehåll som inte är tillgängligt',
  'a11y.notAccessible': 'Det innehåll som beskrivs nedan är på ett eller annat sätt inte helt tillgängligt.',
  'a11y.nonComplianceHeading': 'Bristande förenlighet med lagkraven',
  'a11y.issueTimeout':
    'En inloggning gäller i åtta timmar och upphör sedan utan förvarning; tiden går inte att förlänga. Den som fyller i ett formulär när tiden har gått ut får logga in igen, och det som inte har sparats försvinner (WCAG 2.2.1 Justerbar tidsgräns).',
  'a11y.issueLanguage':
    'Enstaka felmeddelanden som kommer direkt från servern kan visas på engelska i den svenska versionen, utan att språket är angivet (WCAG 3.1.2 Språk för del av innehåll). De vanligaste meddelandena är översatta.',
  'a11y.issueUnfinished':
    'Sidorna Ny beställning, Hantera dina beställningar, IT-kö, Expertanvändare och Behörighetsinnehav är under utveckling. De har inte granskats och ingår inte i bedömningen.',
  'a11y.testedHeading': 'Hur vi testat tjänsten',
  'a11y.tested':
    'Vi har gjort en självskattning (intern testning) av Sesam. Varje sida som våra automatiska tester besöker kontrolleras med verktyget axe mot WCAG 2.1 nivå A och AA, och vi testar att tjänstens flöden går att använda med enbart tangentbord, vid förstoring till 200 procent och på en 320 pixlar bred skärm. Kontrollerna körs före varje ny version.',
  'a11y.notTested': 'Vi har ännu inte testat Sesam med skärmläsare eller andra hjälpmedel, och ingen extern granskning har gjorts.',
  'a11y.assessed': 'Senaste bedömningen gjordes den 7 december 2026.',
  'a11y.updated': 'Redogörelsen uppdaterades senast den 7 december 2026.',
} as const;
