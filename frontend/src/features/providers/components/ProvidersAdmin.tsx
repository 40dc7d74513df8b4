import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, ErrorMessage, FormError, Loading, StatusTag, Table, focusFirstInvalid } from '@/components';
import { fieldErrors } from '@/lib/api';
import { useT } from '@/lib/i18n';
import { useCreateProvider } from '../api/create-provider';
import { useProviders } from '../api/get-providers';
import { providerBody, ProviderFields, type ProviderValues } from './ProviderFields';

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
  const create = useCreateProvider();
  const [values, setValues] = useState<ProviderValues>({ name: '', orgNumber: '' });
  const formRef = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(create.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (create.isPending) return;
    create.mutate(providerBody(values), {
      onSuccess: (provider) =>
        navigate(providerHref(provider.id), { state: { flash: t('providers.created', { name: provider.name }) } }),
      onError: () => focusFirstInvalid(formRef.current),
    });
  }

  return (
    <form ref={formRef} className="form form--narrow" noValidate onSubmit={submit}>
      <FormError
        error={create.error}
        messages={{ already_exists: t('providers.taken') }}
        fieldLabels={{ name: t('providers.name'), org_number: t('providers.orgNumber') }}
      />
      <ProviderFields idPrefix="provider-new" values={values} onChange={setValues} errors={errors} />
      <Button type="submit" busy={create.isPending}>
        {t('providers.create')}
      </Button>
    </form>
  );
}
