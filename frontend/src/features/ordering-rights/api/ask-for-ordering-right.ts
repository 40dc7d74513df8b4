/**
 * `POST /api/v1/providers/{id}/ordering-right-requests`: an account without a right asks for one. The
 * provider's orderers are told (support, when it has none). A second, unanswered request is 409
 * `already_requested`.
 */
import { useMutation } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';

export type OrderingRightRequest = components['schemas']['OrderingRightRequestDto'];

export async function askForOrderingRight(providerId: string, message: string | null): Promise<OrderingRightRequest> {
  return unwrap(
    await api.POST('/api/v1/providers/{id}/ordering-right-requests', {
      params: { path: { id: providerId } },
      body: { message },
    }),
  );
}

export function useAskForOrderingRight(providerId: string) {
  return useMutation({ mutationFn: (message: string | null) => askForOrderingRight(providerId, message) });
}
