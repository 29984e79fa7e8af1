/**
 * A catalog of refusals: for each key, its words in every interface language, `{{name}}` standing
 * for a parameter. The English words are also the message a refusal carries (logs, an older
 * client, a user reading English); the other languages are what the client shows instead.
 * TypeScript holds every translation to the English keys, so none can be missing.
 */
import type { UiLanguage } from '../languages';

export type RefusalTemplates<K extends string> = Readonly<Record<K, string>>;

export type RefusalCatalog<K extends string> = Readonly<Record<UiLanguage, RefusalTemplates<K>>>;

export function refusalCatalog<const E extends Readonly<Record<string, string>>>(
  en: E,
  translations: Readonly<Record<Exclude<UiLanguage, 'en'>, RefusalTemplates<Extract<keyof E, string>>>>,
): RefusalCatalog<Extract<keyof E, string>> {
  return { en, ...translations };
}
