/** `GET /api/v1/me`: the logged-in account, its roles and the providers it may order for. */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';
import { useSession } from '@/lib/auth/session';

export type Me = components['schemas']['Me'];
export type Role = Me['roles'][number];

export const meQueryKey = ['me'] as const;

export async function getMe(): Promise<Me> {
  return unwrap(await api.GET('/api/v1/me'));
}

/** The current account; idle (no data) while nobody is logged in. */
export function useMe() {
  const session = useSession();
  return useQuery({
    queryKey: meQueryKey,
    queryFn: getMe,
    enabled: session !== null,
    staleTime: 60_000,
  });
}
