export { notificationsKey, useNotifications } from './api/get-notifications';
export type { Notification } from './api/get-notifications';
export { NotificationsPanel, NotificationsToggle, useUnreadCount } from './components/Notifications';
