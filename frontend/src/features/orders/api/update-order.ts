/** `PATCH /api/v1/orders/{id}`: changes a draft, based on the version we read (`If-Match`; 412 when stale). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api';
import { afterOrderChange } from './invalidate';
import { ifMatch, type Order, type UpdateOrder, type Versioned } from './types';

export async function updateOrder(order: Versioned, body: UpdateOrder): Promise<Order> {
  return unwrap(
    await api.PATCH('/api/v1/orders/{id}', {
      params: { path: { id: order.id }, header: { 'If-Match': ifMatch(order) } },
      body,
    }),
  );
}

export function useUpdateOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ order, body }: { order: Versioned; body: UpdateOrder }) => updateOrder(order, body),
    onSuccess: (order) => afterOrderChange(queryClient, order),
    // 412: someone changed the draft meanwhile; load it again so the page shows their version.
    onError: () => afterOrderChange(queryClient),
  });
}
