/** The zh-CN strings, in a chunk of their own: loaded when the language is chosen (i18n/resources.ts). */
import account from './zh-CN/account.json';
import app from './zh-CN/app.json';
import attachments from './zh-CN/attachments.json';
import collector from './zh-CN/collector.json';
import common from './zh-CN/common.json';
import dashboard from './zh-CN/dashboard.json';
import errors from './zh-CN/errors.json';
import reports from './zh-CN/reports.json';
import sync from './zh-CN/sync.json';
import team from './zh-CN/team.json';
import worklist from './zh-CN/worklist.json';
import type { Translation } from '../resources';

export const zhCN: Translation = { account, app, attachments, collector, common, dashboard, errors, reports, sync, team, worklist };
