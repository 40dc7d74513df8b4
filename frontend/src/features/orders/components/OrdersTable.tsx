import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Button, ErrorMessage, Loading, Table } from '@/components';
import { formatDateTime, useT } from '@/lib/i18n';
import type { useOrders } from '../api/get-orders';
import type { Order, OrderListItem } from '../api/types';
import { kindLabel } from './labels';
import { OrderActions, type OnResult, type OrderActionsProps } from './OrderActions';
import { OrderStatusTag } from './OrderStatusTag';

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
        <Table caption={caption}>
          <thead>
            <tr>
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
                  <th scope="row">
                    <Link to={orderHref(order.id)} id={refId} className="nowrap">
                      {order.reference}
                    </Link>
                  </th>
                  {showProvider && <td>{order.provider_name}</td>}
                  <td>
                    {order.subject.first_name} {order.subject.last_name}
                    <br />
                    <span className="muted nowrap">{order.subject.personal_number}</span>
                  </td>
                  <td>
                    {order.permission_name}
                    <br />
                    <span className="muted">
                      {order.system_name}
                      {order.units.length > 0 && ` · ${order.units.map((u) => u.name).join(', ')}`}
                    </span>
                  </td>
                  <td>{kindLabel(t, order.kind)}</td>
                  <td>
                    <OrderStatusTag status={order.status} />
                  </td>
                  {showTakenBy && <td>{order.taken_by_name ?? '–'}</td>}
                  <td className="nowrap">{formatDateTime(at)}</td>
                  <td>
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
