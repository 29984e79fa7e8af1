/**
 * The application menu: the usual Edit, View, Window and Help entries, plus a Go menu with the
 * app's own navigation, each labelled with the key that does the same in the page. Those keys are
 * shown in the label, not registered as accelerators: `/`, `?` and `g f` must keep reaching text
 * fields and the page's own handler. Developer entries exist only in a development run.
 *
 * Every label is in the interface language (shared/i18n/desktop), the standard entries' too:
 * Electron words its roles in English whatever the language, so they get our label and keep
 * their behaviour and shortcut. The menu is built again when the language changes
 * (electron/app/interface-language.ts).
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../shared/api/app-commands';
import { desktopStrings, type DesktopStrings } from '../../shared/i18n/desktop';
import type { InterfaceLanguage } from '../../shared/i18n/languages';

export interface AppMenuOptions {
  readonly platform: NodeJS.Platform;
  readonly appName: string;
  readonly developerTools: boolean;
  /** The interface language; English when not given. */
  readonly language?: InterfaceLanguage;
}

export interface AppMenuActions {
  sendCommand(command: AppCommand): void;
  openLogsFolder(): void;
}

type Menu = DesktopStrings['menu'];

interface GoEntry {
  readonly label: (menu: Menu) => string;
  /** The in-page key that does the same, where there is one. */
  readonly keys?: (menu: Menu) => string;
  readonly command: AppCommand;
}

/** "G then F": the page's two-key shortcuts, a `g` and a letter. */
const goKeys = (letter: string) => (menu: Menu) => menu.keySequence('G', letter);

const GO_ENTRIES: readonly GoEntry[] = [
  { label: (menu) => menu.worklist, command: 'go-worklist' },
  { label: (menu) => menu.searchCustomers, keys: () => '/', command: 'focus-search' },
  { label: (menu) => menu.followUps, keys: goKeys('F'), command: 'go-follow-ups' },
  { label: (menu) => menu.team, keys: goKeys('T'), command: 'go-team' },
  { label: (menu) => menu.dashboard, keys: goKeys('D'), command: 'go-dashboard' },
  { label: (menu) => menu.reports, keys: goKeys('R'), command: 'go-reports' },
  { label: (menu) => menu.syncIssues, keys: goKeys('S'), command: 'go-sync-issues' },
];

export function appMenuTemplate(options: AppMenuOptions, actions: AppMenuActions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const { menu } = desktopStrings(options.language ?? 'en');
  const { roles } = menu;
  const { appName } = options;
  const command = (label: string, keys: string | undefined, name: AppCommand): MenuItemConstructorOptions => ({
    label: keys === undefined ? label : `${label}\t${keys}`,
    click: () => {
      actions.sendCommand(name);
    },
  });
  const separator = { type: 'separator' } as const;
  const about: MenuItemConstructorOptions = { role: 'about', label: roles.about(appName) };
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: appName,
          submenu: [
            about,
            separator,
            { role: 'services', label: roles.services },
            separator,
            { role: 'hide', label: roles.hide(appName) },
            { role: 'hideOthers', label: roles.hideOthers },
            { role: 'unhide', label: roles.unhide },
            separator,
            { role: 'quit', label: roles.quitApp(appName) },
          ],
        },
      ]
    : [{ label: menu.file, submenu: [{ role: 'quit', label: options.platform === 'win32' ? roles.exit : roles.quit }] }];
  const developer: MenuItemConstructorOptions[] = options.developerTools
    ? [separator, { role: 'reload', label: roles.reload }, { role: 'forceReload', label: roles.forceReload }, { role: 'toggleDevTools', label: roles.toggleDevTools }]
    : [];
  return [
    ...appMenu,
    {
      label: menu.edit,
      submenu: [
        { role: 'undo', label: roles.undo },
        { role: 'redo', label: roles.redo },
        separator,
        { role: 'cut', label: roles.cut },
        { role: 'copy', label: roles.copy },
        { role: 'paste', label: roles.paste },
        { role: 'delete', label: roles.delete },
        separator,
        { role: 'selectAll', label: roles.selectAll },
      ],
    },
    {
      label: menu.view,
      submenu: [
        { role: 'resetZoom', label: roles.resetZoom },
        { role: 'zoomIn', label: roles.zoomIn },
        { role: 'zoomOut', label: roles.zoomOut },
        separator,
        { role: 'togglefullscreen', label: roles.toggleFullScreen },
        ...developer,
      ],
    },
    { label: menu.go, submenu: GO_ENTRIES.map((entry) => command(entry.label(menu), entry.keys?.(menu), entry.command)) },
    {
      label: menu.window,
      submenu: mac
        ? [{ role: 'minimize', label: roles.minimize }, { role: 'zoom', label: roles.zoom }, separator, { role: 'front', label: roles.front }]
        : [{ role: 'minimize', label: roles.minimize }, { role: 'close', label: roles.close }],
    },
    {
      label: menu.help,
      role: 'help',
      submenu: [
        command(menu.keyboardShortcuts, '?', 'show-shortcuts'),
        {
          label: menu.showLogFiles,
          click: () => {
            actions.openLogsFolder();
          },
        },
        ...(mac ? [] : [separator, about]),
      ],
    },
  ];
}
