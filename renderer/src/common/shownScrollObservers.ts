import { observeElementOffset, observeElementRect, type Virtualizer } from '@tanstack/react-virtual';

/*
 * A virtualizer's observers of its scroll element that ignore the element while it is hidden: hidden
 * (behind an account, or an account left and kept a moment) it measures 0 × 0 and scrolled to the top,
 * and the virtualizer would unmount every row. The last real size and offset are kept instead (the
 * browser restores the offset when the element shows again, without a scroll event), so the rows stay
 * mounted and showing it again shows them at once, where they were.
 */

export const observeShownRect = <E extends Element>(instance: Virtualizer<E, Element>, onRect: (rect: { width: number; height: number }) => void) =>
  observeElementRect(instance, (rect) => {
    if (rect.width > 0 && rect.height > 0) onRect(rect);
  });

export const observeShownOffset = <E extends Element>(instance: Virtualizer<E, Element>, onOffset: (offset: number, isScrolling: boolean) => void) =>
  observeElementOffset(instance, (offset, isScrolling) => {
    if ((instance.scrollElement?.clientHeight ?? 0) > 0) onOffset(offset, isScrolling);
  });
