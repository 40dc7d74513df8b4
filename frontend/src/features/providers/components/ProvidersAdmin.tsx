import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage, Form, Loading, StatusTag, Table, useFormMutation } from '@/components';
import { useT } from '@/lib/i18n';
import { useCreateProvider } from '../api/create-provider';
import { useProviders } from '../api/get-providers';
import { providerBody, providerFieldLabels, ProviderFields, type ProviderValues } from './ProviderFields';

export interface ProvidersAdminProps {
  /** The address of a provider's own page. */
  providerHref: (id: string) => string;
}

/** Support's list of providers, and the form that adds one (then opens its page, to add units). */
export function ProvidersAdmin({ providerHref }: ProvidersAdminProps) {
  const t = useT();
  const providers = useProviders();

  return (
    <>
      <section aria-labelledby="providers-list-heading" className="section">
        <h2 id="providers-list-heading">{t('providers.listHeading')}</h2>
        {providers.isPending ? (
          <Loading />
        ) : providers.isError ? (
          <ErrorMessage error={providers.error} />
        ) : providers.data.length === 0 ? (
          <p>{t('providers.none')}</p>
        ) : (
          <Table caption={t('providers.listCaption')} captionHidden>
            <thead>
              <tr>
                <th scope="col">{t('providers.name')}</th>
                <th scope="col">{t('providers.orgNumber')}</th>
                <th scope="col">{t('common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {providers.data.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={providerHref(p.id)}>{p.name}</Link>
                  </th>
                  <td>{p.org_number ?? '–'}</td>
                  <td>
                    <StatusTag active={p.active} />
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
      <section aria-labelledby="provider-create-heading" className="section card">
        <h2 id="provider-create-heading">{t('providers.createHeading')}</h2>
        <CreateProviderForm providerHref={providerHref} />
      </section>
    </>
  );
}

function CreateProviderForm({ providerHref }: ProvidersAdminProps) {
  const t = useT();
  const navigate = useNavigate();
  const create = useFormMutation(useCreateProvider(), { messages: { already_exists: t('providers.taken') } });
  const [values, setValues] = useState<ProviderValues>({ name: '', orgNumber: '' });

  function submit() {
    create.submit(providerBody(values), {
      onSuccess: (provider) =>
        navigate(providerHref(provider.id), { state: { flash: t('providers.created', { name: provider.name }) } }),
    });
  }

  return (
    <Form
      form={create}
      onSubmit={submit}
      submitLabel={t('providers.create')}
      fieldLabels={providerFieldLabels(t)}
      className="form--narrow"
    >
      <ProviderFields idPrefix="provider-new" values={values} onChange={setValues} errors={create.errors} />
    </Form>
  );
}
