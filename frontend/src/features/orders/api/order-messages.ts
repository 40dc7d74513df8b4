/**
 * `GET /api/v1/orders/{id}/messages` (every page, oldest first) and `POST` of a new message: the
 * conversation between the provider's orderers and IT on one order.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, collectPages, unwrap, type components } from '@/lib/api';
import { orderKey } from './types';

export type OrderMessage = components['schemas']['OrderMessageDto'];

const messagesKey = (id: string) => [...orderKey(id), 'messages'] as const;

export async function getOrderMessages(id: string): Promise<OrderMessage[]> {
  return collectPages(async (cursor) =>
    unwrap(await api.GET('/api/v1/orders/{id}/messages', { params: { path: { id }, query: { limit: 200, cursor } } })),
  );
}

export function useOrderMessages(id: string) {
  return useQuery({ queryKey: messagesKey(id), queryFn: () => getOrderMessages(id), refetchInterval: 60_000 });
}

export async function postOrderMessage(id: string, body: string): Promise<OrderMessage> {
  return unwrap(await api.POST('/api/v1/orders/{id}/messages', { params: { path: { id } }, body: { body } }));
}

export function usePostOrderMessage(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => postOrderMessage(id, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: messagesKey(id) });
      void queryClient.invalidateQueries({ queryKey: ['summary'] });
    },
  });
}
