/**
 * Commands the desktop app's menu sends to the page: the same actions as the in-page keyboard
 * shortcuts, so the menu lists them where a desktop user looks first. Free of zod, so the renderer
 * may import it.
 */
export const APP_COMMANDS = ['show-shortcuts', 'focus-search', 'go-worklist', 'go-follow-ups', 'go-team', 'go-dashboard', 'go-reports', 'go-sync-issues'] as const;

export type AppCommand = (typeof APP_COMMANDS)[number];

export function isAppCommand(value: unknown): value is AppCommand {
  return typeof value === 'string' && (APP_COMMANDS as readonly string[]).includes(value);
}

/** Delivers the menu's commands to the page; the web build has no menu and no such bridge. */
export interface AppCommandBridge {
  onCommand(listener: (command: AppCommand) => void): () => void;
}
