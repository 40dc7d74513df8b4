/**
 * `POST /api/v1/holdings/revoke` `{"provider_id","personal_number","comment"}`: revokes everything a
 * person holds at the provider (a leaver): one revoke order per active holding, each sent to IT;
 * answers `201 {"items": [orders]}` (empty when all are already being revoked). The personal number
 * comes whole from one of the person's holdings.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api';
import { getHolding } from './get-holding';
import { afterHoldingsChange, type Holding, type RevokeOrder } from './types';

export async function revokeAllHoldings(
  providerId: string,
  personalNumber: string,
  comment: string | null,
): Promise<RevokeOrder[]> {
  return unwrap(
    await api.POST('/api/v1/holdings/revoke', {
      body: { provider_id: providerId, personal_number: personalNumber, comment },
    }),
  ).items;
}

export function useRevokeAllHoldings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ holding, comment }: { holding: Pick<Holding, 'id' | 'provider_id'>; comment: string | null }) => {
      const whole = await getHolding(holding.id);
      return revokeAllHoldings(holding.provider_id, whole.person.personal_number, comment);
    },
    onSettled: () => afterHoldingsChange(queryClient),
  });
}
