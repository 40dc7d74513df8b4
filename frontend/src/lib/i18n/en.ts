import type { Dictionary } from './sv';

/** English: every Swedish key must have a translation here (the type checks it). */
export const en: Dictionary = {
  'app.name': 'Sesam',
  'app.tagline': "Ordering permissions in the municipality's business systems",
  'app.skipToContent': 'Skip to main content',
  'app.mainNav': 'Main menu',
  'app.footer': 'Footer',
  'app.loading': 'Loading …',
  'app.loggedInAs': 'Logged in as {name}',

  'lang.switch': 'På svenska',
  'lang.switchLabel': 'Switch language to Swedish',

  'nav.newOrder': 'New order',
  'nav.orders': 'Manage your orders',
  'nav.catalogue': 'Permissions in Sesam',
  'nav.expertUsers': 'Expert users',
  'nav.orderingRights': 'Ordering rights',
  'nav.holdings': 'Permission holdings',
  'nav.itQueue': 'IT queue',
  'nav.admin': 'Administration',
  'nav.logout': 'Log out',
  'nav.login': 'Log in',
  'nav.home': 'Home',
  'nav.accessibility': 'Accessibility statement',

  'field.required': 'required',

  'login.title': 'Log in',
  'login.intro': 'Log in with your Sesam account.',
  'login.email': 'Email',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.emailRequired': 'Enter your email address.',
  'login.passwordRequired': 'Enter your password.',
  'login.failed': 'Login failed',
  'login.sessionEnded': 'You have been logged out. Log in again to continue.',
  'login.catalogueHint': 'You can read about the permissions in Sesam without logging in:',

  'error.network': 'Sesam could not be reached. Check your connection and try again.',
  'error.unexpected': 'Something went wrong. Please try again.',
  'error.title': 'Something went wrong',

  'home.title': 'Welcome, {name}',
  'home.orderingRights': 'You hold ordering rights for:',
  'home.noOrderingRight':
    "You hold no ordering right. Under Ordering rights you can ask your organisation's orderers for one.",
  'home.roleAdmin': 'You are support (administrator) in Sesam.',
  'home.roleIt': 'You work with permission provisioning (IT).',
  'home.chooseBelow': 'Choose what to do in the menu.',

  'catalogue.title': 'Permissions in Sesam',
  'catalogue.intro':
    'The business systems and the permissions that can be ordered in Sesam, with a description of each permission.',
  'catalogue.search': 'Search permission or system',
  'catalogue.searchHint': 'The search shows systems and permissions whose name or description contains the text.',
  'catalogue.count': 'Showing {systems} and {permissions}.',
  'catalogue.systems.one': '{n} system',
  'catalogue.systems.other': '{n} systems',
  'catalogue.permissionsCount.one': '{n} permission',
  'catalogue.permissionsCount.other': '{n} permissions',
  'catalogue.noMatch': 'No system or permission matches the search.',
  'catalogue.empty': 'There are no permissions to show.',
  'catalogue.requires': 'An order for a permission in this system requires:',
  'catalogue.requiresNothing': 'The system requires no extra information on orders.',
  'catalogue.allowedValues': 'allowed values:',
  'catalogue.permissions': 'Permissions in {system}',
  'catalogue.noPermissions': 'No permissions in this system.',
  'catalogue.error': 'The permissions could not be loaded.',

  'extraField.lifecare_title': 'Title for Lifecare',
  'extraField.profession': 'Profession',

  'placeholder.body': 'This page has not been built yet. It will come in a later version of Sesam.',
  'forbidden.title': 'No access',
  'forbidden.body': 'You are not allowed to see this page.',
  'notFound.title': 'Page not found',
  'notFound.body': 'The page you are looking for does not exist. Check the address or go to the home page.',
  'notFound.home': 'Go to the home page',
};
