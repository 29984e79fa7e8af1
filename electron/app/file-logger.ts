/**
 * The file logger for plain-Node processes (dev:web); the desktop app uses electron-log's main
 * entry the same way. One scoped logger per module, all writing to one file in the data dir.
 */
import log from 'electron-log/node';
import type { ShellLogger } from './logger';

export function setLogFile(path: string): void {
  log.transports.file.resolvePathFn = () => path;
}

export function createFileLogger(scope: string): ShellLogger {
  const scoped = log.scope(scope);
  return {
    info: (message, details) => {
      if (details) scoped.info(message, details);
      else scoped.info(message);
    },
    warn: (message, details) => {
      if (details) scoped.warn(message, details);
      else scoped.warn(message);
    },
    error: (message, details) => {
      if (details) scoped.error(message, details);
      else scoped.error(message);
    },
  };
}
