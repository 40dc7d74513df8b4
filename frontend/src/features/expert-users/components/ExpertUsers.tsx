import { useState } from 'react';
import { Alert, Button, ConfirmDialog, ErrorMessage, Loading, SelectField, Table, errorText, useSearchState } from '@/components';
import type { components } from '@/lib/api';
import { formatDate, plural, useT } from '@/lib/i18n';
import { useDownloadExpertUsers } from '../api/download-expert-users';
import { useEndExpertUser } from '../api/end-expert-user';
import { useExpertUsers, type ExpertUser, type ExpertUserFilters } from '../api/get-expert-users';
import { AddExpertUser } from './AddExpertUser';
import { CopyEmails } from './CopyEmails';
import { MessageExpertUsers } from './MessageExpertUsers';
import '../words';

type Me = components['schemas']['Me'];
type ComplianceRow = components['schemas']['ComplianceRow'];

export interface Choice {
  id: string;
  name: string;
}
export interface SystemChoice extends Choice {
  active: boolean;
}

export interface ExpertUsersProps {
  me: Pick<Me, 'roles' | 'ordering_rights'>;
  /** The providers the reader may look at: an orderer's own; every provider for IT and support. */
  providers: Choice[];
  systems: SystemChoice[];
  /** The compliance rows the reader may see (rule 10), for the chosen provider's notice. */
  compliance?: ComplianceRow[];
}

/**
 * Expertanvändare: the expert users by system, of one provider or (IT, support, orderers of several)
 * all of them, with the filters in the address. Orderers of the provider and support add and end
 * registrations; everyone copies the addresses or downloads the list as CSV; support writes to them.
 */
export function ExpertUsers({ me, providers, systems, compliance }: ExpertUsersProps) {
  const t = useT();
  const [params, setParams] = useSearchState();
  const isAdmin = me.roles.includes('admin');
  const asked = params.get('utforare');
  const single = providers.length === 1 ? providers[0] : undefined;
  const provider = single ?? providers.find((p) => p.id === asked) ?? null;
  const askedSystem = params.get('system');
  const system = systems.find((s) => s.id === askedSystem) ?? null;
  const filters: ExpertUserFilters = { provider_id: provider?.id, system_id: system?.id };
  const canManage = (providerId: string) => isAdmin || me.ordering_rights.some((r) => r.provider_id === providerId);

  function update(key: 'utforare' | 'system', value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  }

  const row = provider ? compliance?.find((c) => c.provider_id === provider.id) : undefined;
  const headingId = 'expert-users-heading';
  return (
    <>
      <p className="lead">{t('expertUsers.intro')}</p>
      <div className="card filters">
        {providers.length > 1 && (
          <SelectField
            id="expert-users-provider"
            label={t('expertUsers.provider')}
            value={provider?.id ?? ''}
            onChange={(e) => update('utforare', e.target.value)}
          >
            <option value="">{t('expertUsers.allProviders')}</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField
          id="expert-users-system"
          label={t('expertUsers.systemFilter')}
          value={system?.id ?? ''}
          onChange={(e) => update('system', e.target.value)}
        >
          <option value="">{t('expertUsers.allSystems')}</option>
          {systems.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
      </div>
      <section aria-labelledby={headingId} className="section">
        <h2 id={headingId}>
          {provider ? t('expertUsers.headingFor', { provider: provider.name }) : t('expertUsers.headingAll')}
        </h2>
        {row && <ExpertUserCompliance row={row} />}
        <ExpertUserList
          filters={filters}
          showProvider={!provider}
          providerName={provider?.name}
          systemName={system?.name}
          canManage={canManage}
        />
      </section>
      {provider && canManage(provider.id) && (
        <AddExpertUser
          key={provider.id}
          provider={provider}
          systems={systems.filter((s) => s.active)}
          initialSystemId={system?.active ? system.id : ''}
        />
      )}
      {isAdmin && <MessageExpertUsers providers={providers} systems={systems} />}
    </>
  );
}

/** Rule 10 for one provider: at least one expert user, more for larger providers. */
function ExpertUserCompliance({ row }: { row: ComplianceRow }) {
  const t = useT();
  const vars = { provider: row.provider_name, n: row.expert_users, recommended: row.expert_users_recommended };
  if (row.issues.includes('no_expert_user')) {
    return (
      <Alert tone="warning" title={t('expertUsers.noneTitle')} className="compliance-notice">
        <p>{t('expertUsers.noneText', vars)}</p>
      </Alert>
    );
  }
  if (row.issues.includes('too_few_expert_users')) {
    return (
      <Alert tone="warning" title={t('expertUsers.tooFewTitle')} className="compliance-notice">
        <p>{t('expertUsers.tooFewText', vars)}</p>
      </Alert>
    );
  }
  return (
    <p className="compliance-ok">
      <span className="compliance-ok__icon" aria-hidden="true">
        ✓
      </span>{' '}
      {t('expertUsers.enough', vars)}
    </p>
  );
}

interface Result {
  tone: 'success' | 'error';
  title?: string;
  text: string;
  key: number;
}

function ExpertUserList({
  filters,
  showProvider,
  providerName,
  systemName,
  canManage,
}: {
  filters: ExpertUserFilters;
  showProvider: boolean;
  providerName?: string;
  systemName?: string;
  canManage: (providerId: string) => boolean;
}) {
  const t = useT();
  const list = useExpertUsers(filters);
  const download = useDownloadExpertUsers();
  const end = useEndExpertUser();
  const [ending, setEnding] = useState<ExpertUser | null>(null);
  const [result, setResult] = useState<Result | null>(null);

  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorMessage error={list.error} title={t('expertUsers.loadFailed')} />;
  const items = list.data;

  // By system, the systems in alphabetical order; within each, the API's order (last, first name).
  const groups = new Map<string, { name: string; items: ExpertUser[] }>();
  for (const item of items) {
    const group = groups.get(item.system_id) ?? { name: item.system_name, items: [] };
    group.items.push(item);
    groups.set(item.system_id, group);
  }
  const sorted = [...groups.entries()].sort(([, a], [, b]) => a.name.localeCompare(b.name, 'sv'));
  const emails = [...new Set(items.map((i) => i.email))];
  const persons = new Set(items.map((i) => `${i.provider_id} ${i.email}`)).size;

  function confirmEnd() {
    const item = ending;
    if (!item) return;
    end.mutate(item.id, {
      onSuccess: () => {
        setEnding(null);
        setResult({
          tone: 'success',
          text: t('expertUsers.ended', { name: fullName(item), system: item.system_name, provider: item.provider_name }),
          key: Date.now(),
        });
      },
      onError: (error) => {
        setEnding(null);
        setResult({
          tone: 'error',
          title: t('expertUsers.endFailed'),
          text: errorText(error, t, { already_ended: t('expertUsers.alreadyEnded', { name: fullName(item) }) }),
          key: Date.now(),
        });
      },
    });
  }

  // Would ending this registration leave its provider without any expert user?
  const lastOfProvider = (item: ExpertUser) => !items.some((i) => i.id !== item.id && i.provider_id === item.provider_id);

  return (
    <>
      {result && (
        <Alert tone={result.tone} title={result.title} focus focusKey={result.key}>
          <p>{result.text}</p>
        </Alert>
      )}
      <p className="result-count" role="status">
        {items.length === 0
          ? t('expertUsers.none')
          : `${plural(t, 'expertUsers.count', items.length)} ${plural(t, 'expertUsers.persons', persons)}`}
      </p>
      <CopyEmails emails={emails}>
        <Button
          variant="secondary"
          busy={download.isPending}
          onClick={() => {
            download.reset();
            download.mutate(filters);
          }}
        >
          {t('expertUsers.download')}
        </Button>
      </CopyEmails>
      {download.isError && <ErrorMessage error={download.error} title={t('expertUsers.downloadFailed')} />}
      {sorted.map(([systemId, group]) => {
        const id = `expert-users-${systemId}`;
        return (
          <section key={systemId} aria-labelledby={id} className="expert-users__system">
            <h3 id={id}>
              {group.name} <span className="muted">({group.items.length})</span>
            </h3>
            <Table
              caption={
                providerName
                  ? t('expertUsers.captionFor', { system: group.name, provider: providerName })
                  : t('expertUsers.caption', { system: group.name })
              }
              captionHidden
            >
              <thead>
                <tr>
                  <th scope="col">{t('expertUsers.name')}</th>
                  <th scope="col">{t('expertUsers.email')}</th>
                  <th scope="col">{t('expertUsers.personalNumber')}</th>
                  {showProvider && <th scope="col">{t('expertUsers.provider')}</th>}
                  <th scope="col">{t('expertUsers.registered')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {group.items.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">{fullName(item)}</th>
                    <td className="cell--break">
                      <a href={`mailto:${item.email}`}>{item.email}</a>
                    </td>
                    <td className="nowrap">{item.personal_number ?? '–'}</td>
                    {showProvider && <td>{item.provider_name}</td>}
                    <td>
                      <span className="nowrap">{formatDate(item.registered_at)}</span>
                      <br />
                      <span className="muted">
                        {item.source_order_id ? t('expertUsers.byOrder') : t('expertUsers.byHand')}
                      </span>
                    </td>
                    <td>
                      {canManage(item.provider_id) ? (
                        <Button
                          variant="secondary"
                          className="button--small"
                          onClick={() => {
                            end.reset();
                            setEnding(item);
                          }}
                        >
                          {t('expertUsers.end')}
                          <span className="visually-hidden">
                            {' '}
                            {t('expertUsers.endFor', { name: fullName(item), system: item.system_name })}
                          </span>
                        </Button>
                      ) : (
                        '–'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </section>
        );
      })}
      {items.length === 0 && systemName && <p>{t('expertUsers.noneInSystem', { system: systemName })}</p>}
      {ending && (
        <ConfirmDialog
          title={t('expertUsers.endTitle', { name: fullName(ending), system: ending.system_name })}
          confirmLabel={t('expertUsers.endConfirm')}
          busy={end.isPending}
          onConfirm={confirmEnd}
          onCancel={() => setEnding(null)}
        >
          <p>{t('expertUsers.endBody', { name: fullName(ending), system: ending.system_name, provider: ending.provider_name })}</p>
          {!filters.system_id && lastOfProvider(ending) && (
            <p className="dialog__warning">
              <span className="issue__icon" aria-hidden="true">
                !
              </span>{' '}
              {t('expertUsers.endLastWarning', { provider: ending.provider_name })}
            </p>
          )}
        </ConfirmDialog>
      )}
    </>
  );
}

function fullName(item: Pick<ExpertUser, 'first_name' | 'last_name'>) {
  return `${item.first_name} ${item.last_name}`;
}
