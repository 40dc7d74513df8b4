import { useState } from 'react';
import { Alert, Button, ConfirmDialog, ErrorMessage, Loading, SelectField, Table, errorText } from '@/components';
import type { components } from '@/lib/api';
import { formatDate, useT } from '@/lib/i18n';
import { useAccountNames } from '../api/get-account-name';
import { useColleagues } from '../api/get-colleagues';
import { useOrderingRights, type ComplianceRow, type OrderingRight } from '../api/get-ordering-rights';
import { useRevokeOrderingRight } from '../api/revoke-ordering-right';
import { GrantOrderingRight } from './GrantOrderingRight';
import { OrderingRightRequests } from './OrderingRightRequests';
import '../words';

type Me = components['schemas']['Me'];

export interface ProviderChoice {
  id: string;
  name: string;
}

export interface OrderingRightsProps {
  me: Pick<Me, 'id' | 'roles' | 'ordering_rights'>;
  /** The providers the viewer may look at: an orderer's own; every provider for support and IT. */
  providers: ProviderChoice[];
  providerId: string | null;
  onProviderChange: (providerId: string) => void;
}

/**
 * Beställningsrätt: a provider's orderers and its compliance with rule 9 (at least two), and for its
 * orderers and support, the requests waiting for an answer, granting a right to a colleague and
 * revoking one. IT reads only.
 */
export function OrderingRights({ me, providers, providerId, onProviderChange }: OrderingRightsProps) {
  const t = useT();
  const provider = providers.find((p) => p.id === providerId) ?? null;
  const canManage =
    me.roles.includes('admin') || (providerId !== null && me.ordering_rights.some((r) => r.provider_id === providerId));

  return (
    <>
      <p className="lead">{t('orderingRights.intro')}</p>
      {providers.length > 1 ? (
        <div className="provider-picker">
          <SelectField
            id="ordering-rights-provider"
            label={t('orderingRights.provider')}
            hint={t('orderingRights.providerHint')}
            value={providerId ?? ''}
            onChange={(e) => e.target.value && onProviderChange(e.target.value)}
          >
            {!provider && <option value="">{t('orderingRights.chooseProvider')}</option>}
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
        </div>
      ) : providers.length === 0 ? (
        <p>{t('orderingRights.noProviders')}</p>
      ) : null}
      {provider && (
        <ProviderOrderingRights key={provider.id} me={me} provider={provider} canManage={canManage} />
      )}
    </>
  );
}

interface Result {
  tone: 'success' | 'warning' | 'error';
  text: string;
  key: number;
}

function ProviderOrderingRights({
  me,
  provider,
  canManage,
}: {
  me: OrderingRightsProps['me'];
  provider: ProviderChoice;
  canManage: boolean;
}) {
  const t = useT();
  const isAdmin = me.roles.includes('admin');
  const rights = useOrderingRights(provider.id);
  const colleagues = useColleagues(provider.id, canManage);
  const revoke = useRevokeOrderingRight(provider.id);
  const [revoking, setRevoking] = useState<OrderingRight | null>(null);
  const [result, setResult] = useState<Result | null>(null);

  // Who granted each right: a colleague at the provider, or (for support to look up) someone outside it.
  const known = new Map((colleagues.data ?? []).map((a) => [a.id, a.name]));
  const outsiders = [
    ...new Set(
      (rights.data?.items ?? [])
        .map((r) => r.granted_by)
        .filter((id): id is string => Boolean(id) && colleagues.isSuccess && !known.has(id ?? '')),
    ),
  ];
  const outsiderNames = useAccountNames(outsiders, isAdmin);

  function grantedBy(right: OrderingRight): string {
    if (!right.granted_by) return '–';
    const name = known.get(right.granted_by) ?? outsiderNames.get(right.granted_by);
    if (name) return name;
    // Only support and the provider's own orderers can grant; an orderer sees every account of the
    // provider, so a granter they cannot see is the municipality's support.
    if (canManage && colleagues.isSuccess && !isAdmin) return t('orderingRights.grantedBySupport');
    return '–';
  }

  function confirmRevoke() {
    const right = revoking;
    if (!right) return;
    revoke.mutate(right.id, {
      onSuccess: (answer) => {
        setRevoking(null);
        const done = t('orderingRights.revoked', { name: right.account_name, provider: provider.name });
        const tooFew = answer.warnings.includes('too_few_orderers');
        setResult({
          tone: tooFew ? 'warning' : 'success',
          text: tooFew
            ? `${done} ${t('orderingRights.revokedTooFew', {
                provider: provider.name,
                n: answer.compliance.orderers,
                required: answer.compliance.orderers_required,
              })}`
            : done,
          key: Date.now(),
        });
      },
      onError: (error) => {
        setRevoking(null);
        setResult({
          tone: 'error',
          text: errorText(error, t, {
            last_orderer: t('orderingRights.lastOrderer', { name: right.account_name, provider: provider.name }),
            already_revoked: t('orderingRights.alreadyRevoked', { name: right.account_name }),
          }),
          key: Date.now(),
        });
      },
    });
  }

  const headingId = `orderers-${provider.id}`;
  return (
    <>
      <section aria-labelledby={headingId} className="section">
        <h2 id={headingId}>{t('orderingRights.orderersAt', { provider: provider.name })}</h2>
        {rights.isPending ? (
          <Loading />
        ) : rights.isError ? (
          <ErrorMessage error={rights.error} />
        ) : (
          <>
            <ComplianceNotice row={rights.data.compliance} provider={provider.name} canManage={canManage} />
            {result && (
              <Alert tone={result.tone} focus focusKey={result.key} title={resultTitle(result, t)}>
                <p>{result.text}</p>
              </Alert>
            )}
            {rights.data.items.length === 0 ? (
              <p>{t('orderingRights.none', { provider: provider.name })}</p>
            ) : (
              <Table caption={t('orderingRights.caption', { provider: provider.name })} captionHidden>
                <thead>
                  <tr>
                    <th scope="col">{t('orderingRights.name')}</th>
                    <th scope="col">{t('orderingRights.email')}</th>
                    <th scope="col">{t('orderingRights.grantedAt')}</th>
                    <th scope="col">{t('orderingRights.grantedBy')}</th>
                    {canManage && <th scope="col">{t('common.actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {rights.data.items.map((right) => (
                    <tr key={right.id}>
                      <th scope="row">
                        {right.account_name}
                        {right.account_id === me.id && <> {t('orderingRights.you')}</>}
                      </th>
                      <td className="cell--break">{right.account_email}</td>
                      <td>{formatDate(right.granted_at)}</td>
                      <td>{grantedBy(right)}</td>
                      {canManage && (
                        <td>
                          <Button
                            variant="secondary"
                            className="button--small"
                            onClick={() => {
                              revoke.reset();
                              setRevoking(right);
                            }}
                          >
                            {t('orderingRights.revoke')}
                            <span className="visually-hidden"> {t('orderingRights.revokeFor', { name: right.account_name })}</span>
                          </Button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </>
        )}
      </section>
      {revoking && rights.data && (
        <ConfirmDialog
          title={t('orderingRights.revokeTitle', { name: revoking.account_name })}
          confirmLabel={t('orderingRights.revokeConfirm')}
          busy={revoke.isPending}
          onConfirm={confirmRevoke}
          onCancel={() => setRevoking(null)}
        >
          <p>
            {revoking.account_id === me.id
              ? t('orderingRights.revokeOwnBody', { provider: provider.name })
              : t('orderingRights.revokeBody', { name: revoking.account_name, provider: provider.name })}
          </p>
          {rights.data.compliance.orderers - 1 < rights.data.compliance.orderers_required && (
            <p className="dialog__warning">
              <span className="issue__icon" aria-hidden="true">
                !
              </span>{' '}
              {t('orderingRights.revokeWarning', {
                provider: provider.name,
                n: Math.max(rights.data.compliance.orderers - 1, 0),
                required: rights.data.compliance.orderers_required,
              })}
            </p>
          )}
        </ConfirmDialog>
      )}
      {canManage && <OrderingRightRequests provider={provider} />}
      {canManage && (
        <GrantOrderingRight
          me={me}
          provider={provider}
          colleagues={colleagues.data}
          colleaguesError={colleagues.error}
        />
      )}
    </>
  );
}

function resultTitle(result: Result, t: ReturnType<typeof useT>): string | undefined {
  if (result.tone === 'error') return t('orderingRights.revokeFailed');
  if (result.tone === 'warning') return t('orderingRights.tooFewTitle');
  return undefined;
}

/** Rule 9 for this provider: its orderers against the two required, with a warning when short. */
function ComplianceNotice({ row, provider, canManage }: { row: ComplianceRow; provider: string; canManage: boolean }) {
  const t = useT();
  if (row.issues.includes('too_few_orderers')) {
    return (
      <Alert tone="warning" title={t('orderingRights.tooFewTitle')} className="compliance-notice">
        <p>
          {t('orderingRights.tooFew', { provider, n: row.orderers, required: row.orderers_required })}{' '}
          {canManage && t('orderingRights.tooFewAction')}
        </p>
      </Alert>
    );
  }
  return (
    <p className="compliance-ok">
      <span className="compliance-ok__icon" aria-hidden="true">
        ✓
      </span>{' '}
      {t('orderingRights.enough', { provider, n: row.orderers, required: row.orderers_required })}
    </p>
  );
}
