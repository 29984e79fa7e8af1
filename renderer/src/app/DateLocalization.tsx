/**
 * The date pickers' language and locale (common/DateField.tsx), applied once around the app next to
 * the theme. From the formatting locale: the order a date is typed in (dd.MM.yyyy in German,
 * dd/MM/yyyy on a British computer), the calendar's month and weekday names and its first day of the
 * week. In the interface language: the pickers' own words ("Choose date", the TT.MM.JJJJ
 * placeholders); the pseudo-locale's are English.
 */
import { AdapterDateFns } from '@mui/x-date-pickers/AdapterDateFns';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { deDE, esES, zhCN, type PickersLocaleText } from '@mui/x-date-pickers/locales';
import { useMemo, type ReactNode } from 'react';
import { formattingLocale, type InterfaceLanguage } from '../../../shared/i18n/languages';
import { fieldFormatOf, pickerLocaleOf } from '../common/dateEntry';

const PICKER_TEXTS: Readonly<Record<InterfaceLanguage, Partial<PickersLocaleText> | undefined>> = {
  en: undefined,
  de: deDE.components.MuiLocalizationProvider.defaultProps.localeText,
  es: esES.components.MuiLocalizationProvider.defaultProps.localeText,
  'zh-CN': zhCN.components.MuiLocalizationProvider.defaultProps.localeText,
  'en-XA': undefined,
};

export function DateLocalization({ language, children }: { language: InterfaceLanguage; children: ReactNode }) {
  // The same locale prefs.tsx gives common/format.ts for every other date on screen.
  const locale = formattingLocale(language, navigator.languages);
  const adapterLocale = useMemo(() => pickerLocaleOf(locale), [locale]);
  // A typed date in the locale's numeric order with the full year (date-fns' own short date is yy-MM-dd in Chinese).
  const dateFormats = useMemo(() => ({ keyboardDate: fieldFormatOf(locale) }), [locale]);
  return (
    <LocalizationProvider dateAdapter={AdapterDateFns} adapterLocale={adapterLocale} dateFormats={dateFormats} localeText={PICKER_TEXTS[language]}>
      {children}
    </LocalizationProvider>
  );
}
