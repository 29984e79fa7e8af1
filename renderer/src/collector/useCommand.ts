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
  /** The field `field` was edited: an error about it no longer describes what is on screen. */
  readonly fieldChanged: (field: string) => void;
}

/** True when the server's error points at `field` (or at a part of it, such as `items.0`). */
export const errorIsAbout = (error: ApiError | null | undefined, field: string): boolean =>
  error?.field !== undefined && (error.field === field || error.field.startsWith(`${field}.`));

export function useCommand(): Command {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  return {
    busy,
    error,
    reset: () => {
      setError(null);
    },
    fieldChanged: (field) => {
      setError((previous) => (errorIsAbout(previous, field) ? null : previous));
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
