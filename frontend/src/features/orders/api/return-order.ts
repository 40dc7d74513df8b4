/** `POST /api/v1/orders/{id}/return`: IT returns a sent or taken order to the orderers as a draft, with a mandatory question. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';
import { afterOrderChange } from './invalidate';
import { ifMatch, type Order, type Versioned } from './types';

export async function returnOrder(order: Versioned, body: components['schemas']['ReturnOrder']): Promise<Order> {
  return unwrap(
    await api.POST('/api/v1/orders/{id}/return', {
      params: { path: { id: order.id }, header: { 'If-Match': ifMatch(order) } },
      body,
    }),
  );
}

export function useReturnOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ order, body }: { order: Versioned; body: components['schemas']['ReturnOrder'] }) => returnOrder(order, body),
    onSuccess: (order) => afterOrderChange(queryClient, order),
    // A conflict means our copy was stale: load the lists again either way.
    onError: () => afterOrderChange(queryClient),
  });
}
