/**
 * Runs in the sandboxed preload: exposes exactly one `window.api` with one method. The renderer
 * gets no Electron or Node object, only results of the typed contract.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiBridge } from '../shared/api/contract';
import type { Result } from '../shared/api/result';
import { API_INVOKE_CHANNEL } from './ipc/channel';

const api = {
  invoke: (operation: string, input: unknown) =>
    ipcRenderer.invoke(API_INVOKE_CHANNEL, operation, input) as Promise<Result<unknown>>,
} satisfies ApiBridge;

contextBridge.exposeInMainWorld('api', api);
