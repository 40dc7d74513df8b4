/**
 * Swedish words of the work view (issue 18) that the entry needs, spread into `sv`. The rest are in
 * sv-summary.ts (the start page's `Att göra`) and sv-orders.ts (markers, messages, IT's queue for
 * volume), added by their features when their chunks load: a file of its own each, since the bundler
 * keeps a module whole in one chunk.
 */
export const svWorkCore = {
  'nav.allOrders': 'Alla beställningar',
  'nav.menu': 'Meny',
  'holdings.endingSoonFilter': 'Visar behörigheter som snart upphör.',
  'orders.introIt': 'Alla beställningar som skickats till IT, från alla utförare. Sök på namn, referensnummer eller ett helt personnummer.',
  'session.warningTitle': 'Du loggas snart ut',
  'session.warningBody': 'Av säkerhetsskäl loggas du ut om {minutes} minuter. Det du har skrivit i en beställning sparas i webbläsaren till nästa inloggning.',
  'session.stay': 'Fortsätt vara inloggad',
  'session.extended': 'Du är inloggad i ytterligare {hours} timmar.',
  'a11y.timeoutMet':
    'En inloggning gäller i åtta timmar. Fem minuter innan den upphör visar Sesam en varning med knappen Fortsätt vara inloggad, som förlänger inloggningen; en beställning du håller på att skriva sparas i webbläsaren och fylls i igen när du har loggat in (WCAG 2.2.1 Justerbar tidsgräns).',
  'a11y.issueClipped':
    'I IT-kön visas varje beställning på en rad. Långa texter (behörighet, kommentar) kortas av med "…"; hela texten finns i beställningen, som referensnumret länkar till, men inte i själva raden (WCAG 1.3.1 Information och relationer).',
  'a11y.reviewed':
    'Alla sidor, också Ny beställning, Hantera dina beställningar, IT-kö, Alla beställningar, Expertanvändare, Behörighetsinnehav och startsidans Att göra, har granskats på nytt den 7 december 2026: med axe (inga fel), med enbart tangentbord, vid 200 procents förstoring (menyn fälls ihop bakom knappen Meny) och på en 320 pixlar bred skärm (tabeller visas som kort).',
} as const;
