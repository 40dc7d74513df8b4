import { useState, type FormEvent } from 'react';
import { Alert, Button, ErrorMessage, Field, FieldGroup, Loading, Radio, SelectField, useSearchState } from '@/components';
import type { components } from '@/lib/api';
import { plural, useT } from '@/lib/i18n';
import { useDownloadHoldings } from '../api/download-holdings';
import { useHoldings } from '../api/get-holdings';
import type { HoldingFilters, RevokeOrder } from '../api/types';
import { HolderGroup, groupByPerson } from './HolderGroup';
import type { HoldingsResult, SentOrders } from './types';

type Me = components['schemas']['Me'];

export interface Choice {
  id: string;
  name: string;
}

export interface HoldingsProps {
  me: Pick<Me, 'roles' | 'ordering_rights'>;
  /** The providers the reader may look at: an orderer's own; every provider for IT and support. */
  providers: Choice[];
  systems: Choice[];
  orderHref: (id: string) => string;
  ordersHref: string;
}

/**
 * Behörighetsinnehav: who holds what, a person at a time, with the filters in the address (search by
 * name, email or personal number; system; active or ended). The provider's orderers change end dates,
 * revoke one permission (an ordinary revoke order, sent to IT) or everything a person holds; IT and
 * support read. Everyone downloads the list as CSV.
 */
export function Holdings({ me, providers, systems, orderHref, ordersHref }: HoldingsProps) {
  const t = useT();
  const [params, setParams] = useSearchState();
  const single = providers.length === 1 ? providers[0] : undefined;
  const provider = single ?? providers.find((p) => p.id === params.get('utforare')) ?? null;
  const system = systems.find((s) => s.id === params.get('system')) ?? null;
  const q = params.get('q') ?? '';
  const ended = params.get('visa') === 'avslutade';
  // From the start page's Att göra: only the holdings whose end date is near.
  const endingSoon = !ended && params.get('slutar') === 'snart';
  const [search, setSearch] = useState(q);
  const [result, setResult] = useState<HoldingsResult | null>(null);
  const [sent, setSent] = useState<SentOrders>(() => new Map());

  const filters: HoldingFilters = {
    provider_id: provider?.id,
    system_id: system?.id,
    q: q || undefined,
    active: !ended,
    ending_soon: endingSoon || undefined,
  };
  const holdings = useHoldings(filters);
  const download = useDownloadHoldings();
  const canManage = (providerId: string) => me.ordering_rights.some((r) => r.provider_id === providerId);

  function update(change: Partial<Record<'utforare' | 'system' | 'q' | 'visa', string>>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(change)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  }

  function submitSearch(event: FormEvent) {
    event.preventDefault();
    update({ q: search.trim() });
  }

  function remember(orders: RevokeOrder[], holdingIds: string[]) {
    setSent((current) => {
      const next = new Map(current);
      orders.forEach((order, index) => next.set(holdingIds[index] ?? order.id, { id: order.id, reference: order.reference }));
      return next;
    });
  }

  const filtered = Boolean(q || system || (!single && provider) || ended || endingSoon);
  const items = holdings.data?.pages.flatMap((page) => page.items) ?? [];
  const groups = groupByPerson(items);
  const headingId = 'holdings-heading';

  return (
    <>
      <p className="lead">{t('holdings.intro')}</p>
      <div className="card filters">
        <form role="search" className="search-form" onSubmit={submitSearch} aria-label={t('holdings.searchLabel')}>
          <Field label={t('holdings.search')} hint={t('holdings.searchHint')} id="holdings-search">
            {(control) => (
              <input
                {...control}
                className="input"
                type="search"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                autoComplete="off"
              />
            )}
          </Field>
          <Button type="submit" variant="secondary">
            {t('holdings.searchButton')}
          </Button>
        </form>
        {providers.length > 1 && (
          <SelectField
            id="holdings-provider"
            label={t('holdings.provider')}
            value={provider?.id ?? ''}
            onChange={(e) => update({ utforare: e.target.value })}
          >
            <option value="">{t('holdings.allProviders')}</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField
          id="holdings-system"
          label={t('holdings.system')}
          value={system?.id ?? ''}
          onChange={(e) => update({ system: e.target.value })}
        >
          <option value="">{t('holdings.allSystems')}</option>
          {systems.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <FieldGroup legend={t('holdings.show')} role="radiogroup">
          <div className="inline-options">
            <Radio
              name="holdings-show"
              value="active"
              label={t('holdings.showActive')}
              checked={!ended}
              onChange={() => update({ visa: '' })}
            />
            <Radio
              name="holdings-show"
              value="ended"
              label={t('holdings.showEnded')}
              checked={ended}
              onChange={() => update({ visa: 'avslutade' })}
            />
          </div>
        </FieldGroup>
        {endingSoon && <p className="muted">{t('holdings.endingSoonFilter')}</p>}
        {filtered && (
          <Button
            variant="link"
            onClick={() => {
              setSearch('');
              setParams(new URLSearchParams());
            }}
          >
            {t('holdings.clearFilters')}
          </Button>
        )}
      </div>
      <section aria-labelledby={headingId} className="section">
        <h2 id={headingId}>
          {provider ? t('holdings.headingFor', { provider: provider.name }) : t('holdings.headingAll')}
        </h2>
        {result && (
          <Alert tone={result.tone} title={result.title} focus focusKey={result.key} className="action-message">
            {result.body}
          </Alert>
        )}
        <div className="toolbar">
          <Button
            variant="secondary"
            busy={download.isPending}
            onClick={() => {
              download.reset();
              download.mutate(filters);
            }}
          >
            {t('holdings.download')}
          </Button>
        </div>
        {download.isError && <ErrorMessage error={download.error} title={t('holdings.downloadFailed')} />}
        {holdings.isPending ? (
          <Loading />
        ) : holdings.isError ? (
          <ErrorMessage error={holdings.error} title={t('holdings.loadFailed')} />
        ) : (
          <>
            <p className="result-count" role="status">
              {items.length === 0
                ? filtered
                  ? t('holdings.noMatch')
                  : t('holdings.none')
                : `${plural(t, ended ? 'holdings.countEnded' : 'holdings.count', items.length)} ${plural(
                    t,
                    'holdings.persons',
                    groups.length,
                  )}${holdings.hasNextPage ? ` ${t('holdings.more')}` : ''}`}
            </p>
            {groups.map((group) => (
              <HolderGroup
                key={group.key}
                group={group}
                ended={ended}
                showProvider={!provider}
                canManage={!ended && canManage(group.providerId)}
                sent={sent}
                onSent={remember}
                onResult={setResult}
                orderHref={orderHref}
                ordersHref={ordersHref}
                filtered={Boolean(q || system)}
              />
            ))}
            {holdings.hasNextPage && (
              <Button variant="secondary" busy={holdings.isFetchingNextPage} onClick={() => void holdings.fetchNextPage()}>
                {t('holdings.showMore')}
              </Button>
            )}
          </>
        )}
      </section>
    </>
  );
}
