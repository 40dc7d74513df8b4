/**
 * `GET /api/v1/holdings?provider_id=&system_id=&q=&active=`: who holds what, by last and first name,
 * a page at a time (personal numbers masked). "Visa fler" fetches the next page.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api';
import { holdingsKey, type HoldingFilters, type HoldingList } from './types';

export const HOLDINGS_PAGE = 50;

export async function getHoldings(filters: HoldingFilters, cursor?: string): Promise<HoldingList> {
  const query = { ...filters, q: filters.q?.trim() || undefined, limit: HOLDINGS_PAGE, cursor };
  // JSON (the client's default `Accept`); the schema also lists the CSV this path can answer.
  return unwrap(await api.GET('/api/v1/holdings', { params: { query } })) as HoldingList;
}

export function useHoldings(filters: HoldingFilters) {
  return useInfiniteQuery({
    queryKey: [...holdingsKey, 'list', filters],
    queryFn: ({ pageParam }) => getHoldings(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}
