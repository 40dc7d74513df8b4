/**
 * `POST /api/v1/providers/{id}/expert-users`: registers a person as expert user of a system at the
 * provider, by hand (orderers of it, support). The same person twice is 409 `already_registered`.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';
import type { ExpertUser } from './get-expert-users';
import { afterExpertUsersChange } from './invalidate';

export type NewExpertUser = components['schemas']['CreateExpertUser'];

export async function registerExpertUser(providerId: string, body: NewExpertUser): Promise<ExpertUser> {
  return unwrap(
    await api.POST('/api/v1/providers/{id}/expert-users', { params: { path: { id: providerId } }, body }),
  );
}

export function useRegisterExpertUser(providerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewExpertUser) => registerExpertUser(providerId, body),
    onSuccess: () => afterExpertUsersChange(queryClient),
  });
}
