/** `DELETE /api/v1/expert-users/{id}`: ends a registration (it stays in the history). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api';
import { afterExpertUsersChange } from './invalidate';

export async function endExpertUser(id: string): Promise<void> {
  unwrap(await api.DELETE('/api/v1/expert-users/{id}', { params: { path: { id } } }));
}

export function useEndExpertUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: endExpertUser,
    // Also after a conflict (already ended by someone else): the list was stale.
    onSettled: () => afterExpertUsersChange(queryClient),
  });
}
