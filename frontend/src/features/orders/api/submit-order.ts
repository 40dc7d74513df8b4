/** `POST /api/v1/orders/{id}/submit`: Sends a draft to IT (`submitted`). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';
import { afterOrderChange } from './invalidate';
import { ifMatch, type Order, type Versioned } from './types';

export async function submitOrder(order: Versioned, body: components['schemas']['TransitionNote'] = {}): Promise<Order> {
  return unwrap(
    await api.POST('/api/v1/orders/{id}/submit', {
      params: { path: { id: order.id }, header: { 'If-Match': ifMatch(order) } },
      body,
    }),
  );
}

export function useSubmitOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ order, body }: { order: Versioned; body?: components['schemas']['TransitionNote'] }) => submitOrder(order, body),
    onSuccess: (order) => afterOrderChange(queryClient, order),
    // A conflict means our copy was stale: load the lists again either way.
    onError: () => afterOrderChange(queryClient),
  });
}
