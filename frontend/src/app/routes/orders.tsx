/**
 * The order pages. The orders feature gets what it needs from others here: the catalogue (systems,
 * permissions) and the provider's units.
 */
import { useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ErrorMessage, Loading, Page } from '@/components';
import type { Me } from '@/features/auth';
import { usePermissions, useSystems } from '@/features/catalogue';
import { EditOrder, ItQueue, NewOrder, OrderDetail, OrdersList, useOrder, type Order } from '@/features/orders';
import { useProviders, useUnits } from '@/features/providers';
import { ApiError } from '@/lib/api';
import { useT } from '@/lib/i18n';
import { links, paths } from '../paths';
import { anyOf, hasRole, isOrderer, WithMe } from './guards';
import { NotFoundRoute } from './not-found';

const isIt = hasRole('it');
const isAdmin = hasRole('admin');

function providersOf(me: Me) {
  return me.ordering_rights
    .map((r) => ({ id: r.provider_id, name: r.provider_name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

/** The catalogue, loaded whole (it is short), for the form's choices and the queue's filter. */
function WithCatalogue({ title, children }: { title: string; children: (c: Catalogue) => ReactNode }) {
  const systems = useSystems();
  const permissions = usePermissions();
  if (systems.isPending || permissions.isPending) {
    return (
      <Page title={title}>
        <Loading />
      </Page>
    );
  }
  if (systems.isError || permissions.isError) {
    return (
      <Page title={title}>
        <ErrorMessage error={systems.error ?? permissions.error} />
      </Page>
    );
  }
  return <>{children({ systems: systems.data, permissions: permissions.data })}</>;
}

interface Catalogue {
  systems: NonNullable<ReturnType<typeof useSystems>['data']>;
  permissions: NonNullable<ReturnType<typeof usePermissions>['data']>;
}

function useCopied() {
  const navigate = useNavigate();
  const t = useT();
  return (copy: Order) =>
    navigate(links.editOrder(copy.id), { state: { flash: t('order.copied', { reference: copy.reference }) } });
}

// ---- Ny beställning ----

export function NewOrderRoute() {
  const t = useT();
  return (
    <WithMe allow={isOrderer}>
      {(me) => (
        <WithCatalogue title={t('nav.newOrder')}>{(catalogue) => <NewOrderPage me={me} catalogue={catalogue} />}</WithCatalogue>
      )}
    </WithMe>
  );
}

function NewOrderPage({ me, catalogue }: { me: Me; catalogue: Catalogue }) {
  const t = useT();
  const providers = providersOf(me);
  // An orderer of one provider orders for it; one of several chooses (their own provider first).
  const [providerId, setProviderId] = useState(() =>
    providers.length === 1 ? (providers[0]?.id ?? '') : '',
  );
  const units = useUnits(providerId);
  return (
    <Page title={t('nav.newOrder')}>
      <p className="lead">{t('order.intro')}</p>
      <NewOrder
        providers={providers}
        providerId={providerId}
        onProviderChange={setProviderId}
        systems={catalogue.systems}
        permissions={catalogue.permissions}
        units={units.data}
        unitsError={units.error}
        orderHref={links.order}
        ordersHref={paths.orders}
      />
    </Page>
  );
}

// ---- Hantera dina beställningar ----

export function OrdersRoute() {
  const t = useT();
  const onCopied = useCopied();
  return (
    <WithMe allow={anyOf(isOrderer, isAdmin, isIt)}>
      {(me) => (
        // IT reads every order sent to IT here: Alla beställningar.
        <Page title={isOrderer(me) || isAdmin(me) ? t('nav.orders') : t('nav.allOrders')}>
          <p className="lead">{isOrderer(me) || isAdmin(me) ? t('orders.intro') : t('orders.introIt')}</p>
          <OrdersList
            me={me}
            providers={providersOf(me)}
            orderHref={links.order}
            editHref={links.editOrder}
            onCopied={onCopied}
          />
        </Page>
      )}
    </WithMe>
  );
}

// ---- One order ----

const readsOrders = anyOf(isOrderer, isIt, isAdmin);

/** An order the reader may not see answers 404, exactly like one that does not exist. */
function WithOrder({ id, children }: { id: string; children: (order: Order) => ReactNode }) {
  const t = useT();
  const order = useOrder(id);
  if (order.isPending) {
    return (
      <Page title={t('order.loading')}>
        <Loading />
      </Page>
    );
  }
  if (order.isError) {
    if (order.error instanceof ApiError && [400, 404, 422].includes(order.error.status)) {
      return <NotFoundRoute />;
    }
    return (
      <Page title={t('error.title')}>
        <ErrorMessage error={order.error} />
      </Page>
    );
  }
  return <>{children(order.data)}</>;
}

export function OrderRoute() {
  const { id = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const onCopied = useCopied();
  return (
    <WithMe allow={readsOrders}>
      {(me) => (
        <WithOrder id={id}>
          {(order) => {
            const fromQueue = isIt(me) && !isOrderer(me);
            return (
              <OrderDetail
                key={order.id}
                order={order}
                me={me}
                backHref={fromQueue ? paths.itQueue : paths.orders}
                backLabel={fromQueue ? t('nav.itQueue') : t('nav.orders')}
                editHref={links.editOrder}
                orderHref={links.order}
                onCopied={onCopied}
                onDeleted={() =>
                  navigate(paths.orders, { state: { flash: t('order.result.deleted', { reference: order.reference }) } })
                }
              />
            );
          }}
        </WithOrder>
      )}
    </WithMe>
  );
}

export function EditOrderRoute() {
  const { id = '' } = useParams();
  const t = useT();
  return (
    <WithMe allow={isOrderer}>
      {() => (
        <WithCatalogue title={t('order.loading')}>
          {(catalogue) => <WithOrder id={id}>{(order) => <EditOrderPage order={order} catalogue={catalogue} />}</WithOrder>}
        </WithCatalogue>
      )}
    </WithMe>
  );
}

function EditOrderPage({ order, catalogue }: { order: Order; catalogue: Catalogue }) {
  const t = useT();
  const navigate = useNavigate();
  const units = useUnits(order.provider_id);
  return (
    <EditOrder
      key={order.id}
      order={order}
      systems={catalogue.systems}
      permissions={catalogue.permissions}
      units={units.data}
      unitsError={units.error}
      orderHref={links.order}
      onSaved={(saved) => navigate(links.order(saved.id), { state: { flash: t('order.saved', { reference: saved.reference }) } })}
    />
  );
}

// ---- IT-kö ----

export function ItQueueRoute() {
  const t = useT();
  return (
    <WithMe allow={isIt}>
      {(me) => (
        <WithCatalogue title={t('nav.itQueue')}>
          {(catalogue) => (
            <Page title={t('nav.itQueue')}>
              {/* One short line: the queue itself is what IT came for (8+ rows on a 1280×800 screen). */}
              <p className="muted queue-intro">{t('itQueue.intro')}</p>
              <ItQueueWithProviders me={me} systems={catalogue.systems} />
            </Page>
          )}
        </WithCatalogue>
      )}
    </WithMe>
  );
}

/** The queue's provider filter offers every provider (IT sees all). */
function ItQueueWithProviders({ me, systems }: { me: Me; systems: Catalogue['systems'] }) {
  const providers = useProviders();
  return (
    <ItQueue
      me={me}
      systems={systems}
      providers={(providers.data ?? []).map((p) => ({ id: p.id, name: p.name }))}
      orderHref={links.order}
      editHref={links.editOrder}
    />
  );
}
