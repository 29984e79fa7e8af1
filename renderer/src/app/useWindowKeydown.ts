/** Calls `handler` for every keydown on the window while the component is mounted; always the latest handler. */
import { useEffect, useEffectEvent } from 'react';

export function useWindowKeydown(handler: (event: KeyboardEvent) => void): void {
  const onKey = useEffectEvent(handler);
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      onKey(event);
    };
    window.addEventListener('keydown', listener);
    return () => {
      window.removeEventListener('keydown', listener);
    };
  }, []);
}
