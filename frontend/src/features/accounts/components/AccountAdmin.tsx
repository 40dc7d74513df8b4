import { useState } from 'react';
import {
  ActivationSection,
  Alert,
  Button,
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
import { useAccount } from '../api/get-account';
import type { Account } from '../api/get-accounts';
import { useInviteAccount } from '../api/invite-account';
import { useUpdateAccount } from '../api/update-account';
import {
  accountBody,
  accountFieldLabels,
  AccountFields,
  accountFormOptions,
  accountValues,
  type AccountValues,
  type ProviderOption,
} from './AccountFields';

export interface AccountAdminProps {
  id: string;
  providers: ProviderOption[];
  backHref: string;
}

/** One account for support: its details and roles, a new activation link, and (de)activation. */
export function AccountAdmin({ id, providers, backHref }: AccountAdminProps) {
  const t = useT();
  const account = useAccount(id);
  const flash = useFlash();

  if (account.isPending || account.isError) {
    return (
      <Page title={t('accounts.detailTitle')}>
        <BackLink to={backHref}>{t('accounts.back')}</BackLink>
        {account.isPending ? <Loading /> : <ErrorMessage error={account.error} />}
      </Page>
    );
  }
  const a = account.data;
  return (
    <Page title={a.name}>
      <BackLink to={backHref}>{t('accounts.back')}</BackLink>
      {flash && <Alert tone="success">{flash}</Alert>}
      <p>
        <StatusTag active={a.active} inactiveLabel={t('accounts.deactivatedStatus')} />
      </p>
      <section aria-labelledby="account-details-heading" className="section card">
        <h2 id="account-details-heading">{t('accounts.detailsHeading')}</h2>
        <AccountEditForm account={a} providers={providers} />
      </section>
      <section aria-labelledby="account-password-heading" className="section card">
        <h2 id="account-password-heading">{t('invite.heading')}</h2>
        <InviteForm account={a} />
      </section>
      <AccountStatus account={a} />
    </Page>
  );
}

function AccountEditForm({ account, providers }: { account: Account; providers: ProviderOption[] }) {
  const t = useT();
  const update = useFormMutation(useUpdateAccount(account.id), accountFormOptions(t));
  const [values, setValues] = useState<AccountValues>(() => accountValues(account));

  return (
    <Form
      form={update}
      onSubmit={() => update.submit(accountBody(values))}
      submitLabel={t('common.saveChanges')}
      fieldLabels={accountFieldLabels(t)}
      notice={update.succeeded && <Alert tone="success">{t('common.saved')}</Alert>}
      className="form--narrow"
    >
      <AccountFields
        idPrefix="account-edit"
        values={values}
        onChange={setValues}
        errors={update.errors}
        providers={providers}
      />
    </Form>
  );
}

function InviteForm({ account }: { account: Account }) {
  const t = useT();
  const invite = useInviteAccount(account.id);
  return (
    <div className="form--narrow">
      <p>{t(account.password_set ? 'invite.introActive' : 'invite.introPending', { name: account.name })}</p>
      <p>
        {account.last_seen_at
          ? t('invite.lastSeen', { date: account.last_seen_at.slice(0, 10) })
          : t('invite.neverSeen')}
      </p>
      {invite.isSuccess && <Alert tone="success">{t('invite.sent', { email: account.email })}</Alert>}
      {invite.isError && <ErrorMessage error={invite.error} />}
      <Button type="button" disabled={invite.isPending || !account.active} onClick={() => invite.mutate()}>
        {t('invite.send')}
      </Button>
    </div>
  );
}

function AccountStatus({ account }: { account: Account }) {
  const t = useT();
  const update = useUpdateAccount(account.id);
  return (
    <ActivationSection
      headingId="account-status-heading"
      heading={t('accounts.statusHeading')}
      active={account.active}
      stateText={t(account.active ? 'accounts.activeText' : 'accounts.deactivatedText')}
      deactivateLabel={t('accounts.deactivate')}
      activateLabel={t('accounts.activate')}
      confirmTitle={t('accounts.deactivateTitle', { name: account.name })}
      confirmBody={
        <>
          <p>{t('accounts.deactivateBody', { name: account.name })}</p>
          {account.orders_for.length > 0 && <p>{t('accounts.deactivateOrderer')}</p>}
        </>
      }
      doneText={(active) => t(active ? 'accounts.activated' : 'accounts.deactivated', { name: account.name })}
      mutation={update}
    />
  );
}
