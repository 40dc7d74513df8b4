import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { ErrorMessage, Loading, Page } from '@/components';
import { AccountAdmin, AccountsAdmin, type ProviderOption } from '@/features/accounts';
import { SystemAdmin, SystemsAdmin } from '@/features/catalogue';
import { ComplianceOverview } from '@/features/compliance';
import { OrdersPerWeek } from '@/features/orders';
import { ProviderAdmin, ProvidersAdmin, useProviders } from '@/features/providers';
import { WebhooksAdmin } from '@/features/webhooks';
import { useT } from '@/lib/i18n';
import { links, paths } from '../../paths';

export function AdminOverviewRoute() {
  const t = useT();
  return (
    <Page title={t('nav.admin')}>
      <p className="lead">{t('admin.overview.intro')}</p>
      <section aria-labelledby="orders-per-week-heading" className="section">
        <h2 id="orders-per-week-heading">{t('admin.overview.ordersPerWeek')}</h2>
        <div data-slot="orders-per-week">
          <OrdersPerWeek />
        </div>
      </section>
      <section aria-labelledby="compliance-heading" className="section">
        <h2 id="compliance-heading">{t('admin.overview.compliance')}</h2>
        <p>{t('admin.overview.complianceIntro')}</p>
        <ComplianceOverview orderingRightsHref={links.orderingRightsFor} providerHref={links.adminProvider} />
      </section>
    </Page>
  );
}

export function AdminProvidersRoute() {
  const t = useT();
  return (
    <Page title={t('admin.nav.providers')}>
      <ProvidersAdmin providerHref={links.adminProvider} />
    </Page>
  );
}

export function AdminProviderRoute() {
  const { id = '' } = useParams();
  return (
    <ProviderAdmin
      key={id}
      id={id}
      backHref={paths.adminProviders}
      orderingRightsHref={links.orderingRightsFor}
      accountsHref={links.adminAccountsOf}
    />
  );
}

export function AdminSystemsRoute() {
  const t = useT();
  return (
    <Page title={t('admin.nav.systems')}>
      <SystemsAdmin systemHref={links.adminSystem} />
    </Page>
  );
}

export function AdminSystemRoute() {
  const { id = '' } = useParams();
  return <SystemAdmin key={id} id={id} backHref={paths.adminSystems} catalogueHref={paths.catalogue} />;
}

/** The accounts pages show providers by name and offer them in their forms. */
function WithProviders({ title, children }: { title?: string; children: (providers: ProviderOption[]) => ReactNode }) {
  const t = useT();
  const providers = useProviders();
  if (providers.isPending || providers.isError) {
    return (
      <Page title={title ?? t('admin.nav.accounts')}>
        {providers.isPending ? <Loading /> : <ErrorMessage error={providers.error} />}
      </Page>
    );
  }
  return <>{children(providers.data)}</>;
}

export function AdminAccountsRoute() {
  const t = useT();
  return (
    <WithProviders>
      {(providers) => (
        <Page title={t('admin.nav.accounts')}>
          <AccountsAdmin providers={providers} accountHref={links.adminAccount} />
        </Page>
      )}
    </WithProviders>
  );
}

export function AdminAccountRoute() {
  const { id = '' } = useParams();
  return (
    <WithProviders>
      {(providers) => <AccountAdmin key={id} id={id} providers={providers} backHref={paths.adminAccounts} />}
    </WithProviders>
  );
}

export function AdminWebhooksRoute() {
  const t = useT();
  return (
    <Page title={t('admin.nav.webhooks')}>
      <WebhooksAdmin />
    </Page>
  );
}
