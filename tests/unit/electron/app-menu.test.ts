import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_COMMANDS, type AppCommand } from '../../../shared/api/app-commands';
import { appMenuTemplate } from '../../../electron/window/app-menu';

function build(platform: NodeJS.Platform, developerTools: boolean) {
  const sent: AppCommand[] = [];
  let logsOpened = 0;
  const template = appMenuTemplate(
    { platform, appName: 'Ledgerline', developerTools },
    {
      sendCommand: (command) => sent.push(command),
      openLogsFolder: () => {
        logsOpened += 1;
      },
    },
  );
  return { template, sent, logsOpened: () => logsOpened };
}

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

const topLabels = (template: MenuItemConstructorOptions[]) => template.map((item) => item.label?.replace('&', ''));
const roles = (template: MenuItemConstructorOptions[]) => items(template).flatMap((item) => (item.role === undefined ? [] : [item.role]));

describe('the application menu', () => {
  it('has the usual menus on each platform, the app menu first on macOS', () => {
    expect(topLabels(build('win32', false).template)).toEqual(['File', 'Edit', 'View', 'Go', 'Window', 'Help']);
    expect(topLabels(build('linux', false).template)).toEqual(['File', 'Edit', 'View', 'Go', 'Window', 'Help']);
    expect(topLabels(build('darwin', false).template)).toEqual(['Ledgerline', 'Edit', 'View', 'Go', 'Window', 'Help']);
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      expect(roles(build(platform, false).template), platform).toEqual(expect.arrayContaining(['quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom', 'minimize', 'about']));
    }
  });

  it('offers reload and developer tools only in a development run', () => {
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      expect(roles(build(platform, false).template), platform).not.toEqual(expect.arrayContaining(['toggleDevTools']));
      expect(roles(build(platform, false).template), platform).not.toContain('reload');
      expect(roles(build(platform, true).template), platform).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
    }
  });

  it('sends every app command from one entry that names its in-page key where there is one, registering no accelerator', () => {
    const { template, sent } = build('linux', false);
    const commands = items(template).filter((item) => item.role === undefined && item.submenu === undefined && item.type !== 'separator' && item.label !== 'Show log files');
    for (const item of commands) {
      if (item.label !== 'Worklist') expect(item.label, item.label).toMatch(/\t\S/);
      expect(item.accelerator).toBeUndefined();
      (item.click as () => void)();
    }
    expect([...sent].sort()).toEqual([...APP_COMMANDS].sort());
    const shortcuts = commands.find((item) => item.label?.startsWith('Keyboard shortcuts'));
    expect(shortcuts?.label).toBe('Keyboard shortcuts\t?');
  });

  it('opens the log folder from Help', () => {
    const built = build('win32', false);
    const entry = items(built.template).find((item) => item.label === 'Show log files');
    (entry?.click as () => void)();
    expect(built.logsOpened()).toBe(1);
  });
});
