/**
 * The order being written, kept in sessionStorage (this tab only, gone when it closes) so that a
 * session that runs out does not lose it: after the next sign-in the form is filled in again.
 * Cleared when the order is saved, and when the user logs out.
 */
import type { OrderFormValues } from './order-form';

export const KEPT_DRAFT_KEY = 'sesam.orderDraft';

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

export function keepDraft(values: OrderFormValues) {
  try {
    storage()?.setItem(KEPT_DRAFT_KEY, JSON.stringify(values));
  } catch {
    // full or disabled: the form still works, it is just not kept
  }
}

export function keptDraft(): OrderFormValues | null {
  const raw = storage()?.getItem(KEPT_DRAFT_KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as OrderFormValues;
    return typeof parsed === 'object' && parsed !== null && 'systemId' in parsed ? parsed : null;
  } catch {
    return null;
  }
}

export function forgetDraft() {
  storage()?.removeItem(KEPT_DRAFT_KEY);
}
