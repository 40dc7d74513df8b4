/**
 * `GET /api/v1/expert-users?provider_id=&system_id=`: the active expert-user registrations the caller
 * may see (an orderer: its providers'; IT and support: all). Every page: they are shown grouped by
 * system, and even across all providers they are a short list.
 */
import { useQuery } from '@tanstack/react-query';
import { api, collectPages, unwrap, type components } from '@/lib/api';

export type ExpertUser = components['schemas']['ExpertUserDto'];
type ExpertUserList = components['schemas']['ExpertUserList'];

export interface ExpertUserFilters {
  provider_id?: string;
  system_id?: string;
}

export const expertUsersKey = ['expert-users'] as const;

export async function getExpertUsers(filters: ExpertUserFilters): Promise<ExpertUser[]> {
  return collectPages(async (cursor) =>
    // JSON (the client's default `Accept`); the schema also lists the CSV this path can answer.
    unwrap(await api.GET('/api/v1/expert-users', { params: { query: { ...filters, limit: 200, cursor } } })) as ExpertUserList,
  );
}

export function useExpertUsers(filters: ExpertUserFilters) {
  return useQuery({
    queryKey: [...expertUsersKey, 'list', filters],
    queryFn: () => getExpertUsers(filters),
  });
}
