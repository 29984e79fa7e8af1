import { elementScroll, observeElementOffset, observeElementRect, type Virtualizer } from '@tanstack/react-virtual';

/*
 * A virtualizer's observers of its scroll element that ignore the element while it is hidden: hidden
 * (behind an account, or an account left and kept a moment) it measures 0 × 0 and scrolled to the top,
 * and the virtualizer would unmount every row. The last real size and offset are kept instead (the
 * browser restores the offset when the element shows again, without a scroll event), so the rows stay
 * mounted and showing it again shows them at once, where they were.
 */

type Rect = { width: number; height: number };

export const observeShownRect = <E extends Element>(instance: Virtualizer<E, Element>, onRect: (rect: Rect) => void) =>
  observeElementRect(instance, (rect) => {
    if (rect.width > 0 && rect.height > 0) onRect(rect);
  });

export const observeShownOffset = <E extends Element>(instance: Virtualizer<E, Element>, onOffset: (offset: number, isScrolling: boolean) => void) =>
  observeElementOffset(instance, (offset, isScrolling) => {
    if ((instance.scrollElement?.clientHeight ?? 0) > 0) onOffset(offset, isScrolling);
  });

/**
 * As `observeShownRect`, but the size is first read when the browser reports it after its own layout:
 * the library reads it at once, as the list mounts, which forces a layout of the whole screen inside
 * React's commit. For a list mounted with a screen (an account's items), given an `initialRect`.
 */
export const observeShownRectAfterLayout = <E extends Element>(instance: Virtualizer<E, Element>, onRect: (rect: Rect) => void) => {
  const element = instance.scrollElement;
  if (!(element instanceof Element)) return undefined;
  const observer = new ResizeObserver(() => {
    // Inside the observer's callback the layout is done, so these reads cost nothing.
    const rect = { width: element.clientWidth, height: element.clientHeight };
    if (rect.width > 0 && rect.height > 0) onRect(rect);
  });
  observer.observe(element);
  return () => {
    observer.disconnect();
  };
};

/**
 * Scrolls as the library does, except the write of offset 0 to a list it knows is at the top: it
 * makes that write as the list mounts, and a scroll write forces a layout inside React's commit.
 */
export const scrollUnlessAtTop = <E extends Element>(offset: number, options: { adjustments?: number; behavior?: ScrollBehavior }, instance: Virtualizer<E, Element>) => {
  if (offset === 0 && !options.adjustments && (instance.scrollOffset ?? 0) === 0) return;
  elementScroll(offset, options, instance);
};

/**
 * A row's height as its ResizeObserver reports it (after the browser's layout); a row just mounted
 * counts its last known height, else `estimate`, until then. The library reads `offsetHeight` at
 * mount, which forces a layout inside React's commit.
 */
export const measureAfterLayout =
  (estimate: number) =>
  <S extends Element>(element: Element, entry: ResizeObserverEntry | undefined, instance: Virtualizer<S, Element>): number => {
    const box = entry?.borderBoxSize[0];
    if (box !== undefined) return box.blockSize;
    return instance.itemSizeCache.get(instance.options.getItemKey(instance.indexFromElement(element))) ?? estimate;
  };
