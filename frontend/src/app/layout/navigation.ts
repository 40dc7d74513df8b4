import type { Me } from '@/features/auth';
import type { MessageKey } from '@/lib/i18n';
import { paths } from '../paths';

export interface NavItem {
  to: string;
  label: MessageKey;
  /** Current only on exactly this address (default); false: also on the pages below it. */
  end?: boolean;
}

/**
 * The menu for an account. Being an orderer is holding an ordering right (not a role);
 * `it` and `admin` are roles. Everyone logged in sees the catalogue and the ordering-rights page
 * (where someone without a right asks for one).
 */
export function navItemsFor(me: Pick<Me, 'roles' | 'ordering_rights'>): NavItem[] {
  const orderer = me.ordering_rights.length > 0;
  const it = me.roles.includes('it');
  const admin = me.roles.includes('admin');
  const items: (NavItem | false)[] = [
    orderer && { to: paths.newOrder, label: 'nav.newOrder' },
    (orderer || admin) && { to: paths.orders, label: 'nav.orders' },
    it && { to: paths.itQueue, label: 'nav.itQueue' },
    it && !orderer && !admin && { to: paths.orders, label: 'nav.allOrders' },
    { to: paths.catalogue, label: 'nav.catalogue' },
    (orderer || it || admin) && { to: paths.expertUsers, label: 'nav.expertUsers' },
    { to: paths.orderingRights, label: 'nav.orderingRights' },
    (orderer || it || admin) && { to: paths.holdings, label: 'nav.holdings' },
    (orderer || admin) && { to: paths.reviews, label: 'nav.reviews', end: false },
    admin && { to: paths.admin, label: 'nav.admin', end: false },
  ];
  return items.filter((item): item is NavItem => item !== false);
}

/** The menu for someone not logged in. */
export const anonymousNavItems: NavItem[] = [
  { to: paths.catalogue, label: 'nav.catalogue' },
  { to: paths.login, label: 'nav.login' },
];
