/** The logging surface the shell's modules use, whichever backend (electron-log, pino) sits behind it. */
export interface ShellLogger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** Errors are not JSON-serialisable as they are; keep what a reader of the log needs. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { value: String(error) };
}
