/** `POST /api/v1/ordering-right-requests/{id}/decline`: declines a request, with an optional reason. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api';
import type { OrderingRightRequest } from './ask-for-ordering-right';
import { requestsQueryKey } from './get-ordering-right-requests';

export async function declineOrderingRightRequest(requestId: string, reason: string | null): Promise<OrderingRightRequest> {
  return unwrap(
    await api.POST('/api/v1/ordering-right-requests/{id}/decline', {
      params: { path: { id: requestId } },
      body: { reason },
    }),
  );
}

export function useDeclineOrderingRightRequest(providerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ requestId, reason }: { requestId: string; reason: string | null }) =>
      declineOrderingRightRequest(requestId, reason),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: requestsQueryKey(providerId) }),
  });
}
