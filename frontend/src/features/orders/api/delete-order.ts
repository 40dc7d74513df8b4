/** `DELETE /api/v1/orders/{id}`: deletes a draft (204). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '@/lib/api';
import { afterOrderChange } from './invalidate';
import { ifMatch, orderKey, type Versioned } from './types';

export async function deleteOrder(order: Versioned): Promise<void> {
  const { response, error } = await api.DELETE('/api/v1/orders/{id}', {
    params: { path: { id: order.id }, header: { 'If-Match': ifMatch(order) } },
  });
  if (!response.ok) throw new ApiError(response.status, error);
}

export function useDeleteOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteOrder,
    onSuccess: (_, order) => queryClient.removeQueries({ queryKey: orderKey(order.id) }),
    onSettled: () => afterOrderChange(queryClient),
  });
}
