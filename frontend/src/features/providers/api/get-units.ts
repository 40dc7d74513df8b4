/** `GET /api/v1/providers/{id}/units`: a provider's units, active and retired. */
import { useQuery } from '@tanstack/react-query';
import { api, collectPages, unwrap, type components } from '@/lib/api';

export type Unit = components['schemas']['UnitDto'];

export const unitsQueryKey = (providerId: string) => ['units', providerId] as const;

export async function getUnits(providerId: string): Promise<Unit[]> {
  const all = await collectPages(async (cursor) =>
    unwrap(
      await api.GET('/api/v1/providers/{id}/units', {
        params: { path: { id: providerId }, query: { limit: 200, cursor } },
      }),
    ),
  );
  return all.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

export function useUnits(providerId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: unitsQueryKey(providerId),
    queryFn: () => getUnits(providerId),
    enabled: enabled && Boolean(providerId),
  });
}
