/** `GET /api/v1/systems`: the business systems of the catalogue (readable without logging in). */
import { useQuery } from '@tanstack/react-query';
import { api, collectPages, unwrap, type components } from '@/lib/api';

export type System = components['schemas']['SystemDto'];
export type ExtraField = System['required_fields'][number];

export const systemsQueryKey = ['systems'] as const;

/** Every system, all pages. */
export async function getSystems(): Promise<System[]> {
  return collectPages(async (cursor) =>
    unwrap(await api.GET('/api/v1/systems', { params: { query: { limit: 200, cursor } } })),
  );
}

export function useSystems() {
  return useQuery({ queryKey: systemsQueryKey, queryFn: getSystems, staleTime: 5 * 60_000 });
}
