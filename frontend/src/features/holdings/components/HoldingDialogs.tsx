import { useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import {
  ConfirmDialog,
  FormDialog,
  FormError,
  TextAreaField,
  TextField,
  errorText,
  focusFirstInvalid,
  useFormMutation,
} from '@/components';
import { ApiError, fieldErrors } from '@/lib/api';
import { formatDate, useT, type Translate } from '@/lib/i18n';
import { NotSubmittedError, useRevokeHolding } from '../api/revoke-holding';
import { useRevokeAllHoldings } from '../api/revoke-all-holdings';
import type { Holding, RevokeOrder } from '../api/types';
import { useUpdateHolding } from '../api/update-holding';
import type { HoldingsResult, PersonGroup } from './types';

const result = (tone: HoldingsResult['tone'], body: ReactNode, title?: string): HoldingsResult => ({
  tone,
  title,
  body,
  key: Date.now(),
});

/** The API's problem in words, with every field problem it listed (e.g. `self_order_forbidden`). */
function problemText(error: unknown, t: Translate, messages?: Partial<Record<string, string>>): string {
  const text = errorText(error, t, messages);
  const known = error instanceof ApiError && error.code && messages?.[error.code];
  const fields = error instanceof ApiError && !known ? (error.problem?.errors ?? []).map((e) => e.message) : [];
  return [text, ...fields].join(' ');
}

/** An `Idempotency-Key` (randomUUID needs a secure context: fall back off one). */
function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

// ---- Giltig till ----

/**
 * Changing a holding's end date (`PATCH /holdings/{id}`): the last day it is valid, or empty for none.
 * The API decides what is allowed (not in the past); its message stands beside the field.
 */
export function EndDateDialog({
  holding,
  name,
  onCancel,
  onDone,
}: {
  holding: Holding;
  name: string;
  onCancel: () => void;
  onDone: (result: HoldingsResult) => void;
}) {
  const t = useT();
  const what = t('holdings.what', { permission: holding.permission_name, system: holding.system_name });
  const update = useFormMutation(useUpdateHolding(), { messages: { already_ended: t('holdings.alreadyEnded', { what, name }) } });
  const [value, setValue] = useState(holding.valid_to ?? '');

  function submit() {
    update.submit(
      { id: holding.id, validTo: value.trim() || null },
      {
        onSuccess: (saved) =>
          onDone(
            result(
              'success',
              <p>
                {saved.valid_to
                  ? t('holdings.endDateSaved', { what, name, date: formatDate(saved.valid_to) })
                  : t('holdings.endDateRemoved', { what, name })}
              </p>,
            ),
          ),
      },
    );
  }

  return (
    <FormDialog
      title={t('holdings.endDateTitle', { name })}
      onClose={onCancel}
      form={update}
      onSubmit={submit}
      submitLabel={t('holdings.saveEndDate')}
      errorTitle={t('holdings.endDateFailed')}
      fieldLabels={{ valid_to: t('holdings.validTo') }}
      intro={<p>{t('holdings.endDateBody', { what, units: holding.units.map((u) => u.name).join(', ') })}</p>}
    >
      <TextField
        id="holding-valid-to"
        type="date"
        label={t('holdings.validTo')}
        hint={t('holdings.validToHint')}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={update.errors['valid_to']}
        className="field--short"
        data-autofocus=""
      />
    </FormDialog>
  );
}

// ---- Avbeställ one ----

function OrderLink({ order, orderHref }: { order: Pick<RevokeOrder, 'id' | 'reference'>; orderHref: (id: string) => string }) {
  return <Link to={orderHref(order.id)}>{order.reference}</Link>;
}

/** Revoking one permission: an ordinary revoke order for it and its units, sent to IT at once. */
export function RevokeOneDialog({
  holding,
  name,
  orderHref,
  ordersHref,
  onCancel,
  onDone,
}: {
  holding: Holding;
  name: string;
  orderHref: (id: string) => string;
  ordersHref: string;
  onCancel: () => void;
  onDone: (result: HoldingsResult, order?: RevokeOrder) => void;
}) {
  const t = useT();
  const revoke = useRevokeHolding();
  // One key per dialog: pressing twice (or a retry after a lost answer) never makes two orders.
  const [idempotencyKey] = useState(newKey);
  const what = t('holdings.what', { permission: holding.permission_name, system: holding.system_name });
  const units = holding.units.map((u) => u.name).join(', ');

  function confirm() {
    if (revoke.isPending) return;
    revoke.mutate(
      { holding, idempotencyKey },
      {
        onSuccess: (order) =>
          onDone(
            result(
              'success',
              <>
                <p>
                  {t('holdings.revokedOne', { what, name })} <OrderLink order={order} orderHref={orderHref} />.
                </p>
                <p>
                  {t('holdings.revokedStays')} <Link to={ordersHref}>{t('holdings.seeOrders')}</Link>
                </p>
              </>,
              t('holdings.revokedTitle'),
            ),
            order,
          ),
        onError: (error) => {
          if (error instanceof NotSubmittedError) {
            onDone(
              result(
                'error',
                <p>
                  {t('holdings.savedNotSent', { reference: error.draft.reference })}{' '}
                  {problemText(error.cause, t)} <OrderLink order={error.draft} orderHref={orderHref} />
                </p>,
                t('holdings.revokeFailed'),
              ),
            );
            return;
          }
          onDone(
            result(
              'error',
              <p>
                {problemText(error, t, { duplicate_open_order: t('holdings.duplicateOpen', { what, name }) })}{' '}
                {error instanceof ApiError && error.code === 'duplicate_open_order' && (
                  <Link to={ordersHref}>{t('holdings.seeOrders')}</Link>
                )}
              </p>,
              t('holdings.revokeFailed'),
            ),
          );
        },
      },
    );
  }

  return (
    <ConfirmDialog
      title={t('holdings.revokeOneTitle', { permission: holding.permission_name, name })}
      confirmLabel={t('holdings.revokeOneConfirm')}
      busy={revoke.isPending}
      onConfirm={confirm}
      onCancel={onCancel}
    >
      <p>{t('holdings.revokeOneBody', { what, units, name })}</p>
      <p>{t('holdings.revokeLater')}</p>
    </ConfirmDialog>
  );
}

// ---- Avbeställ alla ----

/**
 * Revoking everything a person holds at the provider (`POST /holdings/revoke`): one revoke order per
 * active holding, each sent to IT; optionally with a comment for IT on every order.
 */
export function RevokeAllDialog({
  group,
  filtered,
  orderHref,
  ordersHref,
  onCancel,
  onDone,
}: {
  group: PersonGroup;
  filtered: boolean;
  orderHref: (id: string) => string;
  ordersHref: string;
  onCancel: () => void;
  onDone: (result: HoldingsResult, orders: RevokeOrder[]) => void;
}) {
  const t = useT();
  const revoke = useRevokeAllHoldings();
  const [comment, setComment] = useState('');
  const bodyRef = useRef<HTMLDivElement>(null);
  const first = group.items[0];
  const vars = { name: group.name, provider: group.providerName };
  const messages = {
    duplicate_open_order: t('holdings.duplicateDraft', { name: group.name }),
    no_active_holdings: t('holdings.nothingHeld', vars),
  };

  function confirm() {
    if (revoke.isPending || !first) return;
    revoke.mutate(
      { holding: first, comment: comment.trim() || null },
      {
        onSuccess: (orders) => {
          if (orders.length === 0) {
            onDone(result('info', <p>{t('holdings.revokedNone', vars)}</p>, t('holdings.revokedNoneTitle')), orders);
            return;
          }
          onDone(
            result(
              'success',
              <>
                <p>
                  {t(orders.length === 1 ? 'holdings.revokedAll.one' : 'holdings.revokedAll.other', {
                    n: orders.length,
                    name: group.name,
                  })}
                </p>
                <ul className="revoke-list">
                  {orders.map((order) => (
                    <li key={order.id}>
                      <OrderLink order={order} orderHref={orderHref} /> –{' '}
                      {t('holdings.what', { permission: order.permission_name, system: order.system_name })}
                    </li>
                  ))}
                </ul>
                <p>
                  {t('holdings.revokedStays')} <Link to={ordersHref}>{t('holdings.seeOrders')}</Link>
                </p>
              </>,
              t('holdings.revokedTitle'),
            ),
            orders,
          );
        },
        onError: (error) => {
          // A refused comment is corrected here; anything else is said on the page.
          if (fieldErrors(error)['comment']) {
            focusFirstInvalid(bodyRef.current);
            return;
          }
          onDone(result('error', <p>{problemText(error, t, messages)}</p>, t('holdings.revokeFailed')), []);
        },
      },
    );
  }

  return (
    <ConfirmDialog
      title={t('holdings.revokeAllTitle', { name: group.name })}
      confirmLabel={t('holdings.revokeAllConfirm')}
      busy={revoke.isPending}
      onConfirm={confirm}
      onCancel={onCancel}
      error={
        fieldErrors(revoke.error)['comment'] ? (
          <FormError error={revoke.error} title={t('holdings.revokeFailed')} fieldLabels={{ comment: t('holdings.comment') }} />
        ) : null
      }
    >
      <div ref={bodyRef}>
        <p>{t('holdings.revokeAllBody', vars)}</p>
        <ul className="revoke-list">
          {group.items.map((h) => (
            <li key={h.id}>
              {t('holdings.what', { permission: h.permission_name, system: h.system_name })}
              {' – '}
              {h.units.map((u) => u.name).join(', ')}
            </li>
          ))}
        </ul>
        {filtered && <p>{t('holdings.revokeAllFiltered', vars)}</p>}
        <p>{t('holdings.revokeLater')}</p>
        <TextAreaField
          id="revoke-all-comment"
          label={t('holdings.comment')}
          hint={t('holdings.commentHint')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          error={fieldErrors(revoke.error)['comment']}
        />
      </div>
    </ConfirmDialog>
  );
}
