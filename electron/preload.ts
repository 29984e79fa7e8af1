/**
 * Runs in the sandboxed preload: exposes exactly one `window.api`, with the typed contract's one
 * call and the application menu's commands. The renderer gets no Electron or Node object, only
 * results of the contract and commands from a fixed list.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { isAppCommand, type AppCommandBridge } from '../shared/api/app-commands';
import type { ApiBridge } from '../shared/api/contract';
import type { Result } from '../shared/api/result';
import { API_INVOKE_CHANNEL, APP_COMMAND_CHANNEL } from './ipc/channel';

const api = {
  invoke: (operation: string, input: unknown) =>
    ipcRenderer.invoke(API_INVOKE_CHANNEL, operation, input) as Promise<Result<unknown>>,
  onCommand: (listener) => {
    const forward = (_event: unknown, command: unknown) => {
      if (isAppCommand(command)) listener(command);
    };
    ipcRenderer.on(APP_COMMAND_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(APP_COMMAND_CHANNEL, forward);
    };
  },
} satisfies ApiBridge & AppCommandBridge;

contextBridge.exposeInMainWorld('api', api);
