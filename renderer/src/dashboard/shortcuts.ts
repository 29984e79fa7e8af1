/** The dashboard's entry in the keyboard-shortcut overlay. */
export const DASHBOARD_SHORTCUTS = {
  group: 'Dashboard',
  items: [{ keys: ['g', 'd'], action: 'Dashboard: KPIs, monthly trends and the 13-week forecast' }],
} as const;
