/** `POST /api/v1/auth/login`: exchanges email and password for a bearer token and starts the session. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';
import { setSession } from '@/lib/auth/session';

export type LoginRequest = components['schemas']['LoginRequest'];
export type TokenResponse = components['schemas']['TokenResponse'];

export async function login(body: LoginRequest): Promise<TokenResponse> {
  return unwrap(await api.POST('/api/v1/auth/login', { body }));
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (token) => {
      // Nothing cached before belongs to this user.
      queryClient.clear();
      setSession(token.access_token, token.expires_in);
    },
  });
}
