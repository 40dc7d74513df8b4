/**
 * `POST /api/v1/accounts`: an orderer creates a colleague's account at their own provider (never with
 * roles, never with a password: the colleague is emailed an activation link); a right can then be granted to it.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';

export type CreateColleague = Omit<components['schemas']['CreateAccount'], 'roles'> & { provider_id: string };

export async function createColleague(body: CreateColleague) {
  return unwrap(await api.POST('/api/v1/accounts', { body }));
}

export function useCreateColleague() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createColleague,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['accounts'] }),
  });
}
