/**
 * `GET /api/v1/providers/{id}/ordering-right-requests?status=pending`: the requests the provider's
 * orderers (and support) have yet to answer, newest first. Every page: they are few.
 */
import { useQuery } from '@tanstack/react-query';
import { api, collectPages, unwrap } from '@/lib/api';
import type { OrderingRightRequest } from './ask-for-ordering-right';

export const requestsQueryKey = (providerId: string) => ['ordering-right-requests', providerId] as const;

export async function getPendingRequests(providerId: string): Promise<OrderingRightRequest[]> {
  return collectPages(async (cursor) =>
    unwrap(
      await api.GET('/api/v1/providers/{id}/ordering-right-requests', {
        params: { path: { id: providerId }, query: { status: 'pending', limit: 200, cursor } },
      }),
    ),
  );
}

export function usePendingRequests(providerId: string, enabled: boolean) {
  return useQuery({
    queryKey: requestsQueryKey(providerId),
    queryFn: () => getPendingRequests(providerId),
    enabled,
  });
}
