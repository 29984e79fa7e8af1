/** The main window's options: the security settings live here, in one place a test can read. */
import type { WindowState } from '../app/settings-schema';

export interface MainWindowOptions {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
  readonly show: boolean;
  readonly title: string;
  readonly backgroundColor: string;
  readonly webPreferences: {
    readonly preload: string;
    readonly contextIsolation: true;
    readonly sandbox: true;
    readonly nodeIntegration: false;
    readonly nodeIntegrationInSubFrames: false;
    readonly nodeIntegrationInWorker: false;
    readonly webSecurity: true;
    readonly allowRunningInsecureContent: false;
    readonly webviewTag: false;
    readonly navigateOnDragDrop: false;
    readonly spellcheck: boolean;
    readonly devTools: boolean;
    readonly disableBlinkFeatures: 'Auxclick';
  };
}

export interface MainWindowFlags {
  /** Developer tools: in a development run only, never in what users install. */
  readonly devTools: boolean;
}

export function mainWindowOptions(preloadPath: string, state: WindowState, flags: MainWindowFlags): MainWindowOptions {
  const position = state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {};
  return {
    ...position,
    width: state.width,
    height: state.height,
    minWidth: 960,
    minHeight: 600,
    // Shown on ready-to-show, so the user never sees an empty white frame.
    show: false,
    title: 'Ledgerline',
    backgroundColor: '#121212',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      devTools: flags.devTools,
      // A middle click would otherwise open links in a new window outside the window-open handler's view.
      disableBlinkFeatures: 'Auxclick',
    },
  };
}
