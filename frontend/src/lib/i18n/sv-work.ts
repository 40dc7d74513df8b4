/**
 * Swedish words of the work view (issue 18): the start page's `Att göra`, the markers, IT's queue
 * for volume, messages on an order, the session warning. Part of `sv` (spread at its end).
 */
export const svWork = {
  'nav.allOrders': 'Alla beställningar',
  'nav.menu': 'Meny',
  'holdings.endingSoonFilter': 'Visar behörigheter som snart upphör.',
  'orders.introIt': 'Alla beställningar som skickats till IT, från alla utförare. Sök på namn, referensnummer eller ett helt personnummer.',

  'work.heading': 'Att göra',
  'work.nothing': 'Du har inget att göra just nu.',
  'work.oldestWaiting': '(den äldsta skickades {at})',
  'work.queue.one': '{n} ny beställning i IT-kön',
  'work.queue.other': '{n} nya beställningar i IT-kön',
  'work.mineInProgress.one': '{n} pågående ärende som du har tagit',
  'work.mineInProgress.other': '{n} pågående ärenden som du har tagit',
  'work.returned.one': '{n} beställning med fråga från IT',
  'work.returned.other': '{n} beställningar med fråga från IT',
  'work.drafts.one': '{n} utkast att skicka till IT',
  'work.drafts.other': '{n} utkast att skicka till IT',
  'work.endDatesNear.one': '{n} behörighet som snart upphör',
  'work.endDatesNear.other': '{n} behörigheter som snart upphör',
  'work.orderingRightRequests.one': '{n} begäran om beställningsrätt att besvara',
  'work.orderingRightRequests.other': '{n} begäranden om beställningsrätt att besvara',
  'work.openReviews.one': '{n} pågående behörighetsuppföljning',
  'work.openReviews.other': '{n} pågående behörighetsuppföljningar',
  'work.overdueReviews.one': '{n} försenad behörighetsuppföljning',
  'work.overdueReviews.other': '{n} försenade behörighetsuppföljningar',
  'work.providersWithIssues.one': '{n} utförare som inte uppfyller reglerna',
  'work.providersWithIssues.other': '{n} utförare som inte uppfyller reglerna',
  'work.submitted.one': '{n} beställning hos IT, inte tagen än',
  'work.submitted.other': '{n} beställningar hos IT, inte tagna än',
  'work.inProgress.one': '{n} beställning som IT arbetar med',
  'work.inProgress.other': '{n} beställningar som IT arbetar med',

  'order.marker.question': 'Fråga från IT',
  'order.marker.answer': 'Svar på fråga',
  'order.answerTitle': 'Skickad igen efter en fråga från IT',
  'order.answerBody': '{name} frågade {at}:',
  'order.copiedFromTitle': 'Kopia',
  'order.copiedFrom': 'Kopierad från',
  'order.rejectReasonOfSource': 'IT avvisade den med anledningen',
  'order.openTheOpenOrder': 'Öppna den öppna beställningen {reference}',

  'orders.select': 'Markera',
  'orders.selectOne': 'Markera {reference}',
  'orders.sendSelected': 'Skicka markerade till IT ({n})',
  'orders.sentSeveral': 'Skickade till IT: {references}.',

  'queue.select': 'Markera',
  'queue.selectOne': 'Markera {reference}, {name}',
  'queue.col.extra': 'Uppgifter',
  'queue.allProviders': 'Alla utförare',
  'queue.allKinds': 'Beställ och avbeställ',
  'queue.takeSelected': 'Ta ärende för markerade ({n})',
  'queue.took.one': 'Du har tagit {n} ärende. Det finns under Pågående ärenden.',
  'queue.took.other': 'Du har tagit {n} ärenden. De finns under Pågående ärenden.',

  'messages.heading': 'Meddelanden',
  'messages.none': 'Inga meddelanden än.',
  'messages.sideIt': 'IT',
  'messages.sideOrderer': 'beställare',
  'messages.field': 'Meddelande',
  'messages.hint': 'Den andra sidan får en notis och ett e-postmeddelande.',
  'messages.send': 'Skicka meddelande',
  'messages.sent': 'Meddelandet är skickat.',

  'session.warningTitle': 'Du loggas snart ut',
  'session.warningBody': 'Av säkerhetsskäl loggas du ut om {minutes} minuter. Det du har skrivit i en beställning sparas i webbläsaren till nästa inloggning.',
  'session.stay': 'Fortsätt vara inloggad',
  'session.extended': 'Du är inloggad i ytterligare {hours} timmar.',
  'session.restored': 'Beställningen du skrev innan du loggades ut är ifylld igen.',

  'a11y.timeoutMet':
    'En inloggning gäller i åtta timmar. Fem minuter innan den upphör visar Sesam en varning med knappen Fortsätt vara inloggad, som förlänger inloggningen; en beställning du håller på att skriva sparas i webbläsaren och fylls i igen när du har loggat in (WCAG 2.2.1 Justerbar tidsgräns).',
  'a11y.issueClipped':
    'I IT-kön visas varje beställning på en rad. Långa texter (behörighet, kommentar) kortas av med "…"; hela texten finns i beställningen, som referensnumret länkar till, men inte i själva raden (WCAG 1.3.1 Information och relationer).',
  'a11y.reviewed':
    'Alla sidor, också Ny beställning, Hantera dina beställningar, IT-kö, Alla beställningar, Expertanvändare, Behörighetsinnehav och startsidans Att göra, har granskats på nytt den 7 december 2026: med axe (inga fel), med enbart tangentbord, vid 200 procents förstoring (menyn fälls ihop bakom knappen Meny) och på en 320 pixlar bred skärm (tabeller visas som kort).',
} as const;
