import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Button, ErrorMessage, Loading, Table } from '@/components';
import { formatDateTime, useT } from '@/lib/i18n';
import type { useOrders } from '../api/get-orders';
import type { Order, OrderListItem } from '../api/types';
import { kindLabel } from './labels';
import { OrderActions, type OnResult, type OrderActionsProps } from './OrderActions';
import { OrderMarkers } from './OrderMarkers';
import { OrderStatusTag } from './OrderStatusTag';
import '../words';

export interface OrdersTableProps {
  caption: ReactNode;
  query: ReturnType<typeof useOrders>;
  me: OrderActionsProps['me'];
  orderHref: (id: string) => string;
  editHref: (id: string) => string;
  onResult: OnResult;
  onCopied: (copy: Order) => void;
  /** Show the provider (for those who see several). */
  showProvider?: boolean;
  /** Show who took it (IT's orders in progress). */
  showTakenBy?: boolean;
  /** Which time to show: when it last changed (default), or when it was sent to IT (IT's queue). */
  time?: 'updated' | 'submitted';
  empty: string;
  /** "Visar 12 beställningar" and the like, announced politely when it changes. */
  countText: (shown: number, more: boolean) => string;
  /** Drafts that may be selected (to send several at once), and the selection. */
  selected?: ReadonlySet<string>;
  onSelect?: (id: string, selected: boolean) => void;
}

/**
 * A page of orders: reference (a link to the order), person with the personal number masked,
 * permission, kind, status, time and what the reader may do; "Visa fler" loads the next page.
 */
export function OrdersTable({
  caption,
  query,
  me,
  orderHref,
  editHref,
  onResult,
  onCopied,
  showProvider = false,
  showTakenBy = false,
  time = 'updated',
  empty,
  countText,
  selected,
  onSelect,
}: OrdersTableProps) {
  const t = useT();
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} title={t('orders.loadFailed')} />;
  const items: OrderListItem[] = query.data.pages.flatMap((page) => page.items);
  const more = Boolean(query.hasNextPage);

  return (
    <div className="orders-table">
      <p className="result-count" role="status">
        {items.length === 0 ? empty : countText(items.length, more)}
      </p>
      {items.length > 0 && (
        <Table caption={caption} className="table--cards">
          <thead>
            <tr>
              {onSelect && (
                <th scope="col">
                  <span className="visually-hidden">{t('orders.select')}</span>
                </th>
              )}
              <th scope="col">{t('orders.col.reference')}</th>
              {showProvider && <th scope="col">{t('order.provider')}</th>}
              <th scope="col">{t('orders.col.person')}</th>
              <th scope="col">{t('order.permission')}</th>
              <th scope="col">{t('order.kind')}</th>
              <th scope="col">{t('common.status')}</th>
              {showTakenBy && <th scope="col">{t('orders.col.takenBy')}</th>}
              <th scope="col">{time === 'submitted' ? t('orders.col.submitted') : t('orders.col.updated')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((order) => {
              const refId = `order-ref-${order.id}`;
              const at = time === 'submitted' ? (order.submitted_at ?? order.updated_at) : order.updated_at;
              return (
                <tr key={order.id}>
                  {onSelect && (
                    <td data-label={t('orders.select')}>
                      {order.status === 'draft' && me.ordering_rights.some((r) => r.provider_id === order.provider_id) && (
                        <input
                          type="checkbox"
                          className="queue-table__check"
                          aria-label={t('orders.selectOne', { reference: order.reference })}
                          checked={selected?.has(order.id) ?? false}
                          onChange={(e) => onSelect(order.id, e.target.checked)}
                        />
                      )}
                    </td>
                  )}
                  <th scope="row" data-label={t('orders.col.reference')}>
                    <Link to={orderHref(order.id)} id={refId} className="nowrap">
                      {order.reference}
                    </Link>
                  </th>
                  {showProvider && <td data-label={t('order.provider')}>{order.provider_name}</td>}
                  <td data-label={t('orders.col.person')}>
                    {order.subject.first_name} {order.subject.last_name}
                    <br />
                    <span className="muted nowrap">{order.subject.personal_number}</span>
                  </td>
                  <td data-label={t('order.permission')}>
                    {order.permission_name}
                    <br />
                    <span className="muted">
                      {order.system_name}
                      {order.units.length > 0 && ` · ${order.units.map((u) => u.name).join(', ')}`}
                    </span>
                  </td>
                  <td data-label={t('order.kind')}>{kindLabel(t, order.kind)}</td>
                  <td data-label={t('common.status')}>
                    <OrderStatusTag status={order.status} />
                    <OrderMarkers order={order} />
                  </td>
                  {showTakenBy && <td data-label={t('orders.col.takenBy')}>{order.taken_by_name ?? '–'}</td>}
                  <td className="nowrap" data-label={time === 'submitted' ? t('orders.col.submitted') : t('orders.col.updated')}>
                    {formatDateTime(at)}
                  </td>
                  <td data-label={t('common.actions')}>
                    <OrderActions
                      order={order}
                      me={me}
                      editHref={editHref}
                      onResult={onResult}
                      onCopied={onCopied}
                      describedBy={refId}
                      small
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
      {more && (
        <Button variant="secondary" busy={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {t('orders.more')}
        </Button>
      )}
    </div>
  );
}
