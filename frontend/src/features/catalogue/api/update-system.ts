/** `PATCH /api/v1/systems/{id}` (support): description, required extra fields, allowed values, active. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';
import { systemsQueryKey } from './get-systems';

export type UpdateSystem = components['schemas']['UpdateSystem'];

export async function updateSystem(id: string, body: UpdateSystem) {
  return unwrap(await api.PATCH('/api/v1/systems/{id}', { params: { path: { id } }, body }));
}

export function useUpdateSystem(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateSystem) => updateSystem(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: systemsQueryKey }),
  });
}
