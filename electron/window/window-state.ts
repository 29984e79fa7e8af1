/** Restoring a window where it was, unless that place is no longer on any screen. */
import { DEFAULT_WINDOW_STATE, WindowStateSchema, type WindowState } from '../app/settings-schema';

export interface Rectangle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** How much of the title bar must be on a screen for the saved position to be kept. */
const MIN_VISIBLE = 64;

function overlaps(bounds: Rectangle, area: Rectangle): boolean {
  const horizontal = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
  const vertical = Math.min(bounds.y + bounds.height, area.y + area.height) - Math.max(bounds.y, area.y);
  return horizontal >= MIN_VISIBLE && vertical >= Math.min(MIN_VISIBLE, bounds.height);
}

/** The state to open the window with: the saved one, without a position that would be off-screen. */
export function restoreWindowState(saved: unknown, workAreas: readonly Rectangle[]): WindowState {
  const parsed = WindowStateSchema.safeParse(saved);
  if (!parsed.success) return DEFAULT_WINDOW_STATE;
  const state = parsed.data;
  if (state.x === undefined || state.y === undefined) return { width: state.width, height: state.height, maximized: state.maximized };
  const bounds = { x: state.x, y: state.y, width: state.width, height: state.height };
  if (workAreas.some((area) => overlaps(bounds, area))) return state;
  return { width: state.width, height: state.height, maximized: state.maximized };
}

export function captureWindowState(normalBounds: Rectangle, maximized: boolean): WindowState {
  return {
    x: Math.round(normalBounds.x),
    y: Math.round(normalBounds.y),
    width: Math.max(400, Math.round(normalBounds.width)),
    height: Math.max(300, Math.round(normalBounds.height)),
    maximized,
  };
}
