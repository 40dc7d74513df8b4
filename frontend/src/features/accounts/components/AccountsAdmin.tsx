import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  Button,
  Checkbox,
  ErrorMessage,
  Form,
  Loading,
  SelectField,
  StatusTag,
  Table,
  TextField,
  useFormMutation,
} from '@/components';
import { plural, useT, formatDate } from '@/lib/i18n';
import { useCreateAccount } from '../api/create-account';
import { useAccounts, type AccountFilter } from '../api/get-accounts';
import {
  accountBody,
  accountFieldLabels,
  AccountFields,
  accountFormOptions,
  emptyAccountValues,
  roleLabel,
  type AccountValues,
  type ProviderOption,
} from './AccountFields';

export interface AccountsAdminProps {
  providers: ProviderOption[];
  /** The address of an account's own page. */
  accountHref: (id: string) => string;
}

/** The search's state lives in the address (`?q=&utforare=&inaktiva=1`), so it can be linked to. */
function useFilter(): [AccountFilter, (filter: AccountFilter) => void] {
  const [params, setParams] = useSearchParams();
  const filter: AccountFilter = {
    q: params.get('q') ?? '',
    providerId: params.get('utforare') ?? '',
    includeInactive: params.get('inaktiva') === '1',
  };
  function set(next: AccountFilter) {
    const out = new URLSearchParams();
    if (next.q) out.set('q', next.q);
    if (next.providerId) out.set('utforare', next.providerId);
    if (next.includeInactive) out.set('inaktiva', '1');
    setParams(out, { replace: true });
  }
  return [filter, set];
}

/** Support's accounts: search by name or email and provider, the result page by page, and a new account. */
export function AccountsAdmin({ providers, accountHref }: AccountsAdminProps) {
  const t = useT();
  const [filter, setFilter] = useFilter();
  const [draft, setDraft] = useState(filter);
  // A new address (e.g. "Konton hos …" from a provider's page) fills the search form anew.
  const filterKey = JSON.stringify(filter);
  useEffect(() => setDraft(JSON.parse(filterKey) as AccountFilter), [filterKey]);
  const accounts = useAccounts(filter);
  const providerName = new Map(providers.map((p) => [p.id, p.name]));
  const rows = accounts.data?.pages.flatMap((page) => page.items) ?? [];
  const resultId = useId();

  function search(event: FormEvent) {
    event.preventDefault();
    setFilter({ ...draft, q: draft.q?.trim() });
  }

  return (
    <>
      <section aria-labelledby="accounts-list-heading" className="section">
        <h2 id="accounts-list-heading">{t('accounts.listHeading')}</h2>
        <form role="search" aria-label={t('accounts.searchLabel')} className="search-form" onSubmit={search}>
          <TextField
            label={t('accounts.search')}
            type="search"
            autoComplete="off"
            value={draft.q ?? ''}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
          <SelectField
            label={t('accounts.provider')}
            value={draft.providerId ?? ''}
            onChange={(e) => setDraft({ ...draft, providerId: e.target.value })}
          >
            <option value="">{t('accounts.allProviders')}</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
          <Checkbox
            label={t('accounts.includeInactive')}
            checked={draft.includeInactive ?? false}
            onChange={(e) => setDraft({ ...draft, includeInactive: e.target.checked })}
          />
          <Button type="submit" variant="secondary">
            {t('accounts.searchButton')}
          </Button>
        </form>
        {accounts.isPending ? (
          <Loading />
        ) : accounts.isError ? (
          <ErrorMessage error={accounts.error} />
        ) : (
          <>
            <p id={resultId} role="status" className="result-count">
              {rows.length === 0
                ? t('accounts.noMatch')
                : accounts.hasNextPage
                  ? t('accounts.countMore', { count: plural(t, 'accounts.count', rows.length) })
                  : plural(t, 'accounts.count', rows.length)}
            </p>
            {rows.length > 0 && (
              <Table caption={t('accounts.listCaption')} captionHidden>
                <thead>
                  <tr>
                    <th scope="col">{t('accounts.name')}</th>
                    <th scope="col">{t('accounts.email')}</th>
                    <th scope="col">{t('accounts.provider')}</th>
                    <th scope="col">{t('accounts.roles')}</th>
                    <th scope="col">{t('accounts.ordersFor')}</th>
                    <th scope="col">{t('invite.lastSeenColumn')}</th>
                    <th scope="col">{t('common.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((account) => (
                    <tr key={account.id}>
                      <th scope="row">
                        <Link to={accountHref(account.id)}>{account.name}</Link>
                      </th>
                      <td className="cell--break">{account.email}</td>
                      <td>{account.provider_id ? (providerName.get(account.provider_id) ?? '–') : t('accounts.noProviderShort')}</td>
                      <td>{account.roles.length ? account.roles.map((r) => t(roleLabel(r))).join(', ') : '–'}</td>
                      <td>
                        {account.orders_for.length
                          ? account.orders_for.map((id) => providerName.get(id) ?? '–').join(', ')
                          : '–'}
                      </td>
                      <td>{account.last_seen_at ? formatDate(account.last_seen_at) : t('invite.never')}</td>
                      <td>
                        <StatusTag active={account.active} inactiveLabel={t('accounts.deactivatedStatus')} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
            {accounts.hasNextPage && (
              <Button
                variant="secondary"
                busy={accounts.isFetchingNextPage}
                onClick={() => void accounts.fetchNextPage()}
                aria-describedby={resultId}
              >
                {t('accounts.more')}
              </Button>
            )}
          </>
        )}
      </section>
      <section aria-labelledby="account-create-heading" className="section card">
        <h2 id="account-create-heading">{t('accounts.createHeading')}</h2>
        <CreateAccountForm providers={providers} accountHref={accountHref} />
      </section>
    </>
  );
}

function CreateAccountForm({ providers, accountHref }: AccountsAdminProps) {
  const t = useT();
  const navigate = useNavigate();
  const create = useFormMutation(useCreateAccount(), accountFormOptions(t));
  const [values, setValues] = useState<AccountValues>(emptyAccountValues);

  function submit() {
    create.submit(
      accountBody(values),
      {
        onSuccess: (account) =>
          navigate(accountHref(account.id), {
            state: { flash: `${t('accounts.created', { name: account.name })} ${t('invite.sentOnCreate', { email: account.email })}` },
          }),
      },
    );
  }

  return (
    <Form
      form={create}
      onSubmit={submit}
      submitLabel={t('accounts.create')}
      fieldLabels={accountFieldLabels(t)}
      className="form--narrow"
    >
      <AccountFields
        idPrefix="account-new"
        values={values}
        onChange={setValues}
        errors={create.errors}
        providers={providers}
      />
    </Form>
  );
}
