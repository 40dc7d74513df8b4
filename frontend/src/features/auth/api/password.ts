/**
 * Rule 16's links: `POST /api/v1/auth/activate` and `/auth/password-reset/confirm` (a password
 * chosen with the link's token; the answer signs the person in), and `POST /api/v1/auth/password-reset`
 * (a link by email; the answer is the same whether or not the address has an account).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';
import { setSession } from '@/lib/auth/session';

export type SetPasswordWithToken = components['schemas']['SetPasswordWithToken'];

/** Which link a token came in: an invitation, or a reset the person asked for. */
export type LinkPurpose = 'activation' | 'reset';

export async function setPasswordWithToken(purpose: LinkPurpose, body: SetPasswordWithToken) {
  return purpose === 'activation'
    ? unwrap(await api.POST('/api/v1/auth/activate', { body }))
    : unwrap(await api.POST('/api/v1/auth/password-reset/confirm', { body }));
}

export function useSetPasswordWithToken(purpose: LinkPurpose) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SetPasswordWithToken) => setPasswordWithToken(purpose, body),
    onSuccess: (token) => {
      queryClient.clear();
      setSession(token.access_token, token.expires_in);
    },
  });
}

export async function requestPasswordReset(email: string) {
  unwrap(await api.POST('/api/v1/auth/password-reset', { body: { email } }));
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}
