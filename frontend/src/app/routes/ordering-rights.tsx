import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { ErrorMessage, Loading, Page } from '@/components';
import { meQueryKey, type Me } from '@/features/auth';
import { NoOrderingRight, OrderingRights, type ProviderChoice } from '@/features/ordering-rights';
import { useProviders } from '@/features/providers';
import { useT } from '@/lib/i18n';
import { WithMe } from './guards';

/** The chosen provider is in the address (`?utforare=<id>`), so links and reloads keep it. */
const PARAM = 'utforare';

export function OrderingRightsRoute() {
  return <WithMe>{(me) => <OrderingRightsPage me={me} />}</WithMe>;
}

function OrderingRightsPage({ me }: { me: Me }) {
  const t = useT();
  const queryClient = useQueryClient();
  const seesAll = me.roles.includes('admin') || me.roles.includes('it');
  const withoutRight = !seesAll && me.ordering_rights.length === 0;
  // Support and IT choose among all providers; an account without a right asks for one at its own.
  const providers = useProviders({ enabled: seesAll || (withoutRight && Boolean(me.provider_id)) });
  const [params, setParams] = useSearchParams();

  if (withoutRight) {
    const own = providers.data?.find((p) => p.id === me.provider_id);
    return (
      <Page title={t('nav.orderingRights')}>
        {me.provider_id && providers.isPending ? (
          <Loading />
        ) : (
          <NoOrderingRight
            provider={own ? { id: own.id, name: own.name } : null}
            waiting={me.ordering_right_requests.some((r) => r.provider_id === me.provider_id)}
            onAsked={() => void queryClient.invalidateQueries({ queryKey: meQueryKey })}
          />
        )}
      </Page>
    );
  }

  let choices: ProviderChoice[];
  if (seesAll) {
    if (providers.isPending) return <Page title={t('nav.orderingRights')}><Loading /></Page>;
    if (providers.isError) return <Page title={t('nav.orderingRights')}><ErrorMessage error={providers.error} /></Page>;
    choices = providers.data.map((p) => ({ id: p.id, name: p.name }));
  } else {
    choices = me.ordering_rights
      .map((r) => ({ id: r.provider_id, name: r.provider_name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  }

  const asked = params.get(PARAM);
  // An orderer sees their (first) provider at once; support and IT choose.
  const fallback = seesAll ? null : (choices.find((c) => c.id === me.provider_id) ?? choices[0])?.id ?? null;
  const providerId = asked && choices.some((c) => c.id === asked) ? asked : fallback;

  return (
    <Page title={t('nav.orderingRights')}>
      <OrderingRights
        me={me}
        providers={choices}
        providerId={providerId}
        onProviderChange={(id) => setParams({ [PARAM]: id }, { replace: true })}
      />
    </Page>
  );
}
