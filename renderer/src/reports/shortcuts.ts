/** The reports screen's entry in the keyboard-shortcut overlay (the keys are handled in App); its texts are translation keys, read by the overlay. */
export const REPORTS_SHORTCUTS = {
  group: 'reports.shortcuts.group',
  items: [{ keys: ['g', 'r'], action: 'reports.shortcuts.open' }],
} as const;
