/**
 * The refusal catalog: every language words every key with the same parameters, none is empty,
 * every key is refused somewhere, and parameters are written by the language's conventions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../../shared/i18n/languages';
import { ENGLISH_FORMAT, REFUSAL_KEYS, fillRefusal, isRefusalKey, refusalMessage, refusalTemplate, refused } from '../../shared/i18n/refusals';
import { RULE_REFUSALS } from '../../shared/i18n/refusals/rules';
import { STORE_REFUSALS } from '../../shared/i18n/refusals/stores';

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) && !path.includes(join('shared', 'i18n', 'refusals')) ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('refusal catalog', () => {
  it('has keys', () => {
    expect(REFUSAL_KEYS.length).toBeGreaterThan(0);
  });

  for (const language of UI_LANGUAGES) {
    it(`${language}: every key worded, with the English placeholders`, () => {
      for (const key of REFUSAL_KEYS) {
        const text = refusalTemplate(language, key);
        expect(text.trim(), `${language} ${key}`).not.toBe('');
        expect(placeholders(text), `${language} ${key}`).toEqual(placeholders(refusalTemplate('en', key)));
      }
    });
  }

  it('the rules and the stores never name one key twice (one would silently word the other)', () => {
    expect(Object.keys(STORE_REFUSALS.en).filter((key) => Object.hasOwn(RULE_REFUSALS.en, key))).toEqual([]);
  });

  it('every key is refused somewhere, spelled in full', () => {
    const code = ['shared', 'db', 'server', 'electron', 'renderer/src'].flatMap((dir) => sources(dir)).join('\n');
    const unused = REFUSAL_KEYS.filter((key) => !code.includes(`'${key}'`));
    expect(unused).toEqual([]);
  });
});

describe('fillRefusal', () => {
  const format = { count: (n: number) => `#${String(n)}`, amount: (minor: number, currency: string) => `${currency}:${String(minor)}`, date: (d: string) => `d(${d})` };

  it('writes counts, amounts, dates and names by the convention', () => {
    expect(fillRefusal('{{max}} / {{amount}} / {{dueDate}} / {{name}}', { max: 5000, amountMinor: 1250, currency: 'EUR', dueDate: '2026-12-07', name: 'Łódź' }, format)).toBe(
      '#5000 / EUR:1250 / d(2026-12-07) / Łódź',
    );
  });

  it('leaves a missing parameter as its name, never "undefined"', () => {
    expect(fillRefusal('at most {{max}}', {}, format)).toBe('at most max');
  });

  it('writes a string that is no date as it is, whatever its name', () => {
    expect(fillRefusal('{{dueDate}}', { dueDate: 'not a date' }, format)).toBe('not a date');
  });

  it('writes English amounts with the currency symbol and US grouping', () => {
    expect(fillRefusal('{{amount}} and {{count}}', { amountMinor: 19102775, currency: 'EUR', count: 12000 }, ENGLISH_FORMAT)).toBe('€191,027.75 and 12,000');
  });
});

describe('refused', () => {
  it('carries the English message, the key and the values', () => {
    const key = REFUSAL_KEYS[0];
    if (key === undefined) throw new Error('no refusal keys');
    const error = refused('conflict', { key, params: { max: 3 } }, 'noteId');
    expect(error.toApiError()).toEqual({ code: 'conflict', message: refusalMessage({ key, params: { max: 3 } }), field: 'noteId', reason: key, params: { max: 3 } });
  });

  it('knows its keys and nothing else', () => {
    expect(REFUSAL_KEYS.every(isRefusalKey)).toBe(true);
    expect(isRefusalKey('toString')).toBe(false);
    expect(isRefusalKey('constructor')).toBe(false);
    expect(isRefusalKey(undefined)).toBe(false);
  });
});
