import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Field, FieldGroup, SelectField, useFlash, useSearchState } from '@/components';
import { plural, useT } from '@/lib/i18n';
import { useOrders, type OrderFilters } from '../api/get-orders';
import { afterOrderChange } from '../api/invalidate';
import { submitOrder } from '../api/submit-order';
import type { Order, OrderListItem, OrderStatus } from '../api/types';
import { ORDER_STATUSES, statusLabel } from './labels';
import { ActionMessage, refusal, type ActionResult, type OrderActionsProps } from './OrderActions';
import { OrdersTable } from './OrdersTable';
import '../words';

export interface OrdersListProps {
  me: OrderActionsProps['me'];
  /** The providers the reader orders for (an orderer's rights); empty for support, who sees all. */
  providers: { id: string; name: string }[];
  orderHref: (id: string) => string;
  editHref: (id: string) => string;
  onCopied: (copy: Order) => void;
}

const isStatus = (value: string): value is OrderStatus => (ORDER_STATUSES as string[]).includes(value);

/**
 * Hantera dina beställningar: the provider's orders, newest first, filtered by status and a search
 * (name, email or reference), a page at a time. The filters live in the address, so a reload or the
 * back button keeps them. Drafts are edited, deleted and sent from here; sent ones withdrawn; final
 * ones copied.
 */
export function OrdersList({ me, providers, orderHref, editHref, onCopied }: OrdersListProps) {
  const t = useT();
  const flash = useFlash();
  const [params, setParams] = useSearchState();
  // IT reads every order sent to IT (never drafts): its filter offers no Utkast.
  const itOnly = providers.length === 0 && !me.roles.includes('admin');
  const offered = itOnly ? ORDER_STATUSES.filter((s) => s !== 'draft') : ORDER_STATUSES;
  const statuses = params.getAll('status').filter(isStatus);
  const returned = params.get('retur') === 'ja';
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [sending, setSending] = useState(false);
  const q = params.get('q') ?? '';
  const asked = params.get('utforare');
  const providerId = asked && providers.some((p) => p.id === asked) ? asked : undefined;
  const [search, setSearch] = useState(q);
  const [result, setResult] = useState<ActionResult | null>(null);

  const filters: OrderFilters = {
    status: statuses,
    q: q || undefined,
    provider_id: providerId,
    returned: returned || undefined,
    order: 'newest',
  };
  const orders = useOrders(filters);

  function update(change: { status?: OrderStatus[]; q?: string; utforare?: string | null; retur?: boolean }) {
    const next = new URLSearchParams();
    setSelected(new Set());
    // A new filter: the last action's message is about rows that may no longer show.
    setResult(null);
    for (const s of change.status ?? statuses) next.append('status', s);
    const nextQ = change.q ?? q;
    if (nextQ.trim()) next.set('q', nextQ.trim());
    const nextProvider = change.utforare === undefined ? providerId : change.utforare;
    if (nextProvider) next.set('utforare', nextProvider);
    if (change.retur ?? returned) next.set('retur', 'ja');
    setParams(next);
  }

  function submitSearch(event: FormEvent) {
    event.preventDefault();
    update({ q: search });
  }

  const single = providers.length === 1 ? providers[0] : undefined;
  const chosen = providers.find((p) => p.id === providerId);
  const caption = single
    ? t('orders.captionFor', { provider: single.name })
    : chosen
      ? t('orders.captionFor', { provider: chosen.name })
      : t('orders.caption');
  const filtered = statuses.length > 0 || q !== '' || returned;
  const shown: OrderListItem[] = orders.data?.pages.flatMap((p) => p.items) ?? [];
  const toSend = shown.filter((o) => selected.has(o.id) && o.status === 'draft');

  /** Sends the selected drafts one by one; says which went and why any did not. */
  async function sendSelected() {
    setSending(true);
    const sent: string[] = [];
    const failed: string[] = [];
    for (const order of toSend) {
      try {
        await submitOrder(order);
        sent.push(order.reference);
      } catch (error) {
        failed.push(refusal(t, error, order.reference));
      }
    }
    setSending(false);
    setSelected(new Set());
    afterOrderChange(queryClient);
    const text = [sent.length > 0 ? t('orders.sentSeveral', { references: sent.join(', ') }) : '', ...failed]
      .filter(Boolean)
      .join(' ');
    setResult({ tone: failed.length > 0 ? 'error' : 'success', text, key: Date.now() });
  }

  return (
    <div className="orders">
      {flash && !result && (
        <Alert tone="success" focus>
          <p>{flash}</p>
        </Alert>
      )}
      <div className="orders__filters card">
        <form role="search" className="search-form" onSubmit={submitSearch} aria-label={t('orders.searchLabel')}>
          <Field label={t('orders.search')} hint={t('orders.searchHint')}>
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
            {t('orders.searchButton')}
          </Button>
        </form>
        {providers.length > 1 && (
          <SelectField
            id="orders-provider"
            label={t('order.provider')}
            value={providerId ?? ''}
            onChange={(e) => update({ utforare: e.target.value || null })}
            className="orders__provider"
          >
            <option value="">{t('orders.allProviders')}</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
        )}
        <FieldGroup legend={t('orders.statusFilter')} hint={t('orders.statusFilterHint')}>
          <div className="status-filter">
            {returned && (
              <Checkbox
                id="status-filter-returned"
                label={t('order.marker.question')}
                checked
                onChange={() => update({ retur: false })}
              />
            )}
            {offered.map((status) => (
              <Checkbox
                key={status}
                id={`status-filter-${status}`}
                label={statusLabel(t, status)}
                checked={statuses.includes(status)}
                onChange={(e) =>
                  update({ status: e.target.checked ? [...statuses, status] : statuses.filter((s) => s !== status) })
                }
              />
            ))}
          </div>
        </FieldGroup>
        {filtered && (
          <Button
            variant="link"
            onClick={() => {
              setSearch('');
              update({ status: [], q: '', retur: false });
            }}
          >
            {t('orders.clearFilters')}
          </Button>
        )}
      </div>
      <ActionMessage result={result} />
      {me.ordering_rights.length > 0 && shown.some((o) => o.status === 'draft') && (
        <div className="bulk-actions">
          <Button className="button--small" busy={sending} disabled={toSend.length === 0} onClick={() => void sendSelected()}>
            {t('orders.sendSelected', { n: toSend.length })}
          </Button>
        </div>
      )}
      <OrdersTable
        selected={selected}
        onSelect={(id, on) =>
          setSelected((prev) => {
            const next = new Set(prev);
            if (on) next.add(id);
            else next.delete(id);
            return next;
          })
        }
        caption={caption}
        query={orders}
        me={me}
        orderHref={orderHref}
        editHref={editHref}
        onResult={setResult}
        onCopied={onCopied}
        showProvider={providers.length !== 1}
        empty={filtered ? t('orders.noMatch') : t('orders.none')}
        countText={(n, more) =>
          more ? t('orders.countMore', { count: plural(t, 'orders.count', n) }) : plural(t, 'orders.count', n)
        }
      />
    </div>
  );
}
