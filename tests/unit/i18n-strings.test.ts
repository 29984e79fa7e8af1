/**
 * The translation files: every language has every English key (with the plural forms its grammar
 * needs and the same placeholders), none is empty, and every English key is used by the renderer,
 * spelled out in full. `t()` checks at compile time that a key it is given exists in English.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../../shared/i18n/languages';
import { en, loadTranslation } from '../../renderer/src/i18n/resources';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function flatten(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (tree === null || typeof tree !== 'object') return out;
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') out.set(path, value);
    else for (const [nested, text] of flatten(value, path)) out.set(nested, text);
  }
  return out;
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((match) => match[1] ?? '').sort();
const baseKey = (key: string): string => key.replace(PLURAL_SUFFIX, '');

/** Base keys with their forms: "worklist.count" -> {one, other}. */
function forms(strings: Map<string, string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const key of strings.keys()) {
    const base = baseKey(key);
    const set = out.get(base) ?? new Set<string>();
    set.add(PLURAL_SUFFIX.exec(key)?.[1] ?? '');
    out.set(base, set);
  }
  return out;
}

const translations = Object.fromEntries(await Promise.all(UI_LANGUAGES.map(async (language) => [language, await loadTranslation(language)] as const)));
const english = flatten(en);
const englishForms = forms(english);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('translations', () => {
  it('English has strings', () => {
    expect(english.size).toBeGreaterThan(0);
  });

  for (const language of UI_LANGUAGES.filter((code) => code !== 'en')) {
    describe(language, () => {
      const strings = flatten(translations[language]);
      const languageForms = forms(strings);
      const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;

      it('has every English key and no other', () => {
        const missing = [...englishForms.keys()].filter((key) => !languageForms.has(key));
        const extra = [...languageForms.keys()].filter((key) => !englishForms.has(key));
        expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      });

      it('has the plural forms its grammar needs for every counted string', () => {
        const wrong: string[] = [];
        for (const [key, englishSet] of englishForms) {
          if (englishSet.has('')) continue;
          const have = languageForms.get(key) ?? new Set<string>();
          for (const category of needed) if (!have.has(category)) wrong.push(`${key}_${category}`);
        }
        expect(wrong).toEqual([]);
      });

      it('keeps the placeholders of each English string and leaves none empty', () => {
        const wrong: string[] = [];
        for (const [key, text] of strings) {
          if (text.trim() === '') wrong.push(`${key}: empty`);
          const source = english.get(key) ?? english.get(`${baseKey(key)}_other`) ?? english.get(baseKey(key));
          if (source === undefined) continue;
          const expected = placeholders(source).filter((name) => name !== 'count');
          const actual = placeholders(text).filter((name) => name !== 'count');
          if (JSON.stringify([...new Set(actual)]) !== JSON.stringify([...new Set(expected)])) wrong.push(`${key}: ${actual.join(',')} ≠ ${expected.join(',')}`);
        }
        expect(wrong).toEqual([]);
      });
    });
  }

  it('uses every English key somewhere in the renderer, written out in full', () => {
    const code = sources(join(import.meta.dirname, '../../renderer/src')).join('\n');
    const unused = [...englishForms.keys()].filter((key) => !code.includes(`'${key}'`) && !code.includes(`"${key}"`) && !code.includes(`\`${key}\``));
    expect(unused).toEqual([]);
  });
});
