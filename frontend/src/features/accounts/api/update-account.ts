/**
 * `PATCH /api/v1/accounts/{id}` (support): details, roles, provider, deactivation (never a password: rule 16).
 * A deactivated account's ordering rights stop counting at once, hence the other lists refreshed.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';
import { accountsQueryKey } from './get-accounts';

export type UpdateAccount = components['schemas']['UpdateAccount'];

export async function updateAccount(id: string, body: UpdateAccount) {
  return unwrap(await api.PATCH('/api/v1/accounts/{id}', { params: { path: { id } }, body }));
}

export function useUpdateAccount(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateAccount) => updateAccount(id, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: accountsQueryKey });
      await queryClient.invalidateQueries({ queryKey: ['ordering-rights'] });
      await queryClient.invalidateQueries({ queryKey: ['compliance'] });
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
}
