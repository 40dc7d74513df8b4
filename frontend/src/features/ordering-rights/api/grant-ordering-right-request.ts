/**
 * `POST /api/v1/ordering-right-requests/{id}/grant`: grants what was asked for (the same rules as
 * granting directly); answers the request, the new right and the provider's compliance.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';
import { requestsQueryKey } from './get-ordering-right-requests';
import { invalidateAfterChange } from './invalidate';

export type GrantedRequest = components['schemas']['GrantedRequestAnswer'];

export async function grantOrderingRightRequest(requestId: string): Promise<GrantedRequest> {
  return unwrap(
    await api.POST('/api/v1/ordering-right-requests/{id}/grant', { params: { path: { id: requestId } } }),
  );
}

export function useGrantOrderingRightRequest(providerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: grantOrderingRightRequest,
    // Not awaited: the answer is shown at once, the lists follow (also after a conflict).
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: requestsQueryKey(providerId) });
      void invalidateAfterChange(queryClient, providerId);
    },
  });
}
