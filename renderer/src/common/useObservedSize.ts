import { useCallback, useRef, useState, type RefCallback } from 'react';

export interface ObservedSize {
  readonly width: number;
  readonly height: number;
}

/**
 * An element's size (its border box) as the browser laid it out, reported by a ResizeObserver after
 * the layout the browser does anyway, so reading it never forces one, and again whenever it changes.
 * Null until the first report. Fractions of a pixel are kept.
 */
export function useObservedSize<T extends Element>(): [RefCallback<T>, ObservedSize | null] {
  const [size, setSize] = useState<ObservedSize | null>(null);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((element: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (element === null) return;
    observer.current = new ResizeObserver((entries) => {
      const box = entries.at(-1)?.borderBoxSize[0];
      if (box === undefined) return;
      // Hidden (0 × 0), it keeps the size it had: what is drawn to it stays as it was.
      if (box.inlineSize === 0 && box.blockSize === 0) return;
      const next = { width: box.inlineSize, height: box.blockSize };
      setSize((current) => (current?.width === next.width && current.height === next.height ? current : next));
    });
    observer.current.observe(element);
  }, []);
  return [ref, size];
}
