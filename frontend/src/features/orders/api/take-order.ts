/** `POST /api/v1/orders/{id}/take`: IT takes a sent order (`in_progress`); atomic: when someone else took it first, 409 (or 412 with our `If-Match`). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';
import { afterOrderChange } from './invalidate';
import { ifMatch, type Order, type Versioned } from './types';

export async function takeOrder(order: Versioned, body: components['schemas']['TransitionNote'] = {}): Promise<Order> {
  return unwrap(
    await api.POST('/api/v1/orders/{id}/take', {
      params: { path: { id: order.id }, header: { 'If-Match': ifMatch(order) } },
      body,
    }),
  );
}

export function useTakeOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ order, body }: { order: Versioned; body?: components['schemas']['TransitionNote'] }) => takeOrder(order, body),
    onSuccess: (order) => afterOrderChange(queryClient, order),
    // A conflict means our copy was stale: load the lists again either way.
    onError: () => afterOrderChange(queryClient),
  });
}
