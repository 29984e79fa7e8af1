import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE } from '../../../electron/app/settings-schema';
import { captureWindowState, restoreWindowState } from '../../../electron/window/window-state';

const laptop = { x: 0, y: 0, width: 1920, height: 1080 };
const leftMonitor = { x: -2560, y: 0, width: 2560, height: 1440 };

describe('restoreWindowState', () => {
  it('keeps a position that is on a screen', () => {
    const saved = { x: 100, y: 50, width: 1200, height: 800, maximized: false };
    expect(restoreWindowState(saved, [laptop])).toEqual(saved);
    const onLeft = { x: -2000, y: 100, width: 1200, height: 800, maximized: true };
    expect(restoreWindowState(onLeft, [laptop, leftMonitor])).toEqual(onLeft);
  });

  it('drops a position on a screen that is gone, keeping the size', () => {
    const saved = { x: -2000, y: 100, width: 1200, height: 800, maximized: false };
    expect(restoreWindowState(saved, [laptop])).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('drops a position that leaves only a sliver visible', () => {
    const saved = { x: 1900, y: 100, width: 1200, height: 800, maximized: false };
    expect(restoreWindowState(saved, [laptop])).toEqual({ width: 1200, height: 800, maximized: false });
    const below = { x: 100, y: 1070, width: 1200, height: 800, maximized: false };
    expect(restoreWindowState(below, [laptop])).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('uses the defaults for missing or invalid saved state', () => {
    for (const saved of [undefined, null, 'big', { width: 10, height: 10, maximized: false }, { x: 1.5, y: 0, width: 900, height: 700 }]) {
      expect(restoreWindowState(saved, [laptop]), JSON.stringify(saved)).toEqual(DEFAULT_WINDOW_STATE);
    }
  });

  it('opens without a position when none was saved', () => {
    expect(restoreWindowState({ width: 1000, height: 700, maximized: false }, [])).toEqual({ width: 1000, height: 700, maximized: false });
  });
});

describe('captureWindowState', () => {
  it('rounds the bounds and keeps a usable minimum size', () => {
    expect(captureWindowState({ x: 10.4, y: 20.6, width: 1000.2, height: 700.7 }, true)).toEqual({ x: 10, y: 21, width: 1000, height: 701, maximized: true });
    expect(captureWindowState({ x: 0, y: 0, width: 50, height: 20 }, false)).toEqual({ x: 0, y: 0, width: 400, height: 300, maximized: false });
  });

  it('captures what restore accepts', () => {
    const captured = captureWindowState({ x: 100, y: 100, width: 1280, height: 800 }, false);
    expect(restoreWindowState(captured, [laptop])).toEqual(captured);
  });
});
