/** `GET /api/v1/orders/{id}/history`: who did what and when, oldest first; every page. */
import { useQuery } from '@tanstack/react-query';
import { api, collectPages, unwrap } from '@/lib/api';
import { orderKey, type OrderHistoryEntry } from './types';

export async function getOrderHistory(id: string): Promise<OrderHistoryEntry[]> {
  return collectPages(async (cursor) =>
    unwrap(await api.GET('/api/v1/orders/{id}/history', { params: { path: { id }, query: { limit: 200, cursor } } })),
  );
}

export function useOrderHistory(id: string) {
  return useQuery({ queryKey: [...orderKey(id), 'history'], queryFn: () => getOrderHistory(id) });
}
