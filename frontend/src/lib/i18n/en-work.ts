import type { svWorkOrders } from './sv-orders';
import type { svWorkSummary } from './sv-summary';
import type { svWorkCore } from './sv-work';

/** English words of the work view: every key of sv-work.ts, sv-summary.ts and sv-orders.ts (the type checks it). */
export const enWork: {
  readonly [K in keyof typeof svWorkCore | keyof typeof svWorkSummary | keyof typeof svWorkOrders]: string;
} = {
  'nav.allOrders': 'All orders',
  'nav.menu': 'Menu',
  'holdings.endingSoonFilter': 'Showing permissions that end soon.',
  'orders.introIt': 'Every order sent to IT, from every provider. Search by name, reference number or a whole personal identity number.',

  'work.heading': 'To do',
  'work.nothing': 'You have nothing to do right now.',
  'work.oldestWaiting': '(the oldest was sent {at})',
  'work.queue.one': '{n} new order in the IT queue',
  'work.queue.other': '{n} new orders in the IT queue',
  'work.mineInProgress.one': '{n} order in progress that you took',
  'work.mineInProgress.other': '{n} orders in progress that you took',
  'work.returned.one': '{n} order with a question from IT',
  'work.returned.other': '{n} orders with a question from IT',
  'work.drafts.one': '{n} draft to send to IT',
  'work.drafts.other': '{n} drafts to send to IT',
  'work.endDatesNear.one': '{n} permission ending soon',
  'work.endDatesNear.other': '{n} permissions ending soon',
  'work.orderingRightRequests.one': '{n} request for an ordering right to answer',
  'work.orderingRightRequests.other': '{n} requests for an ordering right to answer',
  'work.openReviews.one': '{n} access review in progress',
  'work.openReviews.other': '{n} access reviews in progress',
  'work.overdueReviews.one': '{n} overdue access review',
  'work.overdueReviews.other': '{n} overdue access reviews',
  'work.providersWithIssues.one': '{n} provider that does not meet the rules',
  'work.providersWithIssues.other': '{n} providers that do not meet the rules',
  'work.submitted.one': '{n} order at IT, not yet taken',
  'work.submitted.other': '{n} orders at IT, not yet taken',
  'work.inProgress.one': '{n} order IT is working on',
  'work.inProgress.other': '{n} orders IT is working on',

  'order.marker.question': 'Question from IT',
  'order.marker.answer': 'Answer to question',
  'order.answerTitle': 'Sent again after a question from IT',
  'order.answerBody': '{name} asked on {at}:',
  'order.copiedFromTitle': 'Copy',
  'order.copiedFrom': 'Copied from',
  'order.rejectReasonOfSource': 'IT rejected it because',
  'order.openTheOpenOrder': 'Open the open order {reference}',

  'orders.select': 'Select',
  'orders.selectOne': 'Select {reference}',
  'orders.sendSelected': 'Send selected to IT ({n})',
  'orders.sentSeveral': 'Sent to IT: {references}.',

  'queue.select': 'Select',
  'queue.selectOne': 'Select {reference}, {name}',
  'queue.col.extra': 'Details',
  'queue.allProviders': 'All providers',
  'queue.allKinds': 'Grant and revoke',
  'queue.takeSelected': 'Take selected ({n})',
  'queue.took.one': 'You took {n} order. It is under Orders in progress.',
  'queue.took.other': 'You took {n} orders. They are under Orders in progress.',

  'messages.heading': 'Messages',
  'messages.none': 'No messages yet.',
  'messages.sideIt': 'IT',
  'messages.sideOrderer': 'orderer',
  'messages.field': 'Message',
  'messages.hint': 'The other side gets a notification and an email.',
  'messages.send': 'Send message',
  'messages.sent': 'The message is sent.',

  'session.warningTitle': 'You will be logged out soon',
  'session.warningBody': 'For security you will be logged out in {minutes} minutes. What you have written in an order is kept in the browser until you log in again.',
  'session.stay': 'Stay logged in',
  'session.extended': 'You are logged in for another {hours} hours.',
  'session.restored': 'The order you were writing before you were logged out is filled in again.',

  'a11y.timeoutMet':
    'A sign-in lasts eight hours. Five minutes before it ends Sesam shows a warning with the button Stay logged in, which extends it; an order you are writing is kept in the browser and filled in again when you have signed in (WCAG 2.2.1 Timing Adjustable).',
  'a11y.issueClipped':
    'In the IT queue each order is one line. Long texts (permission, comment) are cut short with "…"; the whole text is on the order\'s page, which its reference links to, but not in the row itself (WCAG 1.3.1 Info and Relationships).',
  'a11y.reviewed':
    'Every page, including New order, Manage your orders, IT queue, All orders, Expert users, Holdings and the start page\'s To do, was reviewed again on 7 December 2026: with axe (no violations), with the keyboard only, at 200 % zoom (the menu folds behind the Menu button) and on a 320 pixel wide screen (tables become cards).',
};
