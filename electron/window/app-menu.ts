/**
 * The application menu: the usual Edit, View, Window and Help entries, plus a Go menu with the
 * app's own navigation, each labelled with the key that does the same in the page. Those keys are
 * shown in the label, not registered as accelerators: `/`, `?` and `g f` must keep reaching text
 * fields and the page's own handler. Developer entries exist only in a development run.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../shared/api/app-commands';

export interface AppMenuOptions {
  readonly platform: NodeJS.Platform;
  readonly appName: string;
  readonly developerTools: boolean;
}

export interface AppMenuActions {
  sendCommand(command: AppCommand): void;
  openLogsFolder(): void;
}

interface GoEntry {
  readonly label: string;
  /** The in-page key that does the same, where there is one. */
  readonly keys?: string;
  readonly command: AppCommand;
}

const GO_ENTRIES: readonly GoEntry[] = [
  { label: 'Worklist', command: 'go-worklist' },
  { label: 'Search customers', keys: '/', command: 'focus-search' },
  { label: 'My follow-ups', keys: 'G then F', command: 'go-follow-ups' },
  { label: 'Team', keys: 'G then T', command: 'go-team' },
  { label: 'Dashboard', keys: 'G then D', command: 'go-dashboard' },
  { label: 'Reports', keys: 'G then R', command: 'go-reports' },
  { label: 'Sync issues', keys: 'G then S', command: 'go-sync-issues' },
];

export function appMenuTemplate(options: AppMenuOptions, actions: AppMenuActions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const command = (label: string, keys: string | undefined, name: AppCommand): MenuItemConstructorOptions => ({
    label: keys === undefined ? label : `${label}\t${keys}`,
    click: () => {
      actions.sendCommand(name);
    },
  });
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: options.appName,
          submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
        },
      ]
    : [{ label: '&File', submenu: [{ role: 'quit' }] }];
  const developer: MenuItemConstructorOptions[] = options.developerTools ? [{ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }] : [];
  return [
    ...appMenu,
    {
      label: '&Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'delete' }, { type: 'separator' }, { role: 'selectAll' }],
    },
    {
      label: '&View',
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }, ...developer],
    },
    { label: '&Go', submenu: GO_ENTRIES.map((entry) => command(entry.label, entry.keys, entry.command)) },
    { label: '&Window', submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }] },
    {
      label: '&Help',
      role: 'help',
      submenu: [
        command('Keyboard shortcuts', '?', 'show-shortcuts'),
        {
          label: 'Show log files',
          click: () => {
            actions.openLogsFolder();
          },
        },
        ...(mac ? [] : [{ type: 'separator' } as const, { role: 'about' } as const]),
      ],
    },
  ];
}
