/**
 * Runs one command from a button or a small form: remembers the error to show, blocks double
 * submits, and tells the rest of the app that data changed.
 */
import { useState } from 'react';
import type { ApiError, Result } from '../../../shared/api/result';
import { dataChanged } from './dataVersion';

export interface Command {
  readonly busy: boolean;
  readonly error: ApiError | null;
  /** True when the command succeeded. */
  readonly run: <T>(execute: () => Promise<Result<T>>) => Promise<boolean>;
  readonly reset: () => void;
}

export function useCommand(): Command {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  return {
    busy,
    error,
    reset: () => {
      setError(null);
    },
    run: async (execute) => {
      if (busy) return false;
      setBusy(true);
      setError(null);
      const result = await execute();
      setBusy(false);
      if (!result.ok) {
        setError(result.error);
        return false;
      }
      dataChanged();
      return true;
    },
  };
}
