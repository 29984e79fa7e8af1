/**
 * Every string the interface shows, per language: one file per area of the renderer (the folder
 * of the same name), so each area's strings are reviewed together. Keys are written out in full
 * where they are used (`t('worklist.empty.title')`), never built from pieces, so the key test can
 * tell a missing key from an unused one.
 *
 * English is in the main bundle (it is the fallback of every key); each other language is a chunk
 * of its own, loaded once when it is chosen, so a start-up parses one language's strings, not four.
 */
import type { UiLanguage } from '../../../shared/i18n/languages';
import { en } from './locales/en';

export { en };

export type Strings = typeof en;

/** A translation: the same areas, each a tree of strings (plural forms may differ by language). */
export type Translation = Readonly<Record<keyof Strings, unknown>>;

const LOADERS: Readonly<Record<Exclude<UiLanguage, 'en'>, () => Promise<Translation>>> = {
  de: async () => (await import('./locales/de')).de,
  es: async () => (await import('./locales/es')).es,
  'zh-CN': async () => (await import('./locales/zh-CN')).zhCN,
};

/** A language's strings: English at once, the others from their chunk. */
export async function loadTranslation(language: UiLanguage): Promise<Translation> {
  return language === 'en' ? en : LOADERS[language]();
}
