/** `POST /api/v1/orders/{id}/copy`: copies a visible order (say, a rejected one) into a new draft. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api';
import { afterOrderChange } from './invalidate';
import type { Order, UpdateOrder } from './types';

export async function copyOrder(id: string, body: UpdateOrder = {}): Promise<Order> {
  return unwrap(await api.POST('/api/v1/orders/{id}/copy', { params: { path: { id } }, body }));
}

export function useCopyOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body?: UpdateOrder }) => copyOrder(id, body),
    onSuccess: (order) => afterOrderChange(queryClient, order),
  });
}
