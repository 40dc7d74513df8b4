/**
 * `GET /api/v1/orders`: the orders the caller may see, filtered, a page at a time (keyset pagination:
 * `next_cursor`). "Visa fler" fetches the next page and adds it below.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api';
import type { OrderKind, OrderStatus } from './types';

export interface OrderFilters {
  status?: OrderStatus[];
  provider_id?: string;
  system_id?: string;
  kind?: OrderKind;
  mine?: boolean;
  /** Only orders IT returned with a question (drafts waiting for an answer, or sent again with one). */
  returned?: boolean;
  q?: string;
  order?: 'newest' | 'oldest';
  limit?: number;
}

export async function getOrders(filters: OrderFilters, cursor?: string) {
  const query = {
    ...filters,
    status: filters.status && filters.status.length > 0 ? filters.status : undefined,
    q: filters.q?.trim() || undefined,
    mine: filters.mine || undefined,
    returned: filters.returned || undefined,
    limit: filters.limit ?? 25,
    cursor,
  };
  return unwrap(await api.GET('/api/v1/orders', { params: { query } }));
}

export function useOrders(filters: OrderFilters, { enabled = true }: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: ['orders', 'list', filters],
    queryFn: ({ pageParam }) => getOrders(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled,
  });
}
