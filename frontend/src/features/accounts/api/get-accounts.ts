/** `GET /api/v1/accounts`: accounts page by page, searchable by name or email, per provider. */
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';

export type Account = components['schemas']['AccountDto'];
export type Role = Account['roles'][number];

export interface AccountFilter {
  q?: string;
  providerId?: string;
  /** Also deactivated accounts (by default only active ones). */
  includeInactive?: boolean;
}

export const accountsQueryKey = ['accounts'] as const;
export const accountListQueryKey = (filter: AccountFilter) => [...accountsQueryKey, 'list', filter] as const;

const PAGE_SIZE = 50;

export async function getAccountsPage(filter: AccountFilter, cursor: string | undefined) {
  return unwrap(
    await api.GET('/api/v1/accounts', {
      params: {
        query: {
          q: filter.q || undefined,
          provider_id: filter.providerId || undefined,
          active: filter.includeInactive ? undefined : true,
          limit: PAGE_SIZE,
          cursor,
        },
      },
    }),
  );
}

export function useAccounts(filter: AccountFilter) {
  return useInfiniteQuery({
    queryKey: accountListQueryKey(filter),
    queryFn: ({ pageParam }) => getAccountsPage(filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}
