/**
 * Which notifications a user has read: a set of keys kept in their preferences (issue 17). A key is
 * the kind, the row and its time, so the same customer assigned to them again is news again, and a
 * decision synced late (its time before the last read) is still new.
 */

/** The list holds at most 100; read marks are kept for twice that, so none is lost while the list turns over. */
export const NOTIFICATIONS_SEEN_MAX = 200;
export const NOTIFICATION_KEY_MAX = 200;

export interface NotificationRef {
  readonly kind: string;
  readonly id: string;
  readonly at: string;
}

/** Held to the preference's bound: a stored id is any text, and an over-long one must not make saving the marks fail. */
export const notificationKey = (notification: NotificationRef): string => `${notification.kind}:${notification.id}:${notification.at}`.slice(0, NOTIFICATION_KEY_MAX);

export function unseenNotifications<T extends NotificationRef>(notifications: readonly T[], seen: readonly string[]): T[] {
  const read = new Set(seen);
  return notifications.filter((notification) => !read.has(notificationKey(notification)));
}

/** The marks after reading `notifications`: theirs first, then the earlier ones, without repeats, at most the bound. */
export function markSeen(notifications: readonly NotificationRef[], seen: readonly string[]): string[] {
  return [...new Set([...notifications.map(notificationKey), ...seen])].slice(0, NOTIFICATIONS_SEEN_MAX);
}
