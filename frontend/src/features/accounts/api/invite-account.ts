/**
 * `POST /api/v1/accounts/{id}/invite` (support): a new activation link by email; earlier links die.
 */
import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api';

export async function inviteAccount(id: string) {
  return unwrap(await api.POST('/api/v1/accounts/{id}/invite', { params: { path: { id } } }));
}

export function useInviteAccount(id: string) {
  return useMutation({ mutationFn: () => inviteAccount(id) });
}
