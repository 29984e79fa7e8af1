/**
 * The users this workstation knows, read again when the signed-in user changes: after a sign-in as
 * someone else, "(you)" names the new user at once, without a reload. Keyed on who is signed in
 * only, not on each sync: a form open across a background sync must not be taken down and rebuilt.
 */
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useSyncUserId } from '../sync/syncStatusStore';

export function useUsers() {
  const userId = useSyncUserId();
  return useQuery(`users.list:${userId}`, () => api['users.list']({}));
}
