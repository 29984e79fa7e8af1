/**
 * Loads a Result-returning request keyed by `key`. Keeps the last good value while a new key
 * loads (no flicker) and reports `slow` only after 200 ms, so skeletons never flash.
 */
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { ApiError, Result } from '../../../shared/api/result';
import { currentDataVersion } from '../collector/dataVersion';

export const SLOW_AFTER_MS = 200;

export interface QueryState<T> {
  readonly data: T | undefined;
  readonly error: ApiError | undefined;
  /** A request for the current key is still running. */
  readonly loading: boolean;
  /** Loading for longer than SLOW_AFTER_MS. */
  readonly slow: boolean;
  /** The data shown belongs to the current key (not kept over from the previous one). */
  readonly fresh: boolean;
  readonly retry: () => void;
}

interface Settled<T> {
  readonly key: string;
  readonly data: T | undefined;
  readonly error: ApiError | undefined;
  readonly dataKey: string | undefined;
}

/**
 * Requests under way, by key and data version: components that ask for the same key at the same
 * time share one request, never one started before a command or a sync changed the data (not every
 * key carries the version). Only while it runs; nothing is cached.
 */
const underWay = new Map<string, Promise<Result<unknown>>>();

function shared<T>(queryKey: string, run: () => Promise<Result<T>>): Promise<Result<T>> {
  const key = `${queryKey}\u0000${currentDataVersion()}`;
  const running = underWay.get(key) as Promise<Result<T>> | undefined;
  if (running) return running;
  const started = run().finally(() => {
    underWay.delete(key);
  });
  underWay.set(key, started);
  return started;
}

/** `key` names what `run` reads: two uses of the same key must read the same thing. */
export function useQuery<T>(key: string, run: () => Promise<Result<T>>): QueryState<T> {
  const [attempt, setAttempt] = useState(0);
  const fullKey = `${key}\u0000${attempt}`;
  const [settled, setSettled] = useState<Settled<T>>({ key: '', data: undefined, error: undefined, dataKey: undefined });
  const [slowKey, setSlowKey] = useState('');
  const execute = useEffectEvent(run);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      if (live) setSlowKey(fullKey);
    }, SLOW_AFTER_MS);
    // The request starts in a task of its own: starting one costs the main thread a few milliseconds,
    // and a screen's first commit starts several, which inside the commit made it one long task.
    const start = setTimeout(() => {
      void shared(fullKey, execute).then((result) => {
        clearTimeout(timer);
        if (!live) return;
        setSettled((previous) =>
          result.ok
            ? { key: fullKey, data: result.value, error: undefined, dataKey: fullKey }
            : { key: fullKey, data: previous.data, error: result.error, dataKey: previous.dataKey },
        );
      });
    }, 0);
    return () => {
      live = false;
      clearTimeout(timer);
      clearTimeout(start);
    };
  }, [fullKey]);

  const retry = useCallback(() => {
    setAttempt((n) => n + 1);
  }, []);
  const loading = settled.key !== fullKey;
  return {
    data: settled.data,
    error: loading ? undefined : settled.error,
    loading,
    slow: loading && slowKey === fullKey,
    fresh: settled.dataKey === fullKey,
    retry,
  };
}
