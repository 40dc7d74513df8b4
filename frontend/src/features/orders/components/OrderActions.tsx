import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Alert, Button, ConfirmDialog } from '@/components';
import { ApiError, type components } from '@/lib/api';
import { useT, type Translate } from '@/lib/i18n';
import { useCopyOrder } from '../api/copy-order';
import { useDeleteOrder } from '../api/delete-order';
import { getOrder } from '../api/get-order';
import { useSubmitOrder } from '../api/submit-order';
import { useTakeOrder } from '../api/take-order';
import type { Order, OrderListItem } from '../api/types';
import { useWithdrawOrder } from '../api/withdraw-order';
import { CompleteDialog, RejectDialog, ReturnDialog } from './ItDialogs';
import { isFinal } from './labels';

/** Who is reading: their roles and the providers they order for. */
type Reader = Pick<components['schemas']['Me'], 'roles' | 'ordering_rights'>;
type AnyOrder = OrderListItem | Order;

/** The outcome of an action, shown by the page above its list or detail (the row may have changed). */
export interface ActionResult {
  tone: 'success' | 'error';
  text: string;
  /** The API's refusal, whose field problems are listed. */
  error?: unknown;
  key: number;
}

export type OnResult = (result: ActionResult) => void;

export interface OrderActionsProps {
  order: AnyOrder;
  me: Reader;
  editHref: (id: string) => string;
  onResult: OnResult;
  /** A copy was made: the page opens it for editing. */
  onCopied: (copy: Order) => void;
  /** The draft was deleted (a detail page then leaves). */
  onDeleted?: () => void;
  /** The id of the element that names the order (its reference): the buttons' description. */
  describedBy?: string;
  small?: boolean;
}

export const isOrdererOf = (me: Reader, providerId: string) => me.ordering_rights.some((r) => r.provider_id === providerId);
export const isIt = (me: Reader) => me.roles.includes('it');

/** What an order's reader may do with it now: an orderer's steps and IT's steps, by its status. */
export function OrderActions(props: OrderActionsProps) {
  const { order, me } = props;
  const orderer = isOrdererOf(me, order.provider_id);
  const it = isIt(me) && (order.status === 'submitted' || order.status === 'in_progress');
  if (!orderer && !it) return null;
  return (
    <div className="table__actions order-actions">
      {orderer && <OrdererActions {...props} />}
      {it && <ItActions {...props} />}
    </div>
  );
}

/** The result text for an action the API refused: its own words for conflicts, else its problem. */
export function refusal(t: Translate, error: unknown, reference: string): string {
  if (error instanceof ApiError && (error.status === 409 || error.status === 412)) {
    if (error.code === 'duplicate_open_order') return t('order.duplicateOpenOrder');
    return t('order.conflict', { reference });
  }
  if (error instanceof ApiError && error.status === 404) return t('order.gone', { reference });
  if (error instanceof ApiError && error.status === 422) return t('order.cannotSend', { reference });
  if (error instanceof ApiError) return error.problem?.detail || error.message;
  return t('error.network');
}

function OrdererActions({ order, editHref, onResult, onCopied, onDeleted, describedBy, small }: OrderActionsProps) {
  const t = useT();
  const submit = useSubmitOrder();
  const withdraw = useWithdrawOrder();
  const remove = useDeleteOrder();
  const copy = useCopyOrder();
  const [confirm, setConfirm] = useState<'delete' | 'withdraw' | null>(null);
  const size = small ? 'button--small' : undefined;
  const ref = order.reference;
  const fail = (error: unknown) => onResult({ tone: 'error', text: refusal(t, error, ref), error, key: Date.now() });

  if (order.status === 'draft') {
    return (
      <>
        <Link to={editHref(order.id)} className={['button', 'button--secondary', size].filter(Boolean).join(' ')} aria-describedby={describedBy}>
          {t('order.action.edit')}
        </Link>
        <Button variant="danger" className={size} aria-describedby={describedBy} onClick={() => setConfirm('delete')}>
          {t('order.action.delete')}
        </Button>
        <Button
          className={size}
          aria-describedby={describedBy}
          busy={submit.isPending}
          onClick={() =>
            submit.mutate(
              { order },
              {
                onSuccess: () => onResult({ tone: 'success', text: t('order.result.submitted', { reference: ref }), key: Date.now() }),
                onError: fail,
              },
            )
          }
        >
          {t('order.action.submit')}
        </Button>
        {confirm === 'delete' && (
          <ConfirmDialog
            title={t('order.deleteTitle', { reference: ref })}
            confirmLabel={t('order.deleteConfirm')}
            busy={remove.isPending}
            onCancel={() => setConfirm(null)}
            onConfirm={() =>
              remove.mutate(order, {
                onSuccess: () => {
                  setConfirm(null);
                  onResult({ tone: 'success', text: t('order.result.deleted', { reference: ref }), key: Date.now() });
                  onDeleted?.();
                },
                onError: (error) => {
                  setConfirm(null);
                  fail(error);
                },
              })
            }
          >
            <p>{t('order.deleteBody', { name: `${order.subject.first_name} ${order.subject.last_name}` })}</p>
          </ConfirmDialog>
        )}
      </>
    );
  }

  if (order.status === 'submitted') {
    return (
      <>
        <Button variant="danger" className={size} aria-describedby={describedBy} onClick={() => setConfirm('withdraw')}>
          {t('order.action.withdraw')}
        </Button>
        {confirm === 'withdraw' && (
          <ConfirmDialog
            title={t('order.withdrawTitle', { reference: ref })}
            confirmLabel={t('order.withdrawConfirm')}
            busy={withdraw.isPending}
            onCancel={() => setConfirm(null)}
            onConfirm={() =>
              withdraw.mutate(
                { order },
                {
                  onSuccess: () => {
                    setConfirm(null);
                    onResult({ tone: 'success', text: t('order.result.withdrawn', { reference: ref }), key: Date.now() });
                  },
                  onError: (error) => {
                    setConfirm(null);
                    fail(error);
                  },
                },
              )
            }
          >
            <p>{t('order.withdrawBody')}</p>
          </ConfirmDialog>
        )}
      </>
    );
  }

  if (isFinal(order.status)) {
    return (
      <Button
        variant="secondary"
        className={size}
        aria-describedby={describedBy}
        busy={copy.isPending}
        onClick={() => copy.mutate({ id: order.id }, { onSuccess: onCopied, onError: fail })}
      >
        {t('order.action.copy')}
      </Button>
    );
  }
  return null;
}

/**
 * IT's steps: take a sent order, then complete, reject or return it. When someone else got there
 * first (409, or 412 on our `If-Match`) the page says so plainly and its lists load again.
 */
function ItActions({ order, onResult, describedBy, small }: OrderActionsProps) {
  const t = useT();
  const take = useTakeOrder();
  const [dialog, setDialog] = useState<'complete' | 'reject' | 'return' | null>(null);
  const size = small ? 'button--small' : undefined;
  const ref = order.reference;

  async function conflict(error: unknown) {
    let text = refusal(t, error, ref);
    if (error instanceof ApiError && (error.status === 409 || error.status === 412)) {
      // Say who has it now, when someone does.
      try {
        const now = await getOrder(order.id);
        if (now.status === 'in_progress' && now.taken_by_name) {
          text = t('order.takenByOther', { reference: ref, name: now.taken_by_name });
        }
      } catch {
        // the general words will do
      }
    }
    onResult({ tone: 'error', text, error, key: Date.now() });
  }

  const done = (key: 'order.result.completed' | 'order.result.rejected' | 'order.result.returned') => () => {
    setDialog(null);
    onResult({ tone: 'success', text: t(key, { reference: ref }), key: Date.now() });
  };
  const failed = (error: unknown) => {
    setDialog(null);
    void conflict(error);
  };

  return (
    <>
      {order.status === 'submitted' && (
        <Button
          className={size}
          aria-describedby={describedBy}
          busy={take.isPending}
          onClick={() =>
            take.mutate(
              { order },
              {
                onSuccess: () => onResult({ tone: 'success', text: t('order.result.taken', { reference: ref }), key: Date.now() }),
                onError: (error) => void conflict(error),
              },
            )
          }
        >
          {t('order.action.take')}
        </Button>
      )}
      {order.status === 'in_progress' && (
        <Button className={size} aria-describedby={describedBy} onClick={() => setDialog('complete')}>
          {t('order.action.complete')}
        </Button>
      )}
      <Button variant="danger" className={size} aria-describedby={describedBy} onClick={() => setDialog('reject')}>
        {t('order.action.reject')}
      </Button>
      <Button variant="secondary" className={size} aria-describedby={describedBy} onClick={() => setDialog('return')}>
        {t('order.action.return')}
      </Button>
      {dialog === 'complete' && (
        <CompleteDialog order={order} onClose={() => setDialog(null)} onDone={done('order.result.completed')} onFailed={failed} />
      )}
      {dialog === 'reject' && (
        <RejectDialog order={order} onClose={() => setDialog(null)} onDone={done('order.result.rejected')} onFailed={failed} />
      )}
      {dialog === 'return' && (
        <ReturnDialog order={order} onClose={() => setDialog(null)} onDone={done('order.result.returned')} onFailed={failed} />
      )}
    </>
  );
}

/** The page's message about the last action: focused, so keyboard users continue from it. */
export function ActionMessage({ result, extra }: { result: ActionResult | null; extra?: ReactNode }) {
  const t = useT();
  if (!result) return null;
  if (result.tone === 'error') {
    return (
      <Alert tone="error" title={t('order.actionFailed')} focus focusKey={result.key} className="action-message">
        <p>{result.text}</p>
        <FieldProblems error={result.error} />
        {extra}
      </Alert>
    );
  }
  return (
    <Alert tone="success" focus focusKey={result.key} className="action-message">
      <p>{result.text}</p>
      {extra}
    </Alert>
  );
}

/** For a 422 from sending a draft: what is wrong with the order, field by field, in the API's words. */
function FieldProblems({ error }: { error: unknown }) {
  const problems = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
  if (problems.length === 0) return null;
  return (
    <ul className="form-error__list">
      {problems.map((p, i) => (
        <li key={`${p.field}-${i}`}>{p.message}</li>
      ))}
    </ul>
  );
}
