/** The reports screen's entry in the keyboard-shortcut overlay (the keys are handled in App). */
export const REPORTS_SHORTCUTS = {
  group: 'Reports',
  items: [{ keys: ['g', 'r'], action: 'Reports: export portfolio notes, the aging report' }],
} as const;
