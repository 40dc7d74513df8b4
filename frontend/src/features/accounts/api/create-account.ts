/** `POST /api/v1/accounts` (support): a new account, with roles and a provider as support chooses. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';
import { accountsQueryKey } from './get-accounts';

export type CreateAccount = components['schemas']['CreateAccount'];

export async function createAccount(body: CreateAccount) {
  return unwrap(await api.POST('/api/v1/accounts', { body }));
}

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAccount,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsQueryKey }),
  });
}
