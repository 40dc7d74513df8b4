/**
 * `GET /api/v1/accounts?provider_id=`: the provider's accounts, the people a right can be given to
 * (orderers and support may list them). Every page: a provider's staff in Sesam is a short list.
 */
import { useQuery } from '@tanstack/react-query';
import { api, collectPages, unwrap, type components } from '@/lib/api';

export type Colleague = components['schemas']['AccountDto'];

export const colleaguesQueryKey = (providerId: string) => ['accounts', 'provider', providerId] as const;

export async function getColleagues(providerId: string): Promise<Colleague[]> {
  const all = await collectPages(async (cursor) =>
    unwrap(await api.GET('/api/v1/accounts', { params: { query: { provider_id: providerId, limit: 200, cursor } } })),
  );
  return all.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

export function useColleagues(providerId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: colleaguesQueryKey(providerId ?? ''),
    queryFn: () => getColleagues(providerId ?? ''),
    enabled: enabled && Boolean(providerId),
  });
}
