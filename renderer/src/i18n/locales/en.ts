/** The English strings: the source every translation has the keys of, and the type `t()` checks keys against. */
import account from './en/account.json';
import app from './en/app.json';
import attachments from './en/attachments.json';
import collector from './en/collector.json';
import common from './en/common.json';
import dashboard from './en/dashboard.json';
import errors from './en/errors.json';
import reports from './en/reports.json';
import sync from './en/sync.json';
import team from './en/team.json';
import worklist from './en/worklist.json';

export const en = { account, app, attachments, collector, common, dashboard, errors, reports, sync, team, worklist };
