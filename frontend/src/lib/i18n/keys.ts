/**
 * Every message key, and the shape of a whole dictionary. Swedish comes in parts: `sv` (in the entry,
 * what the login page and the layout need) and one part per feature, added when that feature's chunk
 * loads (`addWords`). English is one chunk with every key (the type checks it).
 */
import type { sv } from './sv';
import type { svAccessibility } from './sv-accessibility';
import type { svExpertUsers } from './sv-expert-users';
import type { svOrderingRights } from './sv-ordering-rights';
import type { svReviews } from './sv-reviews';
import type { svWebhooks } from './sv-webhooks';
import type { svWorkOrders } from './sv-orders';
import type { svWorkSummary } from './sv-summary';

export type MessageKey =
  | keyof typeof sv
  | keyof typeof svAccessibility
  | keyof typeof svExpertUsers
  | keyof typeof svOrderingRights
  | keyof typeof svReviews
  | keyof typeof svWebhooks
  | keyof typeof svWorkOrders
  | keyof typeof svWorkSummary;

export type Dictionary = { readonly [K in MessageKey]: string };
