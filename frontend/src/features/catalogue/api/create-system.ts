/** `POST /api/v1/systems` (support): adds a business system to the catalogue. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';
import { systemsQueryKey } from './get-systems';

export type CreateSystem = components['schemas']['CreateSystem'];

export async function createSystem(body: CreateSystem) {
  return unwrap(await api.POST('/api/v1/systems', { body }));
}

export function useCreateSystem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSystem,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: systemsQueryKey }),
  });
}
