/**
 * Behörighetsinnehav. The holdings feature gets from others here: the systems (catalogue), every
 * provider for IT and support (providers), and the links to orders.
 */
import { ErrorMessage, Loading, Page } from '@/components';
import type { Me } from '@/features/auth';
import { useSystems } from '@/features/catalogue';
import { Holdings } from '@/features/holdings';
import { useProviders } from '@/features/providers';
import { useT } from '@/lib/i18n';
import { links, paths } from '../paths';
import { anyOf, hasRole, isOrderer, WithMe } from './guards';

const allowed = anyOf(isOrderer, hasRole('it'), hasRole('admin'));

export function HoldingsRoute() {
  return <WithMe allow={allowed}>{(me) => <HoldingsPage me={me} />}</WithMe>;
}

function HoldingsPage({ me }: { me: Me }) {
  const t = useT();
  const seesAll = me.roles.includes('admin') || me.roles.includes('it');
  const providers = useProviders({ enabled: seesAll });
  const systems = useSystems();
  const title = t('nav.holdings');

  if ((seesAll && providers.isPending) || systems.isPending) {
    return (
      <Page title={title}>
        <Loading />
      </Page>
    );
  }
  if ((seesAll && providers.isError) || systems.isError) {
    return (
      <Page title={title}>
        <ErrorMessage error={providers.error ?? systems.error} />
      </Page>
    );
  }
  const choices = seesAll
    ? (providers.data ?? []).map((p) => ({ id: p.id, name: p.name }))
    : me.ordering_rights
        .map((r) => ({ id: r.provider_id, name: r.provider_name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return (
    <Page title={title}>
      <Holdings
        me={me}
        providers={choices}
        systems={(systems.data ?? [])
          .map((s) => ({ id: s.id, name: s.name }))
          .sort((a, b) => a.name.localeCompare(b.name, 'sv'))}
        orderHref={links.order}
        ordersHref={paths.orders}
      />
    </Page>
  );
}
