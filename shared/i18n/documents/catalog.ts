/** The catalog of every language the product speaks. */
import type { UiLanguage } from '../languages';
import { de } from './de';
import { en } from './en';
import { es } from './es';
import type { DocumentStrings } from './strings';
import { zhCN } from './zh-CN';

const CATALOG: Readonly<Record<UiLanguage, DocumentStrings>> = { en, de, es, 'zh-CN': zhCN };

export function documentStrings(language: UiLanguage): DocumentStrings {
  return CATALOG[language];
}
