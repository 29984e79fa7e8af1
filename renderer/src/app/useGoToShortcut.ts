/**
 * `g` then a key opens a screen. Listened to in the capture phase and stopped there, because the
 * screens give some of the same keys a plain meaning (on the worklist `s` snoozes the selected
 * customer, in the team worklist `r` reassigns the selection) that would fire as well.
 */
import { useEffect } from 'react';
import { hasModifier, inOverlay, isTextEntry } from './keys';

/** How long after `g` the second key may come (as for the other "go to" shortcuts). */
const GO_TO_WINDOW_MS = 1_000;

export function useGoToShortcut(key: string, open: () => void): void {
  useEffect(() => {
    let goPressedAt: number | null = null;
    const listener = (event: KeyboardEvent) => {
      if (inOverlay(event.target) || hasModifier(event) || isTextEntry(event.target)) return;
      const afterGo = goPressedAt !== null && event.timeStamp - goPressedAt < GO_TO_WINDOW_MS;
      goPressedAt = event.key === 'g' ? event.timeStamp : null;
      if (afterGo && event.key === key) {
        event.preventDefault();
        event.stopPropagation();
        open();
      }
    };
    window.addEventListener('keydown', listener, true);
    return () => {
      window.removeEventListener('keydown', listener, true);
    };
  }, [key, open]);
}
