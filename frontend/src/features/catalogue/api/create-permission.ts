/** `POST /api/v1/permissions` (support): adds a permission to a system. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';

export type CreatePermission = components['schemas']['CreatePermission'];

export async function createPermission(body: CreatePermission) {
  return unwrap(await api.POST('/api/v1/permissions', { body }));
}

export function useCreatePermission() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPermission,
    // Every list of permissions (all, and per system) now lacks it.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['permissions'] }),
  });
}
