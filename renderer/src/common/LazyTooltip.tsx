/**
 * A tooltip that costs nothing until the pointer first reaches its element. A worklist row has up to
 * five, and MUI's Tooltip (its state, listeners and cloned child) for each of them made up much of a
 * row's render. The element itself is never replaced (a node swapped under the pointer would miss its
 * mouseleave and leave the tooltip open): MUI's Tooltip is mounted beside it on the first hover and
 * anchored to it, opened after MUI's enter delay and closed when the pointer leaves.
 */
import Tooltip, { type TooltipProps } from '@mui/material/Tooltip';
import { cloneElement, useEffect, useState, type MouseEvent, type ReactElement } from 'react';

/** MUI's default enter delay: a pointer passing over a column of rows opens none of them. */
export const TOOLTIP_ENTER_DELAY_MS = 100;

interface LazyTooltipProps {
  readonly title: TooltipProps['title'];
  readonly children: ReactElement<{ onMouseEnter?: (event: MouseEvent<HTMLElement>) => void; onMouseLeave?: () => void }>;
}

export function LazyTooltip({ title, children }: LazyTooltipProps) {
  const [hovered, setHovered] = useState<HTMLElement | null>(null);
  const [shown, setShown] = useState<HTMLElement | null>(null);
  // The element the tooltip was last shown on: it stays mounted there (closed) once it has been used.
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  useEffect(() => {
    if (hovered === null) return;
    const timer = setTimeout(() => {
      setShown(hovered);
      setAnchor(hovered);
    }, TOOLTIP_ENTER_DELAY_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [hovered]);
  return (
    <>
      {cloneElement(children, {
        onMouseEnter: (event: MouseEvent<HTMLElement>) => {
          setHovered(event.currentTarget);
        },
        onMouseLeave: () => {
          setHovered(null);
          setShown(null);
        },
      })}
      {anchor && (
        <Tooltip title={title} open={shown !== null} disableHoverListener disableFocusListener disableTouchListener slotProps={{ popper: { anchorEl: anchor } }}>
          <span hidden />
        </Tooltip>
      )}
    </>
  );
}
