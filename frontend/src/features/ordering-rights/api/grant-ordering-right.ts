/** `POST /api/v1/providers/{id}/ordering-rights`: gives an account of the provider an ordering right. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api';
import type { OrderingRightAnswer } from './get-ordering-rights';
import { invalidateAfterChange } from './invalidate';

export async function grantOrderingRight(providerId: string, accountId: string): Promise<OrderingRightAnswer> {
  return unwrap(
    await api.POST('/api/v1/providers/{id}/ordering-rights', {
      params: { path: { id: providerId } },
      body: { account_id: accountId },
    }),
  );
}

export function useGrantOrderingRight(providerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (accountId: string) => grantOrderingRight(providerId, accountId),
    // Not awaited: the answer is shown at once, the lists follow.
    onSettled: () => void invalidateAfterChange(queryClient, providerId),
  });
}
