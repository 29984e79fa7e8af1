import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_COMMANDS, type AppCommand } from '../../../shared/api/app-commands';
import { INTERFACE_LANGUAGES, UI_LANGUAGES, type InterfaceLanguage } from '../../../shared/i18n/languages';
import { createMemoryPreferenceStore } from '../../../db/handlers/preferences';
import { shellLanguage } from '../../../electron/app/shell-language';
import { appMenuTemplate } from '../../../electron/window/app-menu';

function build(platform: NodeJS.Platform, developerTools: boolean, language?: InterfaceLanguage) {
  const sent: AppCommand[] = [];
  let logsOpened = 0;
  const template = appMenuTemplate(
    { platform, appName: 'Ledgerline', developerTools, ...(language === undefined ? {} : { language }) },
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

const labels = (template: MenuItemConstructorOptions[]) => items(template).flatMap((item) => (item.label === undefined ? [] : [item.label]));
const labelOfRole = (template: MenuItemConstructorOptions[], role: MenuItemConstructorOptions['role']) => items(template).find((item) => item.role === role)?.label;

describe('the application menu in the interface language', () => {
  it('is German in German: menus, the Go entries with their keys, and the standard entries', () => {
    const { template, sent } = build('win32', true, 'de');
    expect(template.map((item) => item.label)).toEqual(['&Datei', '&Bearbeiten', '&Ansicht', '&Gehe zu', '&Fenster', '&Hilfe']);
    const go = template.find((item) => item.label === '&Gehe zu')?.submenu as MenuItemConstructorOptions[];
    expect(go.map((item) => item.label)).toEqual([
      'Arbeitsliste',
      'Kunden suchen\t/',
      'Meine Wiedervorlagen\tG, dann F',
      'Team\tG, dann T',
      'Dashboard\tG, dann D',
      'Berichte\tG, dann R',
      'Synchronisierungsprobleme\tG, dann S',
    ]);
    (go[2]?.click as () => void)();
    expect(sent).toEqual(['go-follow-ups']);
    expect(labels(template)).toEqual(expect.arrayContaining(['Tastenkürzel\t?', 'Protokolldateien anzeigen', 'Über Ledgerline', 'Beenden', 'Rückgängig', 'Kopieren', 'Einfügen', 'Alles auswählen', 'Vergrößern', 'Entwicklertools ein/aus']));
    expect(labelOfRole(template, 'quit')).toBe('Beenden');
    expect(labelOfRole(build('darwin', false, 'de').template, 'quit')).toBe('Ledgerline beenden');
    // The roles keep what they do and their shortcuts: a label is all that changes.
    expect(roles(template)).toEqual(roles(build('win32', true).template));
    expect(items(template).some((item) => item.accelerator !== undefined)).toBe(false);
  });

  it('keeps English as it was when no language or English is given', () => {
    expect(labels(build('linux', false, 'en').template)).toEqual(labels(build('linux', false).template));
    const english = labels(build('win32', false).template);
    expect(english).toEqual(expect.arrayContaining(['&File', '&Edit', 'My follow-ups\tG then F', 'Keyboard shortcuts\t?', 'Show log files', 'Exit', 'Undo', 'Select All']));
  });

  it('labels every entry in every language, with one access key per menu, none taken twice', () => {
    for (const language of INTERFACE_LANGUAGES) {
      for (const platform of ['win32', 'linux', 'darwin'] as const) {
        const { template } = build(platform, true, language);
        for (const item of items(template)) if (item.type !== 'separator') expect(item.label, `${language} ${platform} ${String(item.role)}`).toMatch(/\S/);
        if (platform === 'darwin') continue;
        const keys = template.map((item) => {
          const marks = [...(item.label ?? '').matchAll(/&(.)/g)];
          expect(marks, `${language} ${item.label ?? ''}`).toHaveLength(1);
          return marks[0]?.[1]?.toLowerCase();
        });
        expect(new Set(keys).size, language).toBe(keys.length);
      }
    }
  });

  it('speaks each language in its own words, beyond names the languages share', () => {
    const shared = new Set(['Ledgerline', 'Team', 'Dashboard', 'Zoom', 'Team\tG then T', 'Dashboard\tG then D']);
    const english = labels(build('darwin', true, 'en').template);
    for (const language of UI_LANGUAGES.filter((code) => code !== 'en')) {
      const translated = labels(build('darwin', true, language).template);
      expect(translated).toHaveLength(english.length);
      const same = english.filter((label, index) => translated[index] === label && !shared.has(label));
      expect(same, language).toEqual([]);
    }
  });

  it('is accented in the pseudo-locale, the in-page keys and the app name kept', () => {
    const pseudo = labels(build('win32', false, 'en-XA').template);
    for (const label of pseudo) expect(label, label).toMatch(/^\[[^\]]*\]($|\t)/);
    expect(pseudo).toEqual(expect.arrayContaining(['[&Ĝô·]', '[Ṁý ƒôļļôŵ-ûþš·····]\t[G ţĥéñ F··]', '[Ķéýƀôáŕδ šĥôŕţçûţš·······]\t?', '[Åƀôûţ Ledgerline··]']));
  });
});

describe('the menu follows the language setting', () => {
  it('is built in the language of the preferences, the computer\'s when none is set, and again when a save changes it', () => {
    const store = createMemoryPreferenceStore();
    const shown: string[][] = [];
    const show = (language: InterfaceLanguage) => {
      shown.push(build('win32', false, language).template.map((item) => item.label ?? ''));
    };
    let system = ['es-MX', 'en-US'];
    const shell = shellLanguage(store, () => system, show);
    // At start the main process builds the menu in the current language.
    show(shell.current());
    expect(shown).toEqual([['&Archivo', '&Edición', '&Ver', '&Ir', 'Ve&ntana', 'Ay&uda']]);

    shell.preferences.set({ theme: 'dark' });
    expect(shown).toHaveLength(1);

    expect(shell.preferences.set({ language: 'de' }).language).toBe('de');
    expect(store.get().language).toBe('de');
    expect(shown.at(-1)).toEqual(['&Datei', '&Bearbeiten', '&Ansicht', '&Gehe zu', '&Fenster', '&Hilfe']);
    expect(shell.current()).toBe('de');

    shell.preferences.set({ language: 'de' });
    expect(shown).toHaveLength(2);

    // Back to the computer's language, which is Chinese by now.
    system = ['zh-Hans-CN'];
    shell.preferences.set({ language: null });
    expect(shown.at(-1)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '转到(&G)', '窗口(&W)', '帮助(&H)']);
    expect(shown).toHaveLength(3);
  });

  it('does not rebuild on a save that was refused', () => {
    const shown: InterfaceLanguage[] = [];
    const shell = shellLanguage(createMemoryPreferenceStore({ language: 'en' }), () => ['en-US'], (language) => shown.push(language));
    expect(() => shell.preferences.set({ language: 'fr' as never })).toThrow();
    expect(shown).toEqual([]);
    expect(shell.current()).toBe('en');
  });
});
