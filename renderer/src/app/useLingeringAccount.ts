/**
 * The account to keep mounted: the one shown, or the one just left until the browser is next idle.
 * Going back to the worklist then only hides the account (the list was never unmounted), so the list
 * is painted at once and the account's teardown runs after that paint, not before it.
 */
import { useEffect, useState } from 'react';

export function useLingeringAccount(shown: string | null): string | null {
  const [lingering, setLingering] = useState<string | null>(null);
  const [previous, setPrevious] = useState(shown);
  if (previous !== shown) {
    setPrevious(shown);
    setLingering(shown === null ? previous : null);
  }
  useEffect(() => {
    if (lingering === null) return;
    const idle = requestIdleCallback(
      () => {
        setLingering(null);
      },
      { timeout: 2_000 },
    );
    return () => {
      cancelIdleCallback(idle);
    };
  }, [lingering]);
  return shown ?? lingering;
}
