/**
 * `POST /api/v1/expert-users/messages` (support): direct information by email to the matching active
 * expert users (all, one provider's, one system's); answers `202 {"queued": n}`, one per distinct address.
 */
import { useMutation } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';

export type ExpertUserMessage = components['schemas']['ExpertUserMessage'];

export async function messageExpertUsers(body: ExpertUserMessage): Promise<number> {
  return unwrap(await api.POST('/api/v1/expert-users/messages', { body })).queued;
}

export function useMessageExpertUsers() {
  return useMutation({ mutationFn: messageExpertUsers });
}
