import { Link } from 'react-router';
import { Button, ErrorMessage, Loading, Table } from '@/components';
import { formatDateTime, useT } from '@/lib/i18n';
import type { useOrders } from '../api/get-orders';
import type { OrderListItem } from '../api/types';
import { kindLabel } from './labels';
import { OrderActions, type OnResult, type OrderActionsProps } from './OrderActions';
import { OrderMarkers } from './OrderMarkers';
import '../words';

export interface QueueTableProps {
  caption: string;
  query: ReturnType<typeof useOrders>;
  me: OrderActionsProps['me'];
  orderHref: (id: string) => string;
  editHref: (id: string) => string;
  onResult: OnResult;
  empty: string;
  countText: (shown: number, more: boolean) => string;
  /** Show who took it (IT's orders in progress). */
  showTakenBy?: boolean;
  /** Rows that may be selected (to take several at once), and the selection. */
  selectable?: boolean;
  selected?: ReadonlySet<string>;
  onSelect?: (id: string, selected: boolean) => void;
}

/** The extra fields an order carries, in words: `Undersköterska`, `Sjuksköterska`. */
function extras(order: OrderListItem): string {
  return [order.lifecare_title, order.profession].filter(Boolean).join(' · ');
}

/**
 * IT's queue for volume: one line per order (long texts end in "…" and are whole in their
 * `title`), so that a screen shows many; the extra fields and the comment in the row, the actions
 * as compact buttons, and a checkbox to take several at once.
 */
export function QueueTable({
  caption,
  query,
  me,
  orderHref,
  editHref,
  onResult,
  empty,
  countText,
  showTakenBy = false,
  selectable = false,
  selected,
  onSelect,
}: QueueTableProps) {
  const t = useT();
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} title={t('orders.loadFailed')} />;
  const items: OrderListItem[] = query.data.pages.flatMap((page) => page.items);
  const more = Boolean(query.hasNextPage);

  return (
    <div className="queue-table">
      <p className="result-count" role="status">
        {items.length === 0 ? empty : countText(items.length, more)}
      </p>
      {items.length > 0 && (
        <Table caption={caption} captionHidden className="table--queue table--cards">
          <thead>
            <tr>
              {selectable && (
                <th scope="col" className="col--select">
                  <span className="visually-hidden">{t('queue.select')}</span>
                </th>
              )}
              <th scope="col" className="col--ref">{t('orders.col.reference')}</th>
              <th scope="col" className="col--provider">{t('order.provider')}</th>
              <th scope="col" className="col--person">{t('orders.col.person')}</th>
              <th scope="col" className="col--what">{t('order.permission')}</th>
              <th scope="col" className="col--extra">{t('queue.col.extra')}</th>
              <th scope="col" className="col--comment">{t('order.comment')}</th>
              {showTakenBy && <th scope="col" className="col--taken">{t('orders.col.takenBy')}</th>}
              <th scope="col" className="col--time">{t('orders.col.submitted')}</th>
              <th scope="col" className="col--actions">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((order) => {
              const refId = `queue-ref-${order.id}`;
              const person = `${order.subject.first_name} ${order.subject.last_name}`;
              const what = `${order.permission_name} · ${order.system_name} · ${kindLabel(t, order.kind)}`;
              const units = order.units.map((u) => u.name).join(', ');
              return (
                <tr key={order.id}>
                  {selectable && (
                    <td className="col--select" data-label={t('queue.select')}>
                      {order.status === 'submitted' && (
                        <input
                          type="checkbox"
                          className="queue-table__check"
                          aria-label={t('queue.selectOne', { reference: order.reference, name: person })}
                          checked={selected?.has(order.id) ?? false}
                          onChange={(e) => onSelect?.(order.id, e.target.checked)}
                        />
                      )}
                    </td>
                  )}
                  <th scope="row" className="col--ref" data-label={t('orders.col.reference')}>
                    <Link to={orderHref(order.id)} id={refId} className="nowrap">
                      {order.reference}
                    </Link>
                    <OrderMarkers order={order} />
                  </th>
                  <td className="cell--clip" title={order.provider_name} data-label={t('order.provider')}>
                    {order.provider_name}
                  </td>
                  <td className="cell--clip" title={`${person} ${order.subject.personal_number}`} data-label={t('orders.col.person')}>
                    {person} <span className="muted nowrap">{order.subject.personal_number}</span>
                  </td>
                  <td className="cell--clip" title={`${what} · ${units}`} data-label={t('order.permission')}>
                    {what}
                    <span className="muted"> · {units}</span>
                  </td>
                  <td className="cell--clip" title={extras(order)} data-label={t('queue.col.extra')}>
                    {extras(order) || '–'}
                  </td>
                  <td className="cell--clip" title={order.comment ?? ''} data-label={t('order.comment')}>
                    {order.comment ?? '–'}
                  </td>
                  {showTakenBy && (
                    <td className="cell--clip" data-label={t('orders.col.takenBy')}>
                      {order.taken_by_name ?? '–'}
                    </td>
                  )}
                  <td className="nowrap" data-label={t('orders.col.submitted')}>
                    {formatDateTime(order.submitted_at ?? order.updated_at)}
                  </td>
                  <td className="col--actions" data-label={t('common.actions')}>
                    <OrderActions
                      order={order}
                      me={me}
                      editHref={editHref}
                      onResult={onResult}
                      onCopied={() => {}}
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
