import { useT } from '@/lib/i18n';
import type { Order, OrderListItem } from '../api/types';
import '../words';

/**
 * Beside an order's status: `Fråga från IT` on a draft IT returned with a question (waiting for the
 * orderers), `Svar på fråga` on an order sent again after one (IT sees it answers its question).
 */
export function OrderMarkers({ order }: { order: Pick<OrderListItem | Order, 'status' | 'last_return'> }) {
  const t = useT();
  if (!order.last_return) return null;
  if (order.status === 'draft') return <span className="tag tag--question">{t('order.marker.question')}</span>;
  if (order.status === 'submitted') return <span className="tag tag--answer">{t('order.marker.answer')}</span>;
  return null;
}
