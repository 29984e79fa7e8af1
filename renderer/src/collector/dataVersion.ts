/**
 * A counter bumped after every successful command, so the screens that show derived data (the
 * worklist, the account, the follow-up count) re-read it: summaries are refreshed in the
 * command's own transaction, so one re-read is always enough.
 */
import { useSyncExternalStore } from 'react';

let version = 0;
const listeners = new Set<() => void>();

export function dataChanged(): void {
  version += 1;
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

export const useDataVersion = (): number => useSyncExternalStore(subscribe, () => version);

/** The version now, for code outside React (a read kept for one version). */
export const currentDataVersion = (): number => version;
