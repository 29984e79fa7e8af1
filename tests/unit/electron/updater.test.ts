import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../electron/app/memory-logger';
import { resolveUpdateFeed } from '../../../electron/update/update-feed';
import { classifyUpdateFailure, startUpdates, UPDATE_CHECK_INTERVAL_MS, type UpdateNotice, type UpdaterPort } from '../../../electron/update/updater';

/** Stands in for electron-updater's AppUpdater, which needs a packaged Electron app to run. */
class FakeUpdater extends EventEmitter implements UpdaterPort {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  allowDowngrade = true;
  feeds: { provider: 'generic'; url: string }[] = [];
  checks = 0;
  installs = 0;
  checkResult: Promise<unknown> = Promise.resolve(null);
  setFeedURL(options: { provider: 'generic'; url: string }): void {
    this.feeds.push(options);
  }
  checkForUpdates(): Promise<unknown> {
    this.checks += 1;
    return this.checkResult;
  }
  quitAndInstall(): void {
    this.installs += 1;
  }
}

function codeError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

function start(feed: ReturnType<typeof resolveUpdateFeed>, restart = false) {
  const updater = new FakeUpdater();
  const log = createMemoryLogger();
  const told: UpdateNotice[] = [];
  const asked: UpdateNotice[] = [];
  const timers: { ms: number; callback: () => void; stopped: boolean }[] = [];
  let created = 0;
  const running = startUpdates({
    createUpdater: () => {
      created += 1;
      return updater;
    },
    feed,
    currentVersion: '1.4.0',
    log,
    tell: (notice) => told.push(notice),
    askToRestart: (notice) => {
      asked.push(notice);
      return Promise.resolve(restart);
    },
    every: (callback, ms) => {
      const timer = { ms, callback, stopped: false };
      timers.push(timer);
      return {
        stop: () => {
          timer.stopped = true;
        },
      };
    },
  });
  return { updater, log, told, asked, timers, running, created: () => created };
}

describe('the update feed', () => {
  it('is off unless the deployment names one', () => {
    expect(resolveUpdateFeed(undefined)).toEqual({ kind: 'off', reason: 'no update feed is configured' });
    expect(resolveUpdateFeed('  ')).toEqual({ kind: 'off', reason: 'no update feed is configured' });
    expect(resolveUpdateFeed(' https://updates.acme.example/ledgerline/ ')).toEqual({ kind: 'feed', url: 'https://updates.acme.example/ledgerline/' });
  });

  it('must be https, except a mirror on this machine; it never carries credentials', () => {
    expect(resolveUpdateFeed('http://updates.acme.example/')).toEqual({ kind: 'refused', reason: 'the update feed must use https, not http' });
    expect(resolveUpdateFeed('ftp://updates.acme.example/')).toEqual({ kind: 'refused', reason: 'the update feed must use https, not ftp' });
    expect(resolveUpdateFeed('file:///srv/updates/').kind).toBe('refused');
    expect(resolveUpdateFeed('https://user:secret@updates.acme.example/')).toEqual({ kind: 'refused', reason: 'the update feed address must not carry a user name or password' });
    expect(resolveUpdateFeed('updates.acme.example')).toEqual({ kind: 'refused', reason: 'the update feed "updates.acme.example" is not a valid address' });
    expect(resolveUpdateFeed('http://127.0.0.1:8080/feed/')).toEqual({ kind: 'feed', url: 'http://127.0.0.1:8080/feed/' });
    expect(resolveUpdateFeed('http://localhost:8080/feed/').kind).toBe('feed');
  });
});

describe('updates', () => {
  it('stay off without a feed, logged, with nothing shown to the user', () => {
    const { created, log, told, running } = start({ kind: 'off', reason: 'no update feed is configured' });
    expect(running).toBeNull();
    expect(created()).toBe(0);
    expect(told).toEqual([]);
    expect(log.entries).toEqual([{ level: 'info', message: 'updates off', details: { reason: 'no update feed is configured' } }]);
  });

  it('are refused with a named reason in the log and a message to the user when the feed is not acceptable', () => {
    const { created, log, told, running } = start(resolveUpdateFeed('http://updates.acme.example/'));
    expect(running).toBeNull();
    expect(created()).toBe(0);
    expect(log.entries).toEqual([{ level: 'error', message: 'updates refused', details: { reason: 'the update feed must use https, not http' } }]);
    expect(told[0]?.detail).toContain('must use https');
  });

  it('check the feed at start and every four hours, download in the background and never downgrade', () => {
    const { updater, timers, running } = start({ kind: 'feed', url: 'https://updates.acme.example/ledgerline/' });
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'https://updates.acme.example/ledgerline/' }]);
    expect(updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true, allowDowngrade: false, checks: 1 });
    expect(timers.map((timer) => timer.ms)).toEqual([UPDATE_CHECK_INTERVAL_MS]);
    timers[0]?.callback();
    expect(updater.checks).toBe(2);
    running?.stop();
    expect(timers[0]?.stopped).toBe(true);
  });

  it('refuse an update whose signature does not verify: the reason in the log, a clear message, nothing installed', () => {
    const { updater, log, told } = start({ kind: 'feed', url: 'https://updates.acme.example/ledgerline/' });
    updater.emit('error', codeError('New version 1.5.0 is not signed by the application owner: publisherNames: Acme Corp', 'ERR_UPDATER_INVALID_SIGNATURE'));
    expect(updater.installs).toBe(0);
    expect(log.entries.at(-1)).toMatchObject({ level: 'error', message: 'update refused', details: { reason: 'signature', feed: 'https://updates.acme.example/ledgerline/' } });
    expect(told).toEqual([
      {
        title: 'Update refused',
        message: 'The update is not signed by the Ledgerline publisher, so it was not installed.',
        detail: 'You keep working on version 1.4.0. Tell your IT team; the details are in the log.',
      },
    ]);
  });

  it('refuse a download whose checksum does not match the feed', () => {
    const { updater, log, told } = start({ kind: 'feed', url: 'https://updates.acme.example/ledgerline/' });
    updater.emit('error', new Error('sha512 checksum mismatch, expected abc, got def'));
    expect(log.entries.at(-1)).toMatchObject({ level: 'error', details: { reason: 'checksum' } });
    expect(told[0]?.message).toContain('does not match');
  });

  it('only log an unreachable update server: offline is normal on the road', async () => {
    const { updater, log, told } = start({ kind: 'feed', url: 'https://updates.acme.example/ledgerline/' });
    updater.emit('error', codeError('getaddrinfo ENOTFOUND updates.acme.example', 'ENOTFOUND'));
    updater.emit('error', new Error('net::ERR_INTERNET_DISCONNECTED'));
    updater.checkResult = Promise.reject(codeError('getaddrinfo EAI_AGAIN updates.acme.example', 'EAI_AGAIN'));
    await expect(updater.checkForUpdates()).rejects.toThrow('EAI_AGAIN');
    expect(told).toEqual([]);
    expect(log.entries.slice(-2).map((entry) => [entry.level, entry.message, entry.details?.reason])).toEqual([
      ['info', 'update server unreachable', 'unreachable'],
      ['info', 'update server unreachable', 'unreachable'],
    ]);
  });

  it('install a downloaded update on restart only when the user says so, asking once per version', async () => {
    const later = start({ kind: 'feed', url: 'https://updates.acme.example/ledgerline/' }, false);
    later.updater.emit('update-downloaded', { version: '1.5.0' });
    await Promise.resolve();
    await Promise.resolve();
    expect(later.asked[0]?.message).toBe('Ledgerline 1.5.0 is ready to install.');
    expect(later.updater.installs).toBe(0);
    // Every later check announces the cached download again: the user who said Later is not asked again for it.
    later.updater.emit('update-downloaded', { version: '1.5.0' });
    later.updater.emit('update-downloaded', { version: '1.5.0' });
    await Promise.resolve();
    expect(later.asked).toHaveLength(1);
    later.updater.emit('update-downloaded', { version: '1.6.0' });
    await Promise.resolve();
    expect(later.asked.map((notice) => notice.message)).toEqual(['Ledgerline 1.5.0 is ready to install.', 'Ledgerline 1.6.0 is ready to install.']);
    const now = start({ kind: 'feed', url: 'https://updates.acme.example/ledgerline/' }, true);
    now.updater.emit('update-downloaded', { version: '1.5.0' });
    await Promise.resolve();
    await Promise.resolve();
    expect(now.updater.installs).toBe(1);
  });

  it('classifies the failures electron-updater reports', () => {
    expect(classifyUpdateFailure(codeError('x', 'ERR_UPDATER_INVALID_SIGNATURE'))).toBe('signature');
    expect(classifyUpdateFailure(new Error('Code signature at URL file:///x did not pass validation'))).toBe('signature');
    expect(classifyUpdateFailure(new Error('sha512 checksum mismatch'))).toBe('checksum');
    expect(classifyUpdateFailure(codeError('connect ECONNREFUSED 10.0.0.1:443', 'ECONNREFUSED'))).toBe('unreachable');
    expect(classifyUpdateFailure(new Error('HttpError: 404 Not Found'))).toBe('other');
    expect(classifyUpdateFailure('a string')).toBe('other');
  });
});
