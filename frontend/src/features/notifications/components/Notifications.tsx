import { useEffect, useRef, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { Button, ErrorMessage, Loading } from '@/components';
import { formatDateTime, useT } from '@/lib/i18n';
import { useNotifications, type Notification } from '../api/get-notifications';
import { useMarkNotificationRead } from '../api/mark-notification-read';

export const NOTIFICATIONS_PANEL_ID = 'notifications-panel';

/** How many of the caller's notifications are unread (0 until the first page has loaded). */
export function useUnreadCount(): number {
  const notifications = useNotifications();
  return notifications.data?.pages[0]?.unread_count ?? 0;
}

/**
 * The header's button that opens and closes the notifications: "Aviseringar" and, when there are any,
 * the number of unread ones (read out as "2 olästa").
 */
export function NotificationsToggle({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const t = useT();
  const unread = useUnreadCount();
  return (
    <button
      type="button"
      id="notifications-toggle"
      className="notifications-toggle"
      aria-expanded={open}
      aria-controls={NOTIFICATIONS_PANEL_ID}
      onClick={onToggle}
    >
      <span>{t('notifications.title')}</span>
      {unread > 0 && (
        <span className="notifications-toggle__count">
          {unread}
          <span className="visually-hidden"> {t('notifications.unreadSuffix')}</span>
        </span>
      )}
    </button>
  );
}

/**
 * The list of notifications, in the page's flow under the header (so it fits any width and zoom).
 * Focus moves to its heading when it opens; Escape closes it and gives focus back to the button.
 * Following a notification's link to its order marks it read.
 */
export function NotificationsPanel({
  onClose,
  orderHref,
  reviewHref,
}: {
  onClose: (returnFocus: boolean) => void;
  orderHref: (orderId: string) => string;
  /** Where a notification about an access review leads. */
  reviewHref?: (reviewId: string) => string;
}) {
  const t = useT();
  const notifications = useNotifications();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose(true);
    }
  }

  const items = notifications.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = notifications.data?.pages[0]?.unread_count ?? 0;

  return (
    <section
      id={NOTIFICATIONS_PANEL_ID}
      className="notifications"
      aria-labelledby="notifications-heading"
      onKeyDown={onKeyDown}
    >
      <div className="container notifications__inner">
        <div className="notifications__header">
          <h2 id="notifications-heading" ref={headingRef} tabIndex={-1}>
            {t('notifications.title')}
          </h2>
          <Button variant="secondary" className="button--small" onClick={() => onClose(true)}>
            {t('notifications.close')}
          </Button>
        </div>
        {notifications.isPending ? (
          <Loading />
        ) : notifications.isError ? (
          <ErrorMessage error={notifications.error} title={t('notifications.error')} />
        ) : items.length === 0 ? (
          <p>{t('notifications.none')}</p>
        ) : (
          <>
            <p className="muted">
              {unread === 0 ? t('notifications.allRead') : t('notifications.unreadCount', { n: unread })}
            </p>
            <ul className="notifications__list">
              {items.map((n) => (
                <NotificationItem
                  key={n.id}
                  notification={n}
                  orderHref={orderHref}
                  reviewHref={reviewHref}
                  onFollow={() => onClose(false)}
                />
              ))}
            </ul>
            {notifications.hasNextPage && (
              <Button
                variant="secondary"
                busy={notifications.isFetchingNextPage}
                onClick={() => void notifications.fetchNextPage()}
              >
                {t('notifications.more')}
              </Button>
            )}
          </>
        )}
      </div>
    </section>
  );
}

function NotificationItem({
  notification: n,
  orderHref,
  reviewHref,
  onFollow,
}: {
  notification: Notification;
  orderHref: (orderId: string) => string;
  reviewHref?: (reviewId: string) => string;
  onFollow: () => void;
}) {
  const t = useT();
  const markRead = useMarkNotificationRead();
  const titleId = `notification-${n.id}`;
  return (
    <li className={n.read ? 'notification' : 'notification notification--unread'} aria-labelledby={titleId}>
      <p className="notification__title" id={titleId}>
        {!n.read && <span className="notification__unread">{t('notifications.unread')}</span>}
        <strong>{n.title}</strong>
      </p>
      <p className="notification__time">{formatDateTime(n.created_at)}</p>
      <p className="notification__body">{n.body}</p>
      <div className="notification__actions">
        {n.order_id && (
          <Link
            to={orderHref(n.order_id)}
            aria-describedby={titleId}
            onClick={() => {
              if (!n.read) markRead.mutate(n.id);
              onFollow();
            }}
          >
            {t('notifications.openOrder')}
          </Link>
        )}
        {n.review_id && reviewHref && (
          <Link
            to={reviewHref(n.review_id)}
            aria-describedby={titleId}
            onClick={() => {
              if (!n.read) markRead.mutate(n.id);
              onFollow();
            }}
          >
            {t('notifications.openReview')}
          </Link>
        )}
        {!n.read && (
          <Button variant="link" aria-describedby={titleId} busy={markRead.isPending} onClick={() => markRead.mutate(n.id)}>
            {t('notifications.markRead')}
          </Button>
        )}
      </div>
    </li>
  );
}
