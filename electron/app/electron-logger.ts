/** electron-log in the main process: one scoped logger per module, all into `<dataDir>/logs/main.log`. */
import log from 'electron-log/main';
import { toShellLogger } from './file-logger';
import type { ShellLogger } from './logger';

export function setMainLogFile(path: string): void {
  log.transports.file.resolvePathFn = () => path;
}

export function createMainLogger(scope: string): ShellLogger {
  return toShellLogger(log.scope(scope));
}
