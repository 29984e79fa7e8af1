import { describe, expect, it } from 'vitest';
import { APP_URL } from '../../../electron/bootstrap/app-protocol';
import { createMemoryLogger } from '../../../electron/app/memory-logger';
import { API_INVOKE_CHANNEL } from '../../../electron/ipc/channel';
import { bindApi, type InvokeEvent, type IpcMainLike } from '../../../electron/ipc/bind-api';
import { isInsideApp } from '../../../electron/security/navigation';
import { createFakeHandlers } from '../../integration/web/fake-handlers';

type Listener = (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>;

function bound() {
  const channels = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      channels.set(channel, listener);
    },
  };
  const logger = createMemoryLogger();
  bindApi(ipcMain, createFakeHandlers(), { isTrustedSender: (url) => isInsideApp(APP_URL, url), logger, validateOutput: true });
  const listener = channels.get(API_INVOKE_CHANNEL);
  if (!listener) throw new Error('the API channel was not bound');
  const invoke = (frameUrl: string | null, ...args: unknown[]) => listener({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, ...args);
  return { channels, invoke, logger };
}

describe('the IPC binding', () => {
  it('binds exactly one channel', () => {
    expect([...bound().channels.keys()]).toEqual([API_INVOKE_CHANNEL]);
  });

  it('answers calls from the app page', async () => {
    const { invoke } = bound();
    expect(await invoke('app://ledgerline/index.html', 'prefs.get', {})).toMatchObject({ ok: true, value: { theme: 'system' } });
  });

  it('refuses calls from frames outside the app without running the handler', async () => {
    const { invoke, logger } = bound();
    for (const frame of ['https://evil.example/', 'file:///tmp/x.html', 'app://other/index.html', null]) {
      expect(await invoke(frame, 'prefs.set', { theme: 'dark' }), String(frame)).toMatchObject({ ok: false });
    }
    expect(await invoke(APP_URL, 'prefs.get', {})).toMatchObject({ ok: true, value: { theme: 'system' } });
    expect(logger.entries.filter((entry) => entry.level === 'warn')).toHaveLength(4);
  });

  it('returns validation errors for malformed calls instead of throwing', async () => {
    const { invoke } = bound();
    expect(await invoke(APP_URL, 'prefs.set', { theme: 42 })).toMatchObject({ ok: false, error: { code: 'validation', field: 'theme' } });
    expect(await invoke(APP_URL, 'prefs.set', 'a string')).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await invoke(APP_URL, 'prefs.get', { unexpected: true })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await invoke(APP_URL, 'no.such.op', {})).toMatchObject({ ok: false, error: { code: 'unknown_operation' } });
    expect(await invoke(APP_URL, 42, {})).toMatchObject({ ok: false, error: { code: 'unknown_operation' } });
    expect(await invoke(APP_URL, 'constructor', {})).toMatchObject({ ok: false, error: { code: 'unknown_operation' } });
    expect(await invoke(APP_URL)).toMatchObject({ ok: false, error: { code: 'unknown_operation' } });
  });

  it('turns a crashing handler into an internal result and logs it', async () => {
    const { invoke, logger } = bound();
    expect(await invoke(APP_URL, 'worklist.query', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logger.entries.some((entry) => entry.level === 'error')).toBe(true);
  });
});
