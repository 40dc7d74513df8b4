/** `GET /api/v1/orders/{id}`: one order, with the personal number whole. */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api';
import { orderKey, type Order } from './types';

export async function getOrder(id: string): Promise<Order> {
  return unwrap(await api.GET('/api/v1/orders/{id}', { params: { path: { id } } }));
}

export function useOrder(id: string) {
  return useQuery({ queryKey: orderKey(id), queryFn: () => getOrder(id), enabled: Boolean(id) });
}
