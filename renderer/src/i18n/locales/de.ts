/** The de strings, in a chunk of their own: loaded when the language is chosen (i18n/resources.ts). */
import account from './de/account.json';
import app from './de/app.json';
import attachments from './de/attachments.json';
import collector from './de/collector.json';
import common from './de/common.json';
import dashboard from './de/dashboard.json';
import errors from './de/errors.json';
import reports from './de/reports.json';
import sync from './de/sync.json';
import team from './de/team.json';
import worklist from './de/worklist.json';
import type { Translation } from '../resources';

export const de: Translation = { account, app, attachments, collector, common, dashboard, errors, reports, sync, team, worklist };
