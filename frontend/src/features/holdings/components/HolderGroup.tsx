import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Table } from '@/components';
import { formatDate, useT, type Translate } from '@/lib/i18n';
import type { Holding, RevokeOrder } from '../api/types';
import { EndDateDialog, RevokeAllDialog, RevokeOneDialog } from './HoldingDialogs';
import type { HoldingsResult, PersonGroup, SentOrders } from './types';

/**
 * Groups a list by person and provider, in the order the API gave (last name, first name). Lists mask
 * personal numbers, so a person is their names and masked number at a provider: two namesakes born the
 * same day would share a heading, never an action (revoking reads the whole number from the holding).
 */
export function groupByPerson(items: Holding[]): PersonGroup[] {
  const groups = new Map<string, PersonGroup>();
  for (const item of items) {
    const name = `${item.person.first_name} ${item.person.last_name}`;
    const key = [item.provider_id, item.person.last_name, item.person.first_name, item.person.personal_number].join('|');
    const group = groups.get(key) ?? {
      key,
      providerId: item.provider_id,
      providerName: item.provider_name,
      name,
      personalNumber: item.person.personal_number,
      items: [],
    };
    group.items.push(item);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Days from today (in Stockholm) to a `YYYY-MM-DD` date; negative when it has passed. */
export function daysUntil(date: string, today: string = formatDate(new Date())): number {
  const at = (d: string) => {
    const [y, m, day] = d.split('-').map(Number);
    return Date.UTC(y ?? 0, (m ?? 1) - 1, day ?? 1);
  };
  return Math.round((at(date) - at(today)) / 86_400_000);
}

/** An end date within this many days is marked as near. */
export const NEAR_DAYS = 30;

function EndDate({ holding, t }: { holding: Holding; t: Translate }) {
  if (!holding.valid_to) return <span className="muted">{t('holdings.noEndDate')}</span>;
  const days = daysUntil(holding.valid_to);
  const near = holding.active && days >= 0 && days <= NEAR_DAYS;
  return (
    <>
      <span className="nowrap">{formatDate(holding.valid_to)}</span>
      {near && (
        <>
          <br />
          <span className="tag tag--soon">
            {days === 0 ? t('holdings.endsToday') : days === 1 ? t('holdings.endsTomorrow') : t('holdings.endsIn', { n: days })}
          </span>
        </>
      )}
    </>
  );
}

type Dialog =
  | { kind: 'end-date'; holding: Holding }
  | { kind: 'revoke-one'; holding: Holding }
  | { kind: 'revoke-all' }
  | null;

export function HolderGroup({
  group,
  ended,
  showProvider,
  canManage,
  sent,
  onSent,
  onResult,
  orderHref,
  ordersHref,
  filtered,
}: {
  group: PersonGroup;
  ended: boolean;
  showProvider: boolean;
  canManage: boolean;
  sent: SentOrders;
  onSent: (orders: RevokeOrder[], holdingIds: string[]) => void;
  onResult: (result: HoldingsResult) => void;
  orderHref: (id: string) => string;
  ordersHref: string;
  /** The list is filtered: the person may hold more than is shown. */
  filtered: boolean;
}) {
  const t = useT();
  const [dialog, setDialog] = useState<Dialog>(null);
  const headingId = `holder-${group.items[0]?.id ?? group.key}`;
  const unsent = group.items.filter((h) => !sent.has(h.id) && !h.open_revoke_order);

  return (
    <section aria-labelledby={headingId} className="holder">
      <div className="holder__header">
        <div>
          <h3 id={headingId} className="holder__name">
            {group.name} <span className="muted nowrap">{group.personalNumber}</span>
          </h3>
          {showProvider && <p className="muted holder__provider">{group.providerName}</p>}
        </div>
        {canManage && unsent.length > 0 && (
          <Button variant="danger" className="button--small" onClick={() => setDialog({ kind: 'revoke-all' })}>
            {t('holdings.revokeAll')}
            <span className="visually-hidden"> {t('holdings.forName', { name: group.name })}</span>
          </Button>
        )}
      </div>
      <Table
        caption={t('holdings.caption', { name: group.name, provider: group.providerName })}
        captionHidden
        className="holder__table"
      >
        <thead>
          <tr>
            <th scope="col" className="col--permission">
              {t('holdings.permission')}
            </th>
            <th scope="col" className="col--units">
              {t('holdings.units')}
            </th>
            <th scope="col" className="col--since">
              {t('holdings.since')}
            </th>
            <th scope="col" className="col--date">
              {ended ? t('holdings.endedAt') : t('holdings.validTo')}
            </th>
            {canManage && <th scope="col">{t('common.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {group.items.map((holding) => {
            // Sent from this page just now, or found on its way by the API (after any reload).
            const order = sent.get(holding.id) ?? holding.open_revoke_order ?? undefined;
            const what = t('holdings.what', { permission: holding.permission_name, system: holding.system_name });
            return (
              <tr key={holding.id}>
                <th scope="row">
                  {holding.permission_name}
                  <br />
                  <span className="muted">{holding.system_name}</span>
                  {!canManage && order && (
                    <>
                      <br />
                      <span>
                        {t('holdings.revokeSent')}{' '}
                        <Link to={orderHref(order.id)} className="nowrap">
                          {order.reference}
                        </Link>
                      </span>
                    </>
                  )}
                </th>
                <td>{holding.units.map((u) => u.name).join(', ')}</td>
                <td className="nowrap">{formatDate(holding.since)}</td>
                <td>{ended ? (holding.ended_at ? formatDate(holding.ended_at) : '–') : <EndDate holding={holding} t={t} />}</td>
                {canManage && (
                  <td>
                    {order ? (
                      <span>
                        {t('holdings.revokeSent')}{' '}
                        <Link to={orderHref(order.id)} className="nowrap">
                          {order.reference}
                        </Link>
                      </span>
                    ) : (
                      <div className="table__actions">
                        <Button
                          variant="secondary"
                          className="button--small"
                          onClick={() => setDialog({ kind: 'end-date', holding })}
                        >
                          {t('holdings.changeEndDate')}
                          <span className="visually-hidden"> {t('holdings.forWhat', { what, name: group.name })}</span>
                        </Button>
                        <Button
                          variant="danger"
                          className="button--small"
                          onClick={() => setDialog({ kind: 'revoke-one', holding })}
                        >
                          {t('holdings.revoke')}
                          <span className="visually-hidden"> {t('holdings.forWhat', { what, name: group.name })}</span>
                        </Button>
                      </div>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </Table>
      {dialog?.kind === 'end-date' && (
        <EndDateDialog
          holding={dialog.holding}
          name={group.name}
          onCancel={() => setDialog(null)}
          onDone={(result) => {
            setDialog(null);
            onResult(result);
          }}
        />
      )}
      {dialog?.kind === 'revoke-one' && (
        <RevokeOneDialog
          holding={dialog.holding}
          name={group.name}
          orderHref={orderHref}
          ordersHref={ordersHref}
          onCancel={() => setDialog(null)}
          onDone={(result, order) => {
            setDialog(null);
            if (order) onSent([order], [dialog.holding.id]);
            onResult(result);
          }}
        />
      )}
      {dialog?.kind === 'revoke-all' && (
        <RevokeAllDialog
          group={group}
          filtered={filtered}
          orderHref={orderHref}
          ordersHref={ordersHref}
          onCancel={() => setDialog(null)}
          onDone={(result, orders) => {
            setDialog(null);
            // Each order revokes one of the person's permissions: mark the rows it is about.
            const ids = orders.map(
              (o) => group.items.find((h) => h.permission_id === o.permission_id)?.id ?? `order-${o.id}`,
            );
            onSent(orders, ids);
            onResult(result);
          }}
        />
      )}
    </section>
  );
}
