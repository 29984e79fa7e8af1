/** What every handler group is built from: the store, the preferences, the clock and the app around them. */
import type { Clock } from '../../shared/domain/clock';
import type { LocalStore } from '../open';
import type { DomainSettings } from '../summary/refresh';
import type { PreferenceStore } from './preferences';
import type { SyncHandlers } from './sync-handlers';

export interface HandlerContext {
  readonly store: LocalStore;
  readonly preferences: PreferenceStore;
  readonly clock: Clock;
  readonly app: { readonly version: string; readonly dataDir: string; readonly transport: 'ipc' | 'http' };
  readonly settings?: DomainSettings;
  /** The sync engine's operations; absent for a store nothing syncs (tests, tools). */
  readonly sync?: SyncHandlers;
  /** Shows a file in the system's file manager (the desktop app); absent where there is none (dev:web downloads instead). */
  readonly revealFile?: (path: string) => void;
  /** Opens a file in the system's viewer for its type, answering '' or why it could not (Electron's shell.openPath); absent in dev:web. */
  readonly openFile?: (path: string) => Promise<string>;
}
