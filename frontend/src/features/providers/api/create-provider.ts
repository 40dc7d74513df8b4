/** `POST /api/v1/providers` (support): adds a provider. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';
import { providersQueryKey } from './get-providers';

export type CreateProvider = components['schemas']['CreateProvider'];

export async function createProvider(body: CreateProvider) {
  return unwrap(await api.POST('/api/v1/providers', { body }));
}

export function useCreateProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProvider,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: providersQueryKey });
      await queryClient.invalidateQueries({ queryKey: ['compliance'] });
    },
  });
}
