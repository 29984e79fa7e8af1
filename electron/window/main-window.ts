/** Creates the one main window, restored where the user left it, and remembers its bounds. */
import { BrowserWindow, screen } from 'electron';
import type { WindowState } from '../app/settings-schema';
import { mainWindowOptions } from './window-options';
import { captureWindowState, restoreWindowState } from './window-state';

export interface MainWindowDeps {
  readonly preloadPath: string;
  readonly url: string;
  readonly devTools: boolean;
  readonly loadState: () => unknown;
  readonly saveState: (state: WindowState) => void;
}

export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const state = restoreWindowState(deps.loadState(), workAreas);
  const window = new BrowserWindow(mainWindowOptions(deps.preloadPath, state, { devTools: deps.devTools }));
  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => {
    deps.saveState(captureWindowState(window.getNormalBounds(), window.isMaximized()));
  });
  void window.loadURL(deps.url);
  return window;
}

/** What a second start of the app does: bring the existing window to the front. */
export function focusWindow(window: BrowserWindow | null): void {
  if (window === null || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
