import { useT } from '@/lib/i18n';
import type { OrderStatus } from '../api/types';
import { statusLabel } from './labels';

/** An order's status in words (never colour alone), e.g. "Skickad till IT". */
export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const t = useT();
  return <span className={`tag tag--status tag--${status.replace('_', '-')}`}>{statusLabel(t, status)}</span>;
}
