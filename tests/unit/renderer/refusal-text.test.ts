/** A rule's refusal the renderer meets itself (a form's check): its message in English, the catalog's words in the others. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, money } from '../../../renderer/src/common/format';
import { validateContactPerson } from '../../../renderer/src/collector/validation';
import { refusalText } from '../../../renderer/src/i18n/errorText';
import { i18n, loadLanguage } from '../../../renderer/src/i18n/i18n';
import { refusalMessage, type Refusal } from '../../../shared/i18n/refusals';
import { UI_LANGUAGES } from '../../../shared/i18n/languages';

// Every language but English is a chunk the app loads when it is chosen; these tests switch among them.
beforeAll(async () => {
  await Promise.all(UI_LANGUAGES.map(loadLanguage));
});

const ABOVE_OWED: Refusal = { key: 'promiseAboveOwed', params: { amountMinor: 150_000, owedMinor: 100_000, currency: 'EUR' } };
const BEYOND: Refusal = { key: 'dateBeyondOneYear', params: { latestDate: '2027-11-23' } };

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('refusalText', () => {
  it('is exactly the message in English', () => {
    expect(refusalText(ABOVE_OWED)).toBe(refusalMessage(ABOVE_OWED));
    expect(refusalText(ABOVE_OWED)).toBe('the promised €1,500.00 exceeds the €1,000.00 still owed and not disputed');
    expect(refusalText(BEYOND)).toBe('must be at most a year ahead (by 2027-11-23)');
  });

  it('words the refusal in German, Spanish and Chinese, the values as the interface writes them', async () => {
    await i18n.changeLanguage('de');
    expect(refusalText(ABOVE_OWED)).toBe(`die zugesagten ${money(150_000, 'EUR')} übersteigen die noch offenen, unbestrittenen ${money(100_000, 'EUR')}`);
    expect(refusalText(BEYOND)).toBe(`darf höchstens ein Jahr in der Zukunft liegen (bis ${formatDate('2027-11-23')})`);
    expect(validateContactPerson({ name: 'Ann', role: '', phone: 'call me', email: '' })).toEqual({ phone: 'muss eine Telefonnummer wie +49 30 1234567 sein' });
    await i18n.changeLanguage('es');
    expect(refusalText({ key: 'textControlCharacter' })).toBe('contiene un carácter de control (solo se permiten tabulaciones y saltos de línea)');
    await i18n.changeLanguage('zh-CN');
    expect(refusalText({ key: 'contactTooLong' })).toBe('最长不能超过一天');
  });
});
