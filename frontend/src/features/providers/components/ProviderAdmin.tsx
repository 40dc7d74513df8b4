import { useState } from 'react';
import { Link } from 'react-router';
import {
  ActivationSection,
  Alert,
  BackLink,
  ErrorMessage,
  Form,
  Loading,
  Page,
  StatusTag,
  useFlash,
  useFormMutation,
} from '@/components';
import { useT } from '@/lib/i18n';
import { useProvider } from '../api/get-provider';
import type { Provider } from '../api/get-providers';
import { useUpdateProvider } from '../api/update-provider';
import { providerBody, providerFieldLabels, ProviderFields, type ProviderValues } from './ProviderFields';
import { UnitsAdmin } from './UnitsAdmin';

export interface ProviderAdminProps {
  id: string;
  backHref: string;
  orderingRightsHref: (providerId: string) => string;
  accountsHref: (providerId: string) => string;
}

/** One provider for support: its details, whether it is active, its units, and where to go next. */
export function ProviderAdmin({ id, backHref, orderingRightsHref, accountsHref }: ProviderAdminProps) {
  const t = useT();
  const provider = useProvider(id);
  const flash = useFlash();

  if (provider.isPending || provider.isError) {
    return (
      <Page title={t('providers.detailTitle')}>
        <BackLink to={backHref}>{t('providers.back')}</BackLink>
        {provider.isPending ? <Loading /> : <ErrorMessage error={provider.error} />}
      </Page>
    );
  }
  const p = provider.data;
  return (
    <Page title={p.name}>
      <BackLink to={backHref}>{t('providers.back')}</BackLink>
      {flash && <Alert tone="success">{flash}</Alert>}
      <p>
        <StatusTag active={p.active} />
      </p>
      <section aria-labelledby="provider-details-heading" className="section card">
        <h2 id="provider-details-heading">{t('providers.detailsHeading')}</h2>
        <ProviderEditForm provider={p} />
      </section>
      <UnitsAdmin providerId={p.id} providerName={p.name} />
      <ProviderStatus provider={p} />
      <section aria-labelledby="provider-more-heading" className="section">
        <h2 id="provider-more-heading">{t('providers.moreHeading')}</h2>
        <ul>
          <li>
            <Link to={orderingRightsHref(p.id)}>{t('providers.orderingRightsLink', { name: p.name })}</Link>
          </li>
          <li>
            <Link to={accountsHref(p.id)}>{t('providers.accountsLink', { name: p.name })}</Link>
          </li>
        </ul>
      </section>
    </Page>
  );
}

function ProviderEditForm({ provider }: { provider: Provider }) {
  const t = useT();
  const update = useFormMutation(useUpdateProvider(provider.id), { messages: { already_exists: t('providers.taken') } });
  const [values, setValues] = useState<ProviderValues>({ name: provider.name, orgNumber: provider.org_number ?? '' });

  return (
    <Form
      form={update}
      onSubmit={() => update.submit(providerBody(values))}
      submitLabel={t('common.saveChanges')}
      fieldLabels={providerFieldLabels(t)}
      notice={update.succeeded && <Alert tone="success">{t('common.saved')}</Alert>}
      className="form--narrow"
    >
      <ProviderFields idPrefix="provider-edit" values={values} onChange={setValues} errors={update.errors} />
    </Form>
  );
}

function ProviderStatus({ provider }: { provider: Provider }) {
  const t = useT();
  const update = useUpdateProvider(provider.id);
  return (
    <ActivationSection
      headingId="provider-status-heading"
      heading={t('providers.statusHeading')}
      active={provider.active}
      stateText={t(provider.active ? 'providers.activeText' : 'providers.inactiveText', { name: provider.name })}
      deactivateLabel={t('providers.deactivate')}
      activateLabel={t('providers.activate')}
      confirmTitle={t('providers.deactivateTitle', { name: provider.name })}
      confirmBody={<p>{t('providers.deactivateBody', { name: provider.name })}</p>}
      doneText={(active) => t(active ? 'providers.activated' : 'providers.deactivated', { name: provider.name })}
      mutation={update}
    />
  );
}
