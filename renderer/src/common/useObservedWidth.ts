import { useCallback, useRef, useState, type RefCallback } from 'react';

/**
 * An element's content width as the browser laid it out, reported by a ResizeObserver (after the
 * layout the browser does anyway, so reading it never forces one), and again whenever it changes.
 * Null until the first report.
 */
export function useObservedWidth<T extends Element>(): [RefCallback<T>, number | null] {
  const [width, setWidth] = useState<number | null>(null);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((element: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (element === null) return;
    observer.current = new ResizeObserver((entries) => {
      const box = entries.at(-1)?.contentBoxSize[0];
      if (box !== undefined) setWidth(Math.floor(box.inlineSize));
    });
    observer.current.observe(element);
  }, []);
  return [ref, width];
}
