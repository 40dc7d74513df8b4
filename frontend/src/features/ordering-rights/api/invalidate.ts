import type { QueryClient } from '@tanstack/react-query';
import { orderingRightsQueryKey } from './get-ordering-rights';

/**
 * After a right is granted or revoked: the provider's orderers, every compliance row, the accounts
 * (their `orders_for`) and the caller's own rights (`/me`, when they revoked their own) are stale.
 */
export async function invalidateAfterChange(queryClient: QueryClient, providerId: string) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: orderingRightsQueryKey(providerId) }),
    queryClient.invalidateQueries({ queryKey: ['compliance'] }),
    queryClient.invalidateQueries({ queryKey: ['accounts'] }),
    queryClient.invalidateQueries({ queryKey: ['me'] }),
  ]);
}
