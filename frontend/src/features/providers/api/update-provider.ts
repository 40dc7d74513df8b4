/** `PATCH /api/v1/providers/{id}` (support): renames, changes the organisation number, (de)activates. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';
import { providersQueryKey } from './get-providers';

export type UpdateProvider = components['schemas']['UpdateProvider'];

export async function updateProvider(id: string, body: UpdateProvider) {
  return unwrap(await api.PATCH('/api/v1/providers/{id}', { params: { path: { id } }, body }));
}

export function useUpdateProvider(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateProvider) => updateProvider(id, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: providersQueryKey });
      await queryClient.invalidateQueries({ queryKey: ['compliance'] });
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
}
