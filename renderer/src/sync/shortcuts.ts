/** The sync shortcuts the `?` overlay lists (the keys themselves are handled in App); group and action are translation keys. */
export const SYNC_SHORTCUTS = {
  group: 'sync.shortcuts.group',
  items: [{ keys: ['g', 's'], action: 'sync.shortcuts.issues' }],
} as const;
