/**
 * Swedish, the default language and the source of every key. The words are the municipality's own;
 * several of them are accessible names that the tests rely on (see SPEC.md, "The frontend").
 */
export const sv = {
  'app.name': 'Sesam',
  'app.tagline': 'Beställning av behörigheter i kommunens verksamhetssystem',
  'app.skipToContent': 'Till huvudinnehållet',
  'app.mainNav': 'Huvudmeny',
  'app.footer': 'Sidfot',
  'app.loading': 'Laddar …',
  'app.loggedInAs': 'Inloggad som {name}',

  'lang.switch': 'In English',
  'lang.switchLabel': 'Byt språk till engelska',

  'nav.newOrder': 'Ny beställning',
  'nav.orders': 'Hantera dina beställningar',
  'nav.catalogue': 'Behörigheter i Sesam',
  'nav.expertUsers': 'Expertanvändare',
  'nav.orderingRights': 'Beställningsrätt',
  'nav.holdings': 'Behörighetsinnehav',
  'nav.itQueue': 'IT-kö',
  'nav.admin': 'Administration',
  'nav.logout': 'Logga ut',
  'nav.login': 'Logga in',
  'nav.home': 'Start',
  'nav.accessibility': 'Tillgänglighetsredogörelse',

  'field.required': 'obligatoriskt',

  'login.title': 'Logga in',
  'login.intro': 'Logga in med ditt konto i Sesam.',
  'login.email': 'E-post',
  'login.password': 'Lösenord',
  'login.submit': 'Logga in',
  'login.emailRequired': 'Fyll i din e-postadress.',
  'login.passwordRequired': 'Fyll i ditt lösenord.',
  'login.failed': 'Inloggningen misslyckades',
  'login.sessionEnded': 'Du har loggats ut. Logga in igen för att fortsätta.',
  'login.catalogueHint': 'Du kan läsa om behörigheterna i Sesam utan att logga in:',

  'error.network': 'Det gick inte att nå Sesam. Kontrollera din anslutning och försök igen.',
  'error.unexpected': 'Något gick fel. Försök igen.',
  'error.title': 'Något gick fel',

  'home.title': 'Välkommen, {name}',
  'home.orderingRights': 'Du har beställningsrätt för:',
  'home.noOrderingRight':
    'Du har ingen beställningsrätt. Under Beställningsrätt kan du begära en av din organisations beställare.',
  'home.roleAdmin': 'Du är support (administratör) i Sesam.',
  'home.roleIt': 'Du arbetar med behörighetsadministration (IT).',
  'home.chooseBelow': 'Välj vad du vill göra i menyn.',

  'catalogue.title': 'Behörigheter i Sesam',
  'catalogue.intro':
    'Här finns verksamhetssystemen och de behörigheter som kan beställas i Sesam, med en beskrivning av varje behörighet.',
  'catalogue.search': 'Sök behörighet eller system',
  'catalogue.searchHint': 'Sökningen visar system och behörigheter vars namn eller beskrivning innehåller texten.',
  'catalogue.count': '{systems} och {permissions} visas.',
  'catalogue.systems.one': '{n} system',
  'catalogue.systems.other': '{n} system',
  'catalogue.permissionsCount.one': '{n} behörighet',
  'catalogue.permissionsCount.other': '{n} behörigheter',
  'catalogue.noMatch': 'Inga system eller behörigheter matchar sökningen.',
  'catalogue.empty': 'Det finns inga behörigheter att visa.',
  'catalogue.requires': 'En beställning av behörighet i systemet kräver:',
  'catalogue.requiresNothing': 'Systemet kräver inga extra uppgifter vid beställning.',
  'catalogue.allowedValues': 'tillåtna värden:',
  'catalogue.permissions': 'Behörigheter i {system}',
  'catalogue.noPermissions': 'Inga behörigheter i systemet.',
  'catalogue.error': 'Det gick inte att hämta behörigheterna.',

  'extraField.lifecare_title': 'Titel för Lifecare',
  'extraField.profession': 'Profession',

  'placeholder.body': 'Den här sidan är inte byggd ännu. Den kommer i en senare version av Sesam.',
  'forbidden.title': 'Ingen åtkomst',
  'forbidden.body': 'Du har inte behörighet att se den här sidan.',
  'notFound.title': 'Sidan finns inte',
  'notFound.body': 'Sidan du söker finns inte. Kontrollera adressen eller gå till startsidan.',
  'notFound.home': 'Till startsidan',
} as const;

export type MessageKey = keyof typeof sv;
export type Dictionary = { readonly [K in MessageKey]: string };
