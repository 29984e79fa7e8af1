/** The es strings, in a chunk of their own: loaded when the language is chosen (i18n/resources.ts). */
import account from './es/account.json';
import app from './es/app.json';
import attachments from './es/attachments.json';
import collector from './es/collector.json';
import common from './es/common.json';
import dashboard from './es/dashboard.json';
import errors from './es/errors.json';
import reports from './es/reports.json';
import sync from './es/sync.json';
import team from './es/team.json';
import worklist from './es/worklist.json';
import type { Translation } from '../resources';

export const es: Translation = { account, app, attachments, collector, common, dashboard, errors, reports, sync, team, worklist };
