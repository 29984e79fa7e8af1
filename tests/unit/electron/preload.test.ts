/**
 * The preload runs only inside Electron; here its two imports from `electron` are replaced by a
 * recording stand-in so what it exposes to the page can be checked.
 */
import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppCommand } from '../../../shared/api/app-commands';
import { API_INVOKE_CHANNEL, APP_COMMAND_CHANNEL } from '../../../electron/ipc/channel';

const exposed = new Map<string, unknown>();
const ipc = Object.assign(new EventEmitter(), { invoke: vi.fn(() => Promise.resolve({ ok: true, value: 'answer' })) });

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => {
      exposed.set(key, value);
    },
  },
  ipcRenderer: ipc,
}));

interface ExposedApi {
  invoke(operation: string, input: unknown): Promise<unknown>;
  onCommand(listener: (command: AppCommand) => void): () => void;
}

let api: ExposedApi;

beforeAll(async () => {
  await import('../../../electron/preload');
  api = exposed.get('api') as ExposedApi;
});

describe('the preload bridge', () => {
  it('exposes one `api` object with the contract call and the menu commands, nothing else', () => {
    expect([...exposed.keys()]).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onCommand']);
  });

  it('passes calls through the one invoke channel', async () => {
    await expect(api.invoke('app.info', {})).resolves.toEqual({ ok: true, value: 'answer' });
    expect(ipc.invoke).toHaveBeenCalledWith(API_INVOKE_CHANNEL, 'app.info', {});
  });

  it('delivers only known menu commands, and stops when unsubscribed', () => {
    const received: AppCommand[] = [];
    const stop = api.onCommand((command) => received.push(command));
    ipc.emit(APP_COMMAND_CHANNEL, {}, 'go-reports');
    ipc.emit(APP_COMMAND_CHANNEL, {}, 'rm -rf /');
    ipc.emit(APP_COMMAND_CHANNEL, {}, { command: 'go-reports' });
    ipc.emit(APP_COMMAND_CHANNEL, {}, 'show-shortcuts');
    stop();
    ipc.emit(APP_COMMAND_CHANNEL, {}, 'go-team');
    expect(received).toEqual(['go-reports', 'show-shortcuts']);
    expect(ipc.listenerCount(APP_COMMAND_CHANNEL)).toBe(0);
  });
});
