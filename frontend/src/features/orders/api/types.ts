/** The orders API's types, all derived from the generated schema. */
import type { components } from '@/lib/api';

export type Order = components['schemas']['OrderDto'];
export type OrderListItem = components['schemas']['OrderListItem'];
export type OrderStatus = components['schemas']['OrderStatus'];
export type OrderKind = components['schemas']['OrderKind'];
export type OrderHistoryEntry = components['schemas']['OrderHistoryEntry'];
export type HistoryAction = components['schemas']['HistoryAction'];
export type CreateOrder = components['schemas']['CreateOrder'];
export type UpdateOrder = components['schemas']['UpdateOrder'];
export type ExtraField = components['schemas']['ExtraField'];
export type OrderSystem = components['schemas']['SystemDto'];
export type OrderPermission = components['schemas']['PermissionDto'];
export type OrderUnit = components['schemas']['UnitDto'];

/** An order as far as concurrency goes: its id, reference and version (the `ETag` is `"<version>"`). */
export type Versioned = Pick<OrderListItem, 'id' | 'reference' | 'version'>;

/** The `If-Match` header for an order we read at this version. */
export function ifMatch(order: Pick<OrderListItem, 'version'>): string {
  return `"${order.version}"`;
}

export const ordersKey = ['orders'] as const;
export const orderKey = (id: string) => ['orders', 'one', id] as const;
