/** The words for an order's status, kind and history, in the municipality's own terms. */
import type { MessageKey, Translate } from '@/lib/i18n';
import type { HistoryAction, OrderKind, OrderStatus } from '../api/types';

export const ORDER_STATUSES: OrderStatus[] = ['draft', 'submitted', 'in_progress', 'completed', 'rejected', 'withdrawn'];

/** Utkast, Skickad till IT, Pågår, Klar, Avvisad, Återkallad. */
export function statusLabel(t: Translate, status: OrderStatus): string {
  return t(`order.status.${status}` as MessageKey);
}

/** Beställning or Avbeställning (in lists); the form says Beställ/Avbeställ behörighet. */
export function kindLabel(t: Translate, kind: OrderKind): string {
  return t(`order.kindShort.${kind}` as MessageKey);
}

export function historyLabel(t: Translate, action: HistoryAction): string {
  return t(`order.history.${action}` as MessageKey);
}

/** Final statuses: nothing more happens to the order; it can be copied into a new draft. */
export function isFinal(status: OrderStatus): boolean {
  return status === 'completed' || status === 'rejected' || status === 'withdrawn';
}
