import { useDeferredValue, useEffect, type ReactNode } from 'react';

const NOTHING = (): void => undefined;

/**
 * Its children one background render after it mounts (a deferred value's initial value is shown
 * first, then the real one in a render of its own), so they commit apart from what mounted it: one
 * large screen becomes two commits, neither of them one long task. `onShown` once they are in.
 */
export function SecondStage({ children, onShown = NOTHING }: { readonly children: ReactNode; readonly onShown?: () => void }) {
  const shown = useDeferredValue(true, false);
  useEffect(() => {
    if (shown) onShown();
  }, [shown, onShown]);
  return shown ? children : null;
}
