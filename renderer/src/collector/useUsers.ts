/**
 * The users this workstation knows, read again whenever the signed-in user changes or a sync lands:
 * after a sign-in as someone else, "(you)" names the new user at once, without a reload.
 */
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useSyncUserKey } from '../sync/syncStatusStore';

export function useUsers() {
  const syncUserKey = useSyncUserKey();
  return useQuery(`users.list:${syncUserKey}`, () => api['users.list']({}));
}
