/** `POST /api/v1/me/notifications/{id}/read`: marks one of the caller's notifications as read. */
import { useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api';
import { notificationsKey, type Notification, type NotificationList } from './get-notifications';

export async function markNotificationRead(id: string): Promise<Notification> {
  return unwrap(await api.POST('/api/v1/me/notifications/{id}/read', { params: { path: { id } } }));
}

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markNotificationRead,
    onSuccess: (read) => {
      // Shown read at once, and the count one lower; the list is then asked for again.
      queryClient.setQueryData<InfiniteData<NotificationList>>(notificationsKey, (data) => {
        if (!data) return data;
        const wasUnread = data.pages.some((p) => p.items.some((n) => n.id === read.id && !n.read));
        return {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            unread_count: Math.max(0, page.unread_count - (wasUnread ? 1 : 0)),
            items: page.items.map((n) => (n.id === read.id ? read : n)),
          })),
        };
      });
      void queryClient.invalidateQueries({ queryKey: notificationsKey });
    },
  });
}
