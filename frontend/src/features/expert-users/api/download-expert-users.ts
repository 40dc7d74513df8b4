/**
 * `GET /api/v1/expert-users/export`: the same registrations as a CSV mailing list
 * (`name,email,provider,system`), fetched with the bearer token and saved as `expertanvandare.csv`.
 */
import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api';
import { filenameFrom, saveFile } from '@/lib/files';
import type { ExpertUserFilters } from './get-expert-users';

export const EXPERT_USERS_CSV = 'expertanvandare.csv';

export async function downloadExpertUsers(filters: ExpertUserFilters): Promise<void> {
  const result = await api.GET('/api/v1/expert-users/export', {
    params: { query: filters },
    parseAs: 'blob',
  });
  const blob = unwrap(result) as Blob;
  saveFile(blob, filenameFrom(result.response.headers.get('Content-Disposition'), EXPERT_USERS_CSV));
}

export function useDownloadExpertUsers() {
  return useMutation({ mutationFn: downloadExpertUsers });
}
