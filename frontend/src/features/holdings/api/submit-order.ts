/** `POST /api/v1/orders/{id}/submit`: sends a draft to IT, with the version it was read at (`If-Match`). */
import { api, unwrap } from '@/lib/api';
import type { RevokeOrder } from './types';

export async function submitOrder(order: Pick<RevokeOrder, 'id' | 'version'>): Promise<RevokeOrder> {
  return unwrap(
    await api.POST('/api/v1/orders/{id}/submit', {
      params: { path: { id: order.id }, header: { 'If-Match': `"${order.version}"` } },
      body: {},
    }),
  );
}
