/** The sync shortcuts the `?` overlay lists (the keys themselves are handled in App). */
export const SYNC_SHORTCUTS = {
  group: 'Sync',
  items: [{ keys: ['g', 's'], action: 'Sync issues: changes the server refused, to retry or discard' }],
} as const;
