/** The desktop shell's catalog of every language the product speaks, the pseudo-locale derived from the English. */
import { PSEUDO_LANGUAGE, type InterfaceLanguage, type UiLanguage } from '../languages';
import { pseudoLocalizeCatalog } from '../pseudo';
import { de } from './de';
import { en } from './en';
import { es } from './es';
import type { DesktopStrings } from './strings';
import { zhCN } from './zh-CN';

const CATALOG: Readonly<Record<UiLanguage, DesktopStrings>> = { en, de, es, 'zh-CN': zhCN };

let pseudo: DesktopStrings | null = null;

export function desktopStrings(language: InterfaceLanguage): DesktopStrings {
  if (language !== PSEUDO_LANGUAGE) return CATALOG[language];
  pseudo ??= pseudoLocalizeCatalog(en);
  return pseudo;
}
