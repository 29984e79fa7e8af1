/** API errors in the interface language: the English message in English, the reason worded in the others. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiError } from '../../../shared/api/result';
import { formatCount } from '../../../renderer/src/common/format';
import { errorText, localError, maybeErrorText } from '../../../renderer/src/i18n/errorText';
import { i18n } from '../../../renderer/src/i18n/i18n';

const TOO_LONG: ApiError = { code: 'validation', message: 'name must be at most 200 characters', field: 'name', reason: 'tooLong', params: { max: 200 } };
const NO_REASON: ApiError = { code: 'conflict', message: 'only an open promise can be cancelled; this one is kept', field: 'promiseId' };

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('errorText', () => {
  it('is the message itself in English, the reason notwithstanding', () => {
    expect(errorText(TOO_LONG)).toBe(TOO_LONG.message);
    expect(errorText(TOO_LONG, { showField: true })).toBe(TOO_LONG.message);
    expect(errorText({ code: 'internal', message: 'note.add failed unexpectedly; the details are in the log' })).toBe('note.add failed unexpectedly; the details are in the log');
  });

  it('words the reason with its number in German, Spanish and Chinese', async () => {
    await i18n.changeLanguage('de');
    expect(errorText(TOO_LONG)).toBe('Höchstens 200 Zeichen');
    expect(errorText(TOO_LONG, { showField: true })).toBe('name: Höchstens 200 Zeichen');
    // Numbers as the interface formats them (the computer's locale when it is of the language).
    expect(errorText({ ...TOO_LONG, params: { max: 5000 } })).toBe(`Höchstens ${formatCount(5000)} Zeichen`);
    expect(errorText({ code: 'validation', message: 'body is required', field: 'body', reason: 'required' })).toBe('Pflichtfeld');
    await i18n.changeLanguage('es');
    expect(errorText(TOO_LONG)).toBe('Como máximo 200 caracteres');
    await i18n.changeLanguage('zh-CN');
    expect(errorText(TOO_LONG)).toBe('最多 200 个字符');
  });

  it('keeps the message of an error without a reason, or with one this version does not know', async () => {
    await i18n.changeLanguage('de');
    expect(errorText(NO_REASON)).toBe(NO_REASON.message);
    expect(errorText({ ...TOO_LONG, reason: 'tooLoud' as ApiError['reason'] })).toBe(TOO_LONG.message);
    expect(maybeErrorText(null)).toBeUndefined();
  });

  it('words the generic codes, but not a message the renderer already wrote in the language', async () => {
    await i18n.changeLanguage('de');
    expect(errorText({ code: 'internal', message: 'note.add failed unexpectedly; the details are in the log' })).toBe(
      'Ein unerwarteter Fehler ist aufgetreten; die Einzelheiten stehen im Protokoll.',
    );
    const local = localError({ code: 'internal', message: 'Der Server ist nicht erreichbar.' });
    expect(errorText(local)).toBe('Der Server ist nicht erreichbar.');
  });
});
