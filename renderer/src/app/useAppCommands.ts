/** Calls `handler` for every command of the desktop app's menu while mounted; always the latest handler. */
import { useEffect, useEffectEvent } from 'react';
import type { AppCommand } from '../../../shared/api/app-commands';
import { onAppCommand } from '../api/client';

export function useAppCommands(handler: (command: AppCommand) => void): void {
  const onCommand = useEffectEvent(handler);
  useEffect(
    () =>
      onAppCommand((command) => {
        onCommand(command);
      }),
    [],
  );
}
