/** `POST /api/v1/orders`: saves a new order as a draft. Every rule is the API's; its 422 lists every problem. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api';
import { afterOrderChange } from './invalidate';
import type { CreateOrder, Order } from './types';

export async function createOrder(body: CreateOrder, idempotencyKey?: string): Promise<Order> {
  return unwrap(
    await api.POST('/api/v1/orders', {
      body,
      params: { header: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {} },
    }),
  );
}

export function useCreateOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreateOrder; idempotencyKey?: string }) =>
      createOrder(body, idempotencyKey),
    onSuccess: (order) => afterOrderChange(queryClient, order),
  });
}
