/** A logger that keeps entries in memory: for tests, and for callers that want to stay silent. */
import type { ShellLogger } from './logger';

export interface LogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly details?: Record<string, unknown>;
}

export function createMemoryLogger(): ShellLogger & { readonly entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (message: string, details?: Record<string, unknown>) => {
    entries.push(details ? { level, message, details } : { level, message });
  };
  return { entries, info: at('info'), warn: at('warn'), error: at('error') };
}
