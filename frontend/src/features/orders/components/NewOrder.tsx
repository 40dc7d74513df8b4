import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, focusFirstInvalid, FormError } from '@/components';
import { useT } from '@/lib/i18n';
import { useCreateOrder } from '../api/create-order';
import { useSubmitOrder } from '../api/submit-order';
import type { Order, OrderPermission, OrderSystem, OrderUnit } from '../api/types';
import { forgetDraft, keepDraft, keptDraft } from './kept-draft';
import { OrderForm, orderProblemMessages, type ProviderChoice } from './OrderForm';
import { emptyOrderValues, samePersonValues, toCreateBody, type OrderFormValues } from './order-form';
import '../words';

export interface NewOrderProps {
  providers: ProviderChoice[];
  /** The chosen provider: the page loads its units, so the choice lives there. */
  providerId: string;
  onProviderChange: (providerId: string) => void;
  systems: OrderSystem[];
  permissions: OrderPermission[];
  units: OrderUnit[] | undefined;
  unitsError?: unknown;
  orderHref: (id: string) => string;
  ordersHref: string;
}

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Ny beställning: the form, and once it is saved (a draft under Hantera dina beställningar) what to do
 * next: send it to IT, order another permission for the same person (each permission is its own
 * order, so the person is filled in again), or start afresh.
 */
export function NewOrder(props: NewOrderProps) {
  const { providerId, onProviderChange, systems } = props;
  const t = useT();
  const create = useCreateOrder();
  // A form kept from before the session ran out comes back after the next sign-in.
  const [restored, setRestored] = useState(() => keptDraft());
  const [values, setValues] = useState<OrderFormValues>(() => restored ?? emptyOrderValues(providerId));
  const [saved, setSaved] = useState<{ order: Order; values: OrderFormValues } | null>(null);
  const [samePerson, setSamePerson] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // One Idempotency-Key per body: a retry of the same order (say, after a lost answer) cannot save it twice.
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const current = { ...values, providerId };

  function change(next: OrderFormValues) {
    if (next.providerId !== providerId) onProviderChange(next.providerId);
    setValues(next);
    keepDraft(next);
  }

  // The kept form's provider is chosen again, so that its units load.
  useEffect(() => {
    if (restored?.providerId && restored.providerId !== providerId) onProviderChange(restored.providerId);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- once, for the restored form

  function save() {
    const body = toCreateBody(
      current,
      systems.find((s) => s.id === current.systemId),
    );
    const text = JSON.stringify(body);
    if (attempt.current?.body !== text) attempt.current = { body: text, key: newKey() };
    create.mutate(
      { body, idempotencyKey: attempt.current.key },
      {
        onSuccess: (order) => {
          attempt.current = null;
          forgetDraft();
          setSaved({ order, values: current });
        },
        onError: () => focusFirstInvalid(formRef.current),
      },
    );
  }

  function again(fill: 'same' | 'blank') {
    if (!saved) return;
    create.reset();
    setRestored(null);
    setValues(fill === 'same' ? samePersonValues(saved.values) : emptyOrderValues(providerId));
    setSamePerson(fill === 'same' ? `${saved.values.firstName} ${saved.values.lastName}`.trim() : null);
    setSaved(null);
  }

  // Back to the form: focus its first choice, so that the next permission is chosen at once.
  const returned = useRef(false);
  useEffect(() => {
    if (saved) {
      returned.current = true;
      return;
    }
    if (!returned.current) return;
    returned.current = false;
    requestAnimationFrame(() => document.getElementById('order-system')?.focus());
  }, [saved]);

  if (saved) {
    return (
      <SavedOrder
        order={saved.order}
        orderHref={props.orderHref}
        ordersHref={props.ordersHref}
        onSamePerson={() => again('same')}
        onNew={() => again('blank')}
      />
    );
  }

  return (
    <OrderForm
      formRef={formRef}
      values={current}
      onChange={change}
      onSubmit={save}
      providers={props.providers}
      systems={systems}
      permissions={props.permissions}
      units={props.units}
      unitsError={props.unitsError}
      error={create.error}
      busy={create.isPending}
      errorTitle={t('order.saveFailed')}
      orderHref={props.orderHref}
      notice={
        (restored && !samePerson && (
          <Alert tone="info">
            <p>{t('session.restored')}</p>
          </Alert>
        )) ||
        (samePerson && (
          <Alert tone="info">
            <p>{t('order.samePersonNotice', { name: samePerson })}</p>
          </Alert>
        ))
      }
    />
  );
}

/** The order is saved: what it is, and what can be done next. Focus moves to its heading. */
function SavedOrder({
  order,
  orderHref,
  ordersHref,
  onSamePerson,
  onNew,
}: {
  order: Order;
  orderHref: (id: string) => string;
  ordersHref: string;
  onSamePerson: () => void;
  onNew: () => void;
}) {
  const t = useT();
  const submit = useSubmitOrder();
  const [sent, setSent] = useState<Order | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const name = `${order.subject.first_name} ${order.subject.last_name}`;

  useEffect(() => {
    requestAnimationFrame(() => headingRef.current?.focus());
  }, []);

  return (
    <section className="saved-order card card--success" aria-labelledby="saved-order-heading">
      <h2 id="saved-order-heading" ref={headingRef} tabIndex={-1}>
        {t('order.savedTitle', { reference: order.reference })}
      </h2>
      <p>
        {t('order.savedBody', {
          permission: order.permission_name,
          system: order.system_name,
          name,
        })}
      </p>
      {sent ? (
        <Alert tone="success" focus>
          <p>{t('order.sentBody', { reference: sent.reference })}</p>
        </Alert>
      ) : (
        <>
          <p>{t('order.savedNotSent')}</p>
          <FormError error={submit.error} title={t('order.sendFailed')} messages={orderProblemMessages(t)} />
        </>
      )}
      <div className="saved-order__actions">
        {!sent && (
          <Button
            busy={submit.isPending}
            onClick={() => submit.mutate({ order }, { onSuccess: (o) => setSent(o) })}
          >
            {t('order.action.submit')}
          </Button>
        )}
        <Button variant={sent ? 'primary' : 'secondary'} onClick={onSamePerson}>
          {t('order.samePerson', { name })}
        </Button>
      </div>
      <ul className="saved-order__links">
        <li>
          <Link to={orderHref(order.id)}>{t('order.viewOrder', { reference: order.reference })}</Link>
        </li>
        <li>
          <Link to={ordersHref}>{t('nav.orders')}</Link>
        </li>
        <li>
          <Button variant="link" onClick={onNew}>
            {t('order.newForOther')}
          </Button>
        </li>
      </ul>
    </section>
  );
}
