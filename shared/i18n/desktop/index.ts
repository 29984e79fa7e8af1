/**
 * The desktop shell's words (the application menu and the native dialogs) in every language the
 * product speaks (strings.ts: the catalog's shape; one file per language). Pure TypeScript, no
 * i18next: the Electron main process reads it.
 */
export type { DesktopStrings } from './strings';
export { desktopStrings } from './catalog';
