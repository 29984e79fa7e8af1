/**
 * Every string the interface shows, per language: one file per area of the renderer (the folder
 * of the same name), so each area's strings are reviewed together. Keys are written out in full
 * where they are used (`t('worklist.empty.title')`), never built from pieces, so the key test can
 * tell a missing key from an unused one.
 */
import deAccount from './locales/de/account.json';
import deApp from './locales/de/app.json';
import deAttachments from './locales/de/attachments.json';
import deCollector from './locales/de/collector.json';
import deCommon from './locales/de/common.json';
import deDashboard from './locales/de/dashboard.json';
import deErrors from './locales/de/errors.json';
import deReports from './locales/de/reports.json';
import deSync from './locales/de/sync.json';
import deTeam from './locales/de/team.json';
import deWorklist from './locales/de/worklist.json';
import enAccount from './locales/en/account.json';
import enApp from './locales/en/app.json';
import enAttachments from './locales/en/attachments.json';
import enCollector from './locales/en/collector.json';
import enCommon from './locales/en/common.json';
import enDashboard from './locales/en/dashboard.json';
import enErrors from './locales/en/errors.json';
import enReports from './locales/en/reports.json';
import enSync from './locales/en/sync.json';
import enTeam from './locales/en/team.json';
import enWorklist from './locales/en/worklist.json';
import esAccount from './locales/es/account.json';
import esApp from './locales/es/app.json';
import esAttachments from './locales/es/attachments.json';
import esCollector from './locales/es/collector.json';
import esCommon from './locales/es/common.json';
import esDashboard from './locales/es/dashboard.json';
import esErrors from './locales/es/errors.json';
import esReports from './locales/es/reports.json';
import esSync from './locales/es/sync.json';
import esTeam from './locales/es/team.json';
import esWorklist from './locales/es/worklist.json';
import zhAccount from './locales/zh-CN/account.json';
import zhApp from './locales/zh-CN/app.json';
import zhAttachments from './locales/zh-CN/attachments.json';
import zhCollector from './locales/zh-CN/collector.json';
import zhCommon from './locales/zh-CN/common.json';
import zhDashboard from './locales/zh-CN/dashboard.json';
import zhErrors from './locales/zh-CN/errors.json';
import zhReports from './locales/zh-CN/reports.json';
import zhSync from './locales/zh-CN/sync.json';
import zhTeam from './locales/zh-CN/team.json';
import zhWorklist from './locales/zh-CN/worklist.json';
import type { UiLanguage } from '../../../shared/i18n/languages';

/** The English strings: the source every translation has the keys of, and the type `t()` checks keys against. */
export const en = {
  account: enAccount,
  app: enApp,
  attachments: enAttachments,
  collector: enCollector,
  common: enCommon,
  dashboard: enDashboard,
  errors: enErrors,
  reports: enReports,
  sync: enSync,
  team: enTeam,
  worklist: enWorklist,
};

export type Strings = typeof en;

/** A translation: the same areas, each a tree of strings (plural forms may differ by language). */
export type Translation = Readonly<Record<keyof Strings, unknown>>;

export const translations: Readonly<Record<UiLanguage, Translation>> = {
  en,
  de: {
    account: deAccount,
    app: deApp,
    attachments: deAttachments,
    collector: deCollector,
    common: deCommon,
    dashboard: deDashboard,
    errors: deErrors,
    reports: deReports,
    sync: deSync,
    team: deTeam,
    worklist: deWorklist,
  },
  es: {
    account: esAccount,
    app: esApp,
    attachments: esAttachments,
    collector: esCollector,
    common: esCommon,
    dashboard: esDashboard,
    errors: esErrors,
    reports: esReports,
    sync: esSync,
    team: esTeam,
    worklist: esWorklist,
  },
  'zh-CN': {
    account: zhAccount,
    app: zhApp,
    attachments: zhAttachments,
    collector: zhCollector,
    common: zhCommon,
    dashboard: zhDashboard,
    errors: zhErrors,
    reports: zhReports,
    sync: zhSync,
    team: zhTeam,
    worklist: zhWorklist,
  },
};
