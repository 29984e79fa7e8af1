/**
 * `g` then `s` opens the sync issues. Listened to in the capture phase and stopped there, because
 * on the worklist a plain `s` snoozes the selected customer and would fire as well.
 */
import { useEffect } from 'react';
import { hasModifier, inOverlay, isTextEntry } from '../app/keys';
import { openSyncIssues } from '../app/router';

/** How long after `g` the `s` may come (as for the other "go to" shortcuts). */
const GO_TO_WINDOW_MS = 1_000;

export function useSyncIssuesShortcut(): void {
  useEffect(() => {
    let goPressedAt: number | null = null;
    const listener = (event: KeyboardEvent) => {
      if (inOverlay(event.target) || hasModifier(event) || isTextEntry(event.target)) return;
      const afterGo = goPressedAt !== null && event.timeStamp - goPressedAt < GO_TO_WINDOW_MS;
      goPressedAt = event.key === 'g' ? event.timeStamp : null;
      if (afterGo && event.key === 's') {
        event.preventDefault();
        event.stopPropagation();
        openSyncIssues();
      }
    };
    window.addEventListener('keydown', listener, true);
    return () => {
      window.removeEventListener('keydown', listener, true);
    };
  }, []);
}
