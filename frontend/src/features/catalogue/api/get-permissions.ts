/** `GET /api/v1/permissions`: the permissions of the catalogue, optionally of one system. */
import { useQuery } from '@tanstack/react-query';
import { api, collectPages, unwrap, type components } from '@/lib/api';

export type Permission = components['schemas']['PermissionDto'];

export const permissionsQueryKey = (systemId?: string) => ['permissions', systemId ?? 'all'] as const;

/** Every permission (of one system when `systemId` is given), all pages. */
export async function getPermissions(systemId?: string): Promise<Permission[]> {
  return collectPages(async (cursor) =>
    unwrap(
      await api.GET('/api/v1/permissions', {
        params: { query: { system_id: systemId, limit: 200, cursor } },
      }),
    ),
  );
}

export function usePermissions(systemId?: string) {
  return useQuery({
    queryKey: permissionsQueryKey(systemId),
    queryFn: () => getPermissions(systemId),
    staleTime: 5 * 60_000,
  });
}
