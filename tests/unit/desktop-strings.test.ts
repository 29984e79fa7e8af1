/**
 * The desktop shell's catalog (shared/i18n/desktop): TypeScript sees that every language has every
 * key; here every language has the same texts and functions as the English and no other, none is
 * empty, every function keeps the values it is given, the pseudo-locale is the English accented,
 * and the dialogs' texts reach the updater and the start-up error in the language given.
 */
import { describe, expect, it } from 'vitest';
import { InvalidDatabaseError, NewerDatabaseError } from '../../db/errors';
import { describeStartupError } from '../../electron/bootstrap/startup-error';
import { createMemoryLogger } from '../../electron/app/memory-logger';
import { startUpdates, type UpdateNotice } from '../../electron/update/updater';
import { desktopStrings, type DesktopStrings } from '../../shared/i18n/desktop';
import { INTERFACE_LANGUAGES, UI_LANGUAGES } from '../../shared/i18n/languages';

type Text = string | ((...values: string[]) => string);

/** Every text of the catalog by path ("menu.roles.about"). */
function walk(tree: object, prefix = ''): Map<string, Text> {
  const out = new Map<string, Text>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string' || typeof value === 'function') out.set(path, value as Text);
    else if (value !== null && typeof value === 'object') for (const [inner, text] of walk(value as object, path)) out.set(inner, text);
  }
  return out;
}

const english = walk(desktopStrings('en'));

/** Values every function must show in its text, as given. */
const VALUES = ['Łódź-Ledger 1.5.0', '/data/ledgerline.db', '002-future, 003'];
/** The values a text takes: as many as the English function's parameters. */
const valuesOf = (path: string): string[] => {
  const source = english.get(path);
  return typeof source === 'function' ? VALUES.slice(0, source.length) : [];
};
const fill = (path: string, text: Text | undefined): string => (typeof text === 'function' ? text(...valuesOf(path)) : (text ?? ''));

describe('the desktop catalog', () => {
  it('has in every language the texts of the English, strings where English has strings, and no other', () => {
    expect(english.size).toBeGreaterThan(60);
    for (const language of INTERFACE_LANGUAGES) {
      const texts = walk(desktopStrings(language));
      expect([...texts.keys()], language).toEqual([...english.keys()]);
      for (const [path, text] of texts) {
        const source = english.get(path);
        expect(typeof text, `${language} ${path}`).toBe(typeof source);
        // The pseudo-locale's functions take their values as a rest parameter.
        if (language !== 'en-XA' && typeof text === 'function' && typeof source === 'function') expect(text.length, `${language} ${path}`).toBe(source.length);
      }
    }
  });

  it('leaves no text empty and puts every value a text is given into it', () => {
    for (const language of INTERFACE_LANGUAGES) {
      for (const [path, text] of walk(desktopStrings(language))) {
        const filled = fill(path, text);
        expect(filled.trim(), `${language} ${path}`).not.toBe('');
        for (const value of valuesOf(path)) expect(filled, `${language} ${path}`).toContain(value);
      }
    }
  });

  it('is translated: apart from names, each language has its own words for nearly everything', () => {
    for (const language of UI_LANGUAGES.filter((code) => code !== 'en')) {
      const texts = walk(desktopStrings(language));
      const same = [...english].filter(([path, text]) => fill(path, text) === fill(path, texts.get(path))).map(([path]) => path);
      // Names the languages share, and "OK" where German says it too.
      expect(same.filter((path) => !['menu.team', 'menu.dashboard', 'menu.roles.zoom', 'updates.ok'].includes(path)), language).toEqual([]);
    }
  });

  it('derives the pseudo-locale from the English: accented, in brackets, the values as they are', () => {
    const pseudo = walk(desktopStrings('en-XA'));
    for (const [path, text] of pseudo) {
      const filled = fill(path, text);
      expect(filled, path).toMatch(/^\[[\s\S]*\]$/);
      expect(filled, path).not.toBe(fill(path, english.get(path)));
      for (const value of valuesOf(path)) expect(filled, path).toContain(value);
    }
    expect(desktopStrings('en-XA').openLink.message('docs.acme.example')).toBe('[Öþéñ docs.acme.example îñ ýôûŕ ƀŕôŵšéŕ?·······]');
    expect(desktopStrings('en-XA')).toBe(desktopStrings('en-XA'));
  });
});

describe('the dialogs in the interface language', () => {
  const de: DesktopStrings = desktopStrings('de');

  it('say in German why the store cannot be opened', () => {
    const newer = describeStartupError(new NewerDatabaseError('/data/ledgerline.db', ['002-future']), '/data/ledgerline.db', de.startup);
    expect(newer.title).toBe('Ledgerline muss aktualisiert werden');
    expect(newer.detail).toContain('002-future');
    expect(newer.detail).toContain('Ihre Daten wurden nicht verändert');
    const invalid = describeStartupError(new InvalidDatabaseError('/data/ledgerline.db', 'not SQLite'), '/data/ledgerline.db', desktopStrings('zh-CN').startup);
    expect(invalid.message).toBe('数据库文件已损坏，或不是 Ledgerline 数据库。');
    expect(describeStartupError(new Error('disk full'), '/d/ledgerline.db', desktopStrings('es').startup)).toEqual({
      title: 'Ledgerline no pudo iniciarse',
      message: 'Se ha producido un error al abrir sus datos.',
      detail: 'disk full\n\nBase de datos: /d/ledgerline.db\nLos detalles están en el archivo de registro.',
    });
  });

  it('give the updater\'s notices in the language of the moment they are shown', () => {
    let strings = desktopStrings('en').updates;
    const told: UpdateNotice[] = [];
    startUpdates({
      createUpdater: () => {
        throw new Error('not reached: the feed is refused');
      },
      feed: { kind: 'refused', reason: 'the update feed must use https, not http' },
      currentVersion: '1.4.0',
      log: createMemoryLogger(),
      tell: (notice) => told.push(notice),
      askToRestart: () => Promise.resolve(false),
      every: () => ({ stop: () => undefined }),
      strings: () => strings,
    });
    strings = de.updates;
    startUpdates({
      createUpdater: () => {
        throw new Error('not reached: the feed is refused');
      },
      feed: { kind: 'refused', reason: 'the update feed must use https, not http' },
      currentVersion: '1.4.0',
      log: createMemoryLogger(),
      tell: (notice) => told.push(notice),
      askToRestart: () => Promise.resolve(false),
      every: () => ({ stop: () => undefined }),
      strings: () => strings,
    });
    expect(told).toEqual([
      { title: 'Updates are off', message: 'Ledgerline cannot look for updates.', detail: 'The configured update feed is not accepted: the update feed must use https, not http.' },
      {
        title: 'Updates sind ausgeschaltet',
        message: 'Ledgerline kann nicht nach Updates suchen.',
        detail: 'Die eingerichtete Update-Quelle wird nicht akzeptiert: the update feed must use https, not http.',
      },
    ]);
  });
});
