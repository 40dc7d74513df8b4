/**
 * Rule 20: sign-in through the municipality's identity provider. `GET /api/v1/auth/methods` tells the
 * login page which ways to offer; the provider's round trip ends on `/e-legitimation?code=…`, whose
 * one-time code `POST /api/v1/auth/oidc/exchange` turns into the session's token.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';
import { setSession } from '@/lib/auth/session';

export type SignInMethods = components['schemas']['SignInMethods'];

/** Where the browser goes to sign in at the identity provider (a navigation, not a fetch). */
export const OIDC_LOGIN_URL = '/api/v1/auth/oidc/login';

export async function getSignInMethods(): Promise<SignInMethods> {
  return unwrap(await api.GET('/api/v1/auth/methods'));
}

/** The ways to sign in; until known (or when the API cannot say), a password only. */
export function useSignInMethods(): SignInMethods {
  const { data } = useQuery({ queryKey: ['sign-in-methods'], queryFn: getSignInMethods, staleTime: Infinity, retry: false });
  return data ?? { password: true, oidc: false };
}

export async function exchangeOidcCode(code: string) {
  return unwrap(await api.POST('/api/v1/auth/oidc/exchange', { body: { code } }));
}

export function useExchangeOidcCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: exchangeOidcCode,
    onSuccess: (token) => {
      queryClient.clear();
      setSession(token.access_token, token.expires_in);
    },
  });
}
