/** LEDGERLINE_SYNC: `embedded` (the default) starts the built-in sync server; `off` keeps a standalone store. */
export const SYNC_ENV = 'LEDGERLINE_SYNC';

export type SyncMode = 'embedded' | 'off';

export function syncModeFromEnv(value: string | undefined): SyncMode {
  if (value === undefined || value.trim() === '' || value === 'embedded') return 'embedded';
  if (value === 'off') return 'off';
  throw new RangeError(`${SYNC_ENV} must be "embedded" or "off", not "${value}"`);
}
