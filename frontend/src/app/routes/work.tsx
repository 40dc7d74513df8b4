/** The start page's `Att göra`, a chunk of its own (the login page carries none of it). */
import type { Me } from '@/features/auth';
import { WorkView } from '@/features/summary';
import { paths } from '../paths';

const orders = (query: string) => `${paths.orders}?${query}`;

export function WorkRoute({ me }: { me: Me }) {
  return (
    <WorkView
      roles={{
        orderer: me.ordering_rights.length > 0,
        it: me.roles.includes('it'),
        admin: me.roles.includes('admin'),
      }}
      links={{
        returned: orders('status=draft&retur=ja'),
        drafts: orders('status=draft'),
        submitted: orders('status=submitted'),
        inProgress: orders('status=in_progress'),
        endDatesNear: `${paths.holdings}?slutar=snart`,
        orderingRightRequests: paths.orderingRights,
        reviews: paths.reviews,
        queue: paths.itQueue,
        mineInProgress: `${paths.itQueue}#progress-heading`,
        compliance: paths.admin,
      }}
    />
  );
}
