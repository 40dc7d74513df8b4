/**
 * `DELETE /api/v1/ordering-rights/{id}`: revokes a right. Answers the provider's compliance row and
 * `warnings` (`too_few_orderers`); an orderer cannot revoke the last one (409 `last_orderer`).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api';
import type { OrderingRightAnswer } from './get-ordering-rights';
import { invalidateAfterChange } from './invalidate';

export async function revokeOrderingRight(rightId: string): Promise<OrderingRightAnswer> {
  return unwrap(await api.DELETE('/api/v1/ordering-rights/{id}', { params: { path: { id: rightId } } }));
}

export function useRevokeOrderingRight(providerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeOrderingRight,
    // Not awaited: the answer is shown at once, the lists follow.
    onSettled: () => void invalidateAfterChange(queryClient, providerId),
  });
}
