/** `PATCH /api/v1/units/{id}` (support): renames a unit, changes its code, retires or reactivates it. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';
import { unitsQueryKey } from './get-units';

export type UpdateUnit = components['schemas']['UpdateUnit'];

export async function updateUnit(id: string, body: UpdateUnit) {
  return unwrap(await api.PATCH('/api/v1/units/{id}', { params: { path: { id } }, body }));
}

export function useUpdateUnit(providerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUnit }) => updateUnit(id, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: unitsQueryKey(providerId) });
      await queryClient.invalidateQueries({ queryKey: ['compliance'] });
    },
  });
}
