/**
 * `GET /api/v1/me/notifications`: the caller's notifications, newest first, with how many are unread
 * (`unread_count`, over all pages). Asked again every minute and when the user comes back to the tab,
 * so the count in the header follows what IT does.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';
import { useSession } from '@/lib/auth/session';

export type Notification = components['schemas']['NotificationDto'];
export type NotificationList = components['schemas']['NotificationList'];

export const notificationsKey = ['notifications'] as const;

export async function getNotifications(cursor?: string): Promise<NotificationList> {
  return unwrap(await api.GET('/api/v1/me/notifications', { params: { query: { limit: 10, cursor } } }));
}

export function useNotifications() {
  const session = useSession();
  return useInfiniteQuery({
    queryKey: notificationsKey,
    queryFn: ({ pageParam }) => getNotifications(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: session !== null,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    staleTime: 15_000,
  });
}
