/**
 * The file logger for plain-Node processes (dev:web); the desktop app uses electron-log's main
 * entry the same way (electron-logger.ts). One scoped logger per module, one file per process.
 */
import log from 'electron-log/node';
import type { ShellLogger } from './logger';

type LogFunction = (...params: unknown[]) => void;

export interface ScopedLogFunctions {
  readonly info: LogFunction;
  readonly warn: LogFunction;
  readonly error: LogFunction;
}

export function toShellLogger(scoped: ScopedLogFunctions): ShellLogger {
  const at = (write: LogFunction) => (message: string, details?: Record<string, unknown>) => {
    if (details) write(message, details);
    else write(message);
  };
  return { info: at(scoped.info), warn: at(scoped.warn), error: at(scoped.error) };
}

export function setLogFile(path: string): void {
  log.transports.file.resolvePathFn = () => path;
}

export function createFileLogger(scope: string): ShellLogger {
  return toShellLogger(log.scope(scope));
}
