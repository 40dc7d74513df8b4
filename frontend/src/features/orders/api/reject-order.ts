/** `POST /api/v1/orders/{id}/reject`: IT rejects a sent or taken order; the reason is mandatory (the API says so: 422 `required`). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';
import { afterOrderChange } from './invalidate';
import { ifMatch, type Order, type Versioned } from './types';

export async function rejectOrder(order: Versioned, body: components['schemas']['RejectOrder']): Promise<Order> {
  return unwrap(
    await api.POST('/api/v1/orders/{id}/reject', {
      params: { path: { id: order.id }, header: { 'If-Match': ifMatch(order) } },
      body,
    }),
  );
}

export function useRejectOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ order, body }: { order: Versioned; body: components['schemas']['RejectOrder'] }) => rejectOrder(order, body),
    onSuccess: (order) => afterOrderChange(queryClient, order),
    // A conflict means our copy was stale: load the lists again either way.
    onError: () => afterOrderChange(queryClient),
  });
}
