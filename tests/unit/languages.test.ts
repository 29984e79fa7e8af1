import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addresseeLanguage, canonicalLanguageTag, formattingLocale, interfaceLanguage, matchLanguage } from '../../shared/i18n/languages';
import { pseudoLocalize } from '../../shared/i18n/pseudo';

describe('matchLanguage', () => {
  it('takes the first supported language of the computer’s, by its primary subtag', () => {
    expect(matchLanguage(['de-AT', 'en-US'])).toBe('de');
    expect(matchLanguage(['fr-FR', 'es-MX', 'en'])).toBe('es');
    expect(matchLanguage(['en-GB'])).toBe('en');
    expect(matchLanguage(['ES'])).toBe('es');
  });

  it('reads Simplified Chinese tags as Chinese and passes over Traditional ones', () => {
    expect(matchLanguage(['zh'])).toBe('zh-CN');
    expect(matchLanguage(['zh-Hans-SG'])).toBe('zh-CN');
    expect(matchLanguage(['zh-TW', 'de'])).toBe('de');
    expect(matchLanguage(['zh-Hant-HK'])).toBe('en');
  });

  it('falls back to English for an unknown, empty or malformed list', () => {
    expect(matchLanguage([])).toBe('en');
    expect(matchLanguage(['fr', 'pl'])).toBe('en');
    expect(matchLanguage(['', '-', '__'])).toBe('en');
  });

  it('never throws and always names a supported language', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (tags) => {
        expect(['en', 'de', 'es', 'zh-CN']).toContain(matchLanguage(tags));
      }),
    );
  });
});

describe('interfaceLanguage', () => {
  it('is the setting when there is one, else the computer’s', () => {
    expect(interfaceLanguage('es', ['de-DE'])).toBe('es');
    expect(interfaceLanguage(null, ['de-DE'])).toBe('de');
  });
});

describe('formattingLocale', () => {
  it('keeps the computer’s region when its language is the interface’s', () => {
    expect(formattingLocale('en', ['en-GB', 'de-DE'])).toBe('en-GB');
    expect(formattingLocale('de', ['en-US', 'de-CH'])).toBe('de-CH');
  });

  it('uses the language’s own locale otherwise, and never a malformed tag', () => {
    expect(formattingLocale('de', ['en-US'])).toBe('de-DE');
    expect(formattingLocale('zh-CN', ['zh-TW'])).toBe('zh-CN');
    expect(formattingLocale('es', ['es-!!'])).toBe('es-ES');
    expect(formattingLocale('en-XA', ['en-GB'])).toBe('en-US');
  });
});

describe('pseudoLocalize', () => {
  it('accents every letter, grows the text and brackets it', () => {
    const out = pseudoLocalize('Log contact');
    expect(out).toMatch(/^\[Ļôĝ çôñţáçţ·+\]$/);
    expect(out.length).toBeGreaterThanOrEqual(Math.round('Log contact'.length * 1.4));
  });

  it('leaves placeholders, nested keys and markup tags as i18next needs them', () => {
    expect(pseudoLocalize('{{count}} customers, <1>see</1> $t(common.more)')).toMatch(/^\[\{\{count\}\} çûšţôɱéŕš, <1>šéé<\/1> \$t\(common\.more\)·+\]$/);
  });

  it('keeps the text of any string readable back: stripping the accents returns the original', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const out = pseudoLocalize(text);
        if (text === '') return;
        const body = out.slice(1, -1).replace(/·+$/, '');
        expect(body.normalize('NFD').replace(/[\u0300-\u036f]/g, '').length).toBeGreaterThan(0);
        expect(body.length).toBe(text.length);
      }),
    );
  });
});

describe('canonicalLanguageTag', () => {
  it('reads the ways ERPs and people write a language', () => {
    expect(canonicalLanguageTag('DE')).toBe('de');
    expect(canonicalLanguageTag('de_DE')).toBe('de-DE');
    expect(canonicalLanguageTag(' pt-br ')).toBe('pt-BR');
    expect(canonicalLanguageTag('zh-hans-cn')).toBe('zh-Hans-CN');
  });

  it('refuses what is no language tag, and anything longer than the limit', () => {
    for (const value of ['', ' ', 'German', '1de', 'de-', 'de--DE', 'de DE', '<b>', `de-${'x'.repeat(40)}`, 'de\u0000', 'de\u202e', '\u200fde', 'de\n-CH', 'x'.repeat(100_000)]) {
      expect(canonicalLanguageTag(value), value.slice(0, 20)).toBeNull();
    }
  });

  it('never throws, and what it keeps is canonical (reading it again gives it back)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (value) => {
        const tag = canonicalLanguageTag(value);
        if (tag !== null) expect(canonicalLanguageTag(tag)).toBe(tag);
      }),
    );
  });
});

describe('addresseeLanguage', () => {
  it('takes the first of the contact’s and the customer’s languages that has a translation', () => {
    expect(addresseeLanguage(['de-CH', 'fr'], 'en')).toBe('de');
    expect(addresseeLanguage([null, 'es-MX'], 'de')).toBe('es');
    expect(addresseeLanguage(['fr', 'zh-Hans'], 'en')).toBe('zh-CN');
    expect(addresseeLanguage(['en-GB', 'de'], 'de')).toBe('en');
  });

  it('falls back to the user’s language when neither has one', () => {
    expect(addresseeLanguage(['fr', 'pl'], 'es')).toBe('es');
    expect(addresseeLanguage([null, undefined, ''], 'zh-CN')).toBe('zh-CN');
  });
});
