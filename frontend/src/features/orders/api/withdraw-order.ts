/** `POST /api/v1/orders/{id}/withdraw`: Withdraws an order IT has not taken yet (`withdrawn`). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';
import { afterOrderChange } from './invalidate';
import { ifMatch, type Order, type Versioned } from './types';

export async function withdrawOrder(order: Versioned, body: components['schemas']['TransitionNote'] = {}): Promise<Order> {
  return unwrap(
    await api.POST('/api/v1/orders/{id}/withdraw', {
      params: { path: { id: order.id }, header: { 'If-Match': ifMatch(order) } },
      body,
    }),
  );
}

export function useWithdrawOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ order, body }: { order: Versioned; body?: components['schemas']['TransitionNote'] }) => withdrawOrder(order, body),
    onSuccess: (order) => afterOrderChange(queryClient, order),
    // A conflict means our copy was stale: load the lists again either way.
    onError: () => afterOrderChange(queryClient),
  });
}
