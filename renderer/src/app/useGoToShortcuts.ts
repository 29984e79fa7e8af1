/**
 * `g` then a key opens a screen, on every screen. One listener for all of them, in the capture phase
 * and stopped there: the screens give the same keys a plain meaning (on an account `d` raises a
 * dispute, on the worklist `s` snoozes and `f` goes to the filters, in the team worklist `r`
 * reassigns) that must not fire as well.
 */
import { useEffect, useEffectEvent } from 'react';
import { hasModifier, inOverlay, isTextEntry } from './keys';

/**
 * How long after `g` the second key may come. Counted from when the `g` was handled, not from its
 * timestamp: a page busy rendering can hold the `g` back, and the user's pause starts when it lands.
 */
const GO_TO_WINDOW_MS = 1_500;

/** `targets` maps the second key to what it opens; a key mapped to `undefined` is not a target for this user. */
export function useGoToShortcuts(targets: Readonly<Record<string, (() => void) | undefined>>): void {
  const targetOf = useEffectEvent((key: string) => targets[key]);
  useEffect(() => {
    let goHandledAt: number | null = null;
    const listener = (event: KeyboardEvent) => {
      if (inOverlay(event.target) || hasModifier(event) || isTextEntry(event.target)) return;
      const afterGo = goHandledAt !== null && event.timeStamp - goHandledAt < GO_TO_WINDOW_MS;
      goHandledAt = null;
      if (event.key === 'g' && !afterGo) {
        goHandledAt = performance.now();
        return;
      }
      const open = afterGo ? targetOf(event.key) : undefined;
      if (open === undefined) return;
      event.preventDefault();
      event.stopPropagation();
      open();
    };
    window.addEventListener('keydown', listener, true);
    return () => {
      window.removeEventListener('keydown', listener, true);
    };
  }, []);
}
