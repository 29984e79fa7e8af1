/**
 * The exported documents' words in every language the product speaks (strings.ts: the catalog's
 * shape; one file per language), and how a document of a language writes amounts and dates
 * (format.ts). Pure TypeScript, no i18next: the desktop's writers and any other reader share it.
 */
export type { DocumentStrings, WorklistFilterKey } from './strings';
export { documentStrings } from './catalog';
export { documentLanguage, type DocumentLanguage } from './format';
