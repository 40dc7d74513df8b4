/** `POST /api/v1/providers/{id}/units` (support): adds a unit to a provider. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';
import { unitsQueryKey } from './get-units';

export type CreateUnit = components['schemas']['CreateUnit'];

export async function createUnit(providerId: string, body: CreateUnit) {
  return unwrap(await api.POST('/api/v1/providers/{id}/units', { params: { path: { id: providerId } }, body }));
}

export function useCreateUnit(providerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUnit) => createUnit(providerId, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: unitsQueryKey(providerId) });
      // The recommended number of expert users follows the number of active units.
      await queryClient.invalidateQueries({ queryKey: ['compliance'] });
    },
  });
}
