/** The dashboard's entry in the keyboard-shortcut overlay; its texts are translation keys, read by the overlay. */
export const DASHBOARD_SHORTCUTS = {
  group: 'dashboard.shortcuts.group',
  items: [{ keys: ['g', 'd'], action: 'dashboard.shortcuts.open' }],
} as const;
