/**
 * `GET /api/v1/me/summary`: what the caller has to do now, as counts. Asked again every minute and
 * when the user comes back to the tab; every change of an order invalidates it too.
 */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';

export type Summary = components['schemas']['Summary'];

export const summaryKey = ['summary'] as const;

export async function getSummary(): Promise<Summary> {
  return unwrap(await api.GET('/api/v1/me/summary'));
}

export function useSummary() {
  return useQuery({
    queryKey: summaryKey,
    queryFn: getSummary,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
}
