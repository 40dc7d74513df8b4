/** `POST /api/v1/orders/{id}/complete`: IT marks a taken order done, optionally with the person's user name in the system (`account_name`) and a note. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';
import { afterOrderChange } from './invalidate';
import { ifMatch, type Order, type Versioned } from './types';

export async function completeOrder(order: Versioned, body: components['schemas']['CompleteOrder']): Promise<Order> {
  return unwrap(
    await api.POST('/api/v1/orders/{id}/complete', {
      params: { path: { id: order.id }, header: { 'If-Match': ifMatch(order) } },
      body,
    }),
  );
}

export function useCompleteOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ order, body }: { order: Versioned; body: components['schemas']['CompleteOrder'] }) => completeOrder(order, body),
    onSuccess: (order) => afterOrderChange(queryClient, order),
    // A conflict means our copy was stale: load the lists again either way.
    onError: () => afterOrderChange(queryClient),
  });
}
