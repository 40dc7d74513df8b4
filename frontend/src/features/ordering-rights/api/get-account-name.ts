/**
 * `GET /api/v1/accounts/{id}` for support: who granted a right, when that was someone outside the
 * provider (support itself). Orderers cannot read such accounts and do not ask.
 */
import { useQueries } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api';

export const accountQueryKey = (id: string) => ['accounts', 'one', id] as const;

export async function getAccountName(id: string): Promise<string> {
  return unwrap(await api.GET('/api/v1/accounts/{id}', { params: { path: { id } } })).name;
}

/** The names of these accounts by id, as far as they have loaded. */
export function useAccountNames(ids: string[], enabled: boolean): Map<string, string> {
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: [...accountQueryKey(id), 'name'],
      queryFn: () => getAccountName(id),
      enabled,
      staleTime: 5 * 60_000,
    })),
  });
  const names = new Map<string, string>();
  results.forEach((result, index) => {
    const id = ids[index];
    if (id && result.data) names.set(id, result.data);
  });
  return names;
}
