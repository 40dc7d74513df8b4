import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert, BackLink, focusFirstInvalid, Page, useFlash } from '@/components';
import { useT } from '@/lib/i18n';
import type { Order, OrderPermission, OrderSystem, OrderUnit } from '../api/types';
import { useUpdateOrder } from '../api/update-order';
import { statusLabel } from './labels';
import { CopiedFromNote } from './CopiedFromNote';
import { OrderForm } from './OrderForm';
import { toUpdateBody, valuesFromOrder, type OrderFormValues } from './order-form';

export interface EditOrderProps {
  order: Order;
  systems: OrderSystem[];
  permissions: OrderPermission[];
  units: OrderUnit[] | undefined;
  unitsError?: unknown;
  orderHref: (id: string) => string;
  onSaved: (order: Order) => void;
}

/**
 * Changing a draft (also a copy just made, or an order IT returned with a question): the same form,
 * filled in; saved with the version it was read at (`If-Match`), so that nobody's change is lost.
 */
export function EditOrder({ order, systems, permissions, units, unitsError, orderHref, onSaved }: EditOrderProps) {
  const t = useT();
  const flash = useFlash();
  const update = useUpdateOrder();
  const [values, setValues] = useState<OrderFormValues>(() => valuesFromOrder(order));
  const formRef = useRef<HTMLFormElement>(null);
  const title = t('order.editTitle', { reference: order.reference });

  if (order.status !== 'draft') {
    return (
      <Page title={title}>
        <BackLink to={orderHref(order.id)}>{t('order.backToOrder', { reference: order.reference })}</BackLink>
        <Alert tone="info">
          <p>{t('order.onlyDrafts', { reference: order.reference, status: statusLabel(t, order.status) })}</p>
        </Alert>
      </Page>
    );
  }

  function save() {
    update.mutate(
      { order, body: toUpdateBody(values, systems.find((s) => s.id === values.systemId)) },
      { onSuccess: onSaved, onError: () => focusFirstInvalid(formRef.current) },
    );
  }

  return (
    <Page title={title}>
      <BackLink to={orderHref(order.id)}>{t('order.backToOrder', { reference: order.reference })}</BackLink>
      {flash && (
        <Alert tone="success" focus>
          <p>{flash}</p>
        </Alert>
      )}
      <CopiedFromNote order={order} orderHref={orderHref} />
      <OrderForm
        formRef={formRef}
        values={values}
        onChange={setValues}
        onSubmit={save}
        providers={[{ id: order.provider_id, name: order.provider_name }]}
        providerFixed
        systems={systems}
        permissions={permissions}
        units={units}
        unitsError={unitsError}
        error={update.error}
        busy={update.isPending}
        errorTitle={t('order.saveFailed')}
        orderHref={orderHref}
        notice={
          order.return_question && (
            <Alert tone="warning" title={t('order.returnedTitle')}>
              <p className="pre-line">{order.return_question}</p>
            </Alert>
          )
        }
        secondaryAction={
          <Link to={orderHref(order.id)} className="button button--secondary">
            {t('common.cancel')}
          </Link>
        }
      />
    </Page>
  );
}
