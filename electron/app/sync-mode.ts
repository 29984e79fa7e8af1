/** LEDGERLINE_SYNC: `embedded` (the default) starts the built-in sync server; `off` keeps a standalone store. */
export const SYNC_ENV = 'LEDGERLINE_SYNC';

export type SyncMode = 'embedded' | 'off';

export function syncModeFromEnv(value: string | undefined): SyncMode {
  if (value === undefined || value.trim() === '' || value === 'embedded') return 'embedded';
  if (value === 'off') return 'off';
  throw new RangeError(`${SYNC_ENV} must be "embedded" or "off", not "${value}"`);
}

/** LEDGERLINE_SETUP: `ask` (the default) lets a first start choose; `demo` starts the demo without asking (scripts, tests). */
export const SETUP_ENV = 'LEDGERLINE_SETUP';

export type SetupMode = 'ask' | 'demo';

export function setupFromEnv(value: string | undefined): SetupMode {
  if (value === undefined || value.trim() === '' || value === 'ask') return 'ask';
  if (value === 'demo') return 'demo';
  throw new RangeError(`${SETUP_ENV} must be "ask" or "demo", not "${value}"`);
}
