/** `GET /api/v1/providers/{id}`: one provider. */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api';
import { providersQueryKey, type Provider } from './get-providers';

export const providerQueryKey = (id: string) => [...providersQueryKey, id] as const;

export async function getProvider(id: string): Promise<Provider> {
  return unwrap(await api.GET('/api/v1/providers/{id}', { params: { path: { id } } }));
}

export function useProvider(id: string) {
  return useQuery({ queryKey: providerQueryKey(id), queryFn: () => getProvider(id) });
}
