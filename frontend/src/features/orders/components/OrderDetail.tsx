import { useState, type ReactNode } from 'react';
import { Alert, BackLink, ErrorMessage, Loading, Page, Table, useFlash } from '@/components';
import { formatDate, formatDateTime, useT } from '@/lib/i18n';
import { useOrderHistory } from '../api/get-order-history';
import type { Order } from '../api/types';
import { historyLabel, statusLabel } from './labels';
import { ActionMessage, OrderActions, type ActionResult, type OrderActionsProps } from './OrderActions';
import { extraFieldLabel } from './OrderForm';
import { OrderMarkers } from './OrderMarkers';
import { OrderMessages } from './OrderMessages';
import { OrderStatusTag } from './OrderStatusTag';
import { CopiedFromNote } from './CopiedFromNote';
import '../words';

export interface OrderDetailProps {
  order: Order;
  me: OrderActionsProps['me'];
  backHref: string;
  backLabel: string;
  editHref: (id: string) => string;
  /** The address of another order (the one a copy was made from). */
  orderHref?: (id: string) => string;
  onCopied: (copy: Order) => void;
  onDeleted: () => void;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="summary__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * One order: what it is for whom (the personal number whole), where it is in its lifecycle, IT's
 * question (when returned), reason (when rejected) or the person's user name (when done), what the
 * reader may do now, and its history.
 */
export function OrderDetail({ order, me, backHref, backLabel, editHref, orderHref, onCopied, onDeleted }: OrderDetailProps) {
  const t = useT();
  const flash = useFlash();
  const [result, setResult] = useState<ActionResult | null>(null);
  const name = `${order.subject.first_name} ${order.subject.last_name}`;
  const yes = t('common.yes');
  const no = t('common.no');

  return (
    <Page title={t('order.detailTitle', { reference: order.reference })}>
      <BackLink to={backHref}>{backLabel}</BackLink>
      {flash && !result && (
        <Alert tone="success" focus>
          <p>{flash}</p>
        </Alert>
      )}
      <p className="order-detail__status">
        <span id="order-detail-ref" className="visually-hidden">
          {order.reference}
        </span>
        {t('common.status')}: <OrderStatusTag status={order.status} />
        <OrderMarkers order={order} />
      </p>
      <CopiedFromNote order={order} orderHref={orderHref} />
      {order.status !== 'draft' && order.last_return && (
        <Alert tone="info" title={t('order.answerTitle')}>
          <p>
            {t('order.answerBody', { name: order.last_return.by_name, at: formatDateTime(order.last_return.at) })}
          </p>
          <p className="pre-line">{order.last_return.question}</p>
        </Alert>
      )}

      {order.status === 'draft' && order.return_question && (
        <Alert tone="warning" title={t('order.returnedTitle')}>
          <p className="pre-line">{order.return_question}</p>
          <p>{t('order.returnedHelp')}</p>
        </Alert>
      )}
      {order.status === 'rejected' && (
        <Alert tone="warning" title={t('order.rejectedTitle')}>
          <p>
            <strong>{t('order.reason')}:</strong> <span className="pre-line">{order.reject_reason ?? '–'}</span>
          </p>
          <p>{t('order.rejectedHelp')}</p>
        </Alert>
      )}
      {order.status === 'completed' && (
        <Alert tone="success" title={t('order.completedTitle')}>
          <p>
            {order.account_name
              ? t('order.completedAccount', { system: order.system_name, account: order.account_name })
              : t('order.completedNoAccount', { system: order.system_name })}
          </p>
        </Alert>
      )}

      <ActionMessage result={result} />
      <div className="order-detail__actions">
        <OrderActions
          order={order}
          me={me}
          editHref={editHref}
          onResult={setResult}
          onCopied={onCopied}
          onDeleted={onDeleted}
          describedBy="order-detail-ref"
        />
      </div>

      <div className="order-detail__grid">
        <section className="card" aria-labelledby="order-what">
          <h2 id="order-what">{t('order.section.what')}</h2>
          <dl className="summary">
            <Row label={t('order.kind')}>{t(`order.kind.${order.kind}`)}</Row>
            <Row label={t('order.provider')}>{order.provider_name}</Row>
            <Row label={t('order.system')}>{order.system_name}</Row>
            <Row label={t('order.permission')}>{order.permission_name}</Row>
            <Row label={t('order.units')}>{order.units.map((u) => u.name).join(', ')}</Row>
            {order.lifecare_title && <Row label={t(extraFieldLabel('lifecare_title'))}>{order.lifecare_title}</Row>}
            {order.profession && <Row label={t(extraFieldLabel('profession'))}>{order.profession}</Row>}
            {order.kind === 'grant' && <Row label={t('order.expertUser')}>{order.expert_user ? yes : no}</Row>}
            <Row label={t('order.validTo')}>{order.valid_to ? formatDate(order.valid_to) : t('order.noEndDate')}</Row>
            {order.comment && (
              <Row label={t('order.comment')}>
                <span className="pre-line">{order.comment}</span>
              </Row>
            )}
          </dl>
        </section>
        <section className="card" aria-labelledby="order-person">
          <h2 id="order-person">{t('order.section.person')}</h2>
          <dl className="summary">
            <Row label={t('orders.col.name')}>{name}</Row>
            <Row label={t('order.personalNumber')}>{order.subject.personal_number}</Row>
            <Row label={t('order.email')}>{order.subject.email ?? '–'}</Row>
            <Row label={t('order.phone')}>{order.subject.phone ?? '–'}</Row>
          </dl>
        </section>
        <section className="card" aria-labelledby="order-handling">
          <h2 id="order-handling">{t('order.section.handling')}</h2>
          <dl className="summary">
            <Row label={t('order.createdBy')}>
              {order.created_by_name}, <span className="nowrap">{formatDateTime(order.created_at)}</span>
            </Row>
            {order.submitted_at && (
              <Row label={t('order.submittedBy')}>
                {order.submitted_by_name ? `${order.submitted_by_name}, ` : ''}
                <span className="nowrap">{formatDateTime(order.submitted_at)}</span>
              </Row>
            )}
            {order.taken_by_name && (
              <Row label={t('order.takenBy')}>
                {order.taken_by_name}
                {order.taken_at && ', '}
                {order.taken_at && <span className="nowrap">{formatDateTime(order.taken_at)}</span>}
              </Row>
            )}
            {order.completed_at && <Row label={t('order.completedAt')}>
              <span className="nowrap">{formatDateTime(order.completed_at)}</span>
            </Row>}
            {order.status === 'completed' && (
              <Row label={t('order.accountName')}>{order.account_name ?? t('order.noAccountName')}</Row>
            )}
            <Row label={t('orders.col.updated')}>
              <span className="nowrap">{formatDateTime(order.updated_at)}</span>
            </Row>
          </dl>
        </section>
      </div>

      {order.status !== 'draft' && (
        <OrderMessages
          orderId={order.id}
          canWrite={me.ordering_rights.some((r) => r.provider_id === order.provider_id) || me.roles.includes('it')}
        />
      )}

      <History id={order.id} />
    </Page>
  );
}

/** Every step of the order, oldest first: loaded again whenever the order changes (it is invalidated). */
function History({ id }: { id: string }) {
  const t = useT();
  const history = useOrderHistory(id);
  return (
    <section className="section" aria-labelledby="order-history">
      <h2 id="order-history">{t('order.historyTitle')}</h2>
      {history.isPending ? (
        <Loading />
      ) : history.isError ? (
        <ErrorMessage error={history.error} />
      ) : (
        <Table caption={t('order.historyTitle')} captionHidden>
          <thead>
            <tr>
              <th scope="col">{t('order.historyWhen')}</th>
              <th scope="col">{t('order.historyWhat')}</th>
              <th scope="col">{t('order.historyWho')}</th>
              <th scope="col">{t('order.historyNote')}</th>
            </tr>
          </thead>
          <tbody>
            {history.data.map((entry) => (
              <tr key={entry.id}>
                <td className="nowrap">{formatDateTime(entry.at)}</td>
                <th scope="row">
                  {historyLabel(t, entry.action)}
                  <br />
                  <span className="muted">
                    {entry.from_status
                      ? t('order.historyChange', { from: statusLabel(t, entry.from_status), to: statusLabel(t, entry.to_status) })
                      : statusLabel(t, entry.to_status)}
                  </span>
                </th>
                <td>{entry.actor_name}</td>
                <td className="pre-line">{entry.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
