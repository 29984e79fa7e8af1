/** The interface's languages: English at once, every other one from its chunk when it is chosen, once. */
import { describe, expect, it } from 'vitest';
import { i18n, loadLanguage } from '../../../renderer/src/i18n/i18n';
import { PSEUDO_LANGUAGE } from '../../../shared/i18n/languages';

describe('loading a language', () => {
  it('has English from the start and no other language until it is loaded', () => {
    expect(i18n.getFixedT('en')('worklist.screen.title')).toBe('Worklist');
    expect(i18n.hasResourceBundle('de', 'translation')).toBe(false);
    // Not loaded: a key falls back to English rather than showing the key.
    expect(i18n.getFixedT('de')('worklist.screen.title')).toBe('Worklist');
  });

  it('brings a language in once, however often it is asked for meanwhile', async () => {
    const first = loadLanguage('de');
    expect(loadLanguage('de')).toBe(first);
    expect(await first).toBe(true);
    expect(i18n.hasResourceBundle('de', 'translation')).toBe(true);
    expect(i18n.getFixedT('de')('worklist.screen.title')).toBe('Arbeitsliste');
    expect(i18n.hasResourceBundle('es', 'translation')).toBe(false);
  });

  it('has nothing to load for English and the pseudo-locale', async () => {
    expect(await loadLanguage('en')).toBe(true);
    expect(await loadLanguage(PSEUDO_LANGUAGE)).toBe(true);
    expect(i18n.hasResourceBundle(PSEUDO_LANGUAGE, 'translation')).toBe(false);
  });
});
