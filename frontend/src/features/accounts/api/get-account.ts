/** `GET /api/v1/accounts/{id}`: one account, its personal number whole. */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api';
import { accountsQueryKey, type Account } from './get-accounts';

export const accountQueryKey = (id: string) => [...accountsQueryKey, 'one', id] as const;

export async function getAccount(id: string): Promise<Account> {
  return unwrap(await api.GET('/api/v1/accounts/{id}', { params: { path: { id } } }));
}

export function useAccount(id: string) {
  return useQuery({ queryKey: accountQueryKey(id), queryFn: () => getAccount(id) });
}
