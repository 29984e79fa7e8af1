/**
 * A tooltip that costs nothing until the pointer first reaches its element. A worklist row has up to
 * five, and MUI's Tooltip (its state, listeners and cloned child) for each of them made up much of a
 * row's render. The first hover mounts the real Tooltip, already open; from then on it is MUI's.
 */
import Tooltip, { type TooltipProps } from '@mui/material/Tooltip';
import { cloneElement, useState, type ReactElement } from 'react';

interface LazyTooltipProps {
  readonly title: TooltipProps['title'];
  readonly children: ReactElement<{ onMouseEnter?: () => void }>;
}

export function LazyTooltip({ title, children }: LazyTooltipProps) {
  // null until the first hover; then whether MUI's Tooltip is open.
  const [open, setOpen] = useState<boolean | null>(null);
  if (open === null) {
    return cloneElement(children, {
      onMouseEnter: () => {
        setOpen(true);
      },
    });
  }
  return (
    <Tooltip
      title={title}
      open={open}
      onOpen={() => {
        setOpen(true);
      }}
      onClose={() => {
        setOpen(false);
      }}
    >
      {children}
    </Tooltip>
  );
}
