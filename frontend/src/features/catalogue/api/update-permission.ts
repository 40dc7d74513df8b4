/** `PATCH /api/v1/permissions/{id}` (support): renames, describes, retires or reactivates a permission. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';

export type UpdatePermission = components['schemas']['UpdatePermission'];

export async function updatePermission(id: string, body: UpdatePermission) {
  return unwrap(await api.PATCH('/api/v1/permissions/{id}', { params: { path: { id } }, body }));
}

export function useUpdatePermission() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdatePermission }) => updatePermission(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['permissions'] }),
  });
}
