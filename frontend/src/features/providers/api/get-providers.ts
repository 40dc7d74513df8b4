/** `GET /api/v1/providers`: the providers the caller may see (support and IT: all; others: their own). */
import { useQuery } from '@tanstack/react-query';
import { api, collectPages, unwrap, type components } from '@/lib/api';

export type Provider = components['schemas']['ProviderDto'];

export const providersQueryKey = ['providers'] as const;

/** Every visible provider, active or not, all pages, by name. */
export async function getProviders(): Promise<Provider[]> {
  const all = await collectPages(async (cursor) =>
    unwrap(await api.GET('/api/v1/providers', { params: { query: { limit: 200, cursor } } })),
  );
  return all.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

export function useProviders({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: providersQueryKey, queryFn: getProviders, enabled, staleTime: 60_000 });
}
