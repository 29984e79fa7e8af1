/**
 * `g` then `r` opens the reports. Listened to in the capture phase and stopped there, because in
 * the team worklist a plain `r` reassigns the selected customers and would fire as well.
 */
import { useEffect } from 'react';
import { hasModifier, inOverlay, isTextEntry } from '../app/keys';
import { openReports } from '../app/router';

/** How long after `g` the `r` may come (as for the other "go to" shortcuts). */
const GO_TO_WINDOW_MS = 1_000;

export function useReportsShortcut(): void {
  useEffect(() => {
    let goPressedAt: number | null = null;
    const listener = (event: KeyboardEvent) => {
      if (inOverlay(event.target) || hasModifier(event) || isTextEntry(event.target)) return;
      const afterGo = goPressedAt !== null && event.timeStamp - goPressedAt < GO_TO_WINDOW_MS;
      goPressedAt = event.key === 'g' ? event.timeStamp : null;
      if (afterGo && event.key === 'r') {
        event.preventDefault();
        event.stopPropagation();
        openReports();
      }
    };
    window.addEventListener('keydown', listener, true);
    return () => {
      window.removeEventListener('keydown', listener, true);
    };
  }, []);
}
