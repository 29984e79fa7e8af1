/**
 * The worklist as a sparse array: the first page loads with the query, further pages load on
 * demand by offset as the table scrolls, so 20,000 customers cost only what is on screen.
 * The previous query's rows stay visible until the new first page arrives (no flicker).
 */
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../shared/api/result';
import { api } from '../api/client';
import { SLOW_AFTER_MS } from '../api/useQuery';
import { pageInput, takeFirstPage, type WorklistQuery } from './firstPageAhead';
import { PAGE_SIZE } from './pageSize';
import { indexIn, pagesToRead, withPage, type Loaded, type WorklistRow } from './loadedPages';

export type { WorklistRow } from './loadedPages';

export interface WorklistPages {
  readonly total: number;
  readonly asOf: string | undefined;
  /** Which query the rows shown answer (a new query's first page replaces them): what a test or benchmark waits for. */
  readonly shownKey: string | undefined;
  readonly rowAt: (index: number) => WorklistRow | undefined;
  /** The index of a customer among the rows loaded so far, or undefined when none of them is theirs. */
  readonly indexOf: (customerId: string) => number | undefined;
  /** Ask for the rows in [start, end] (inclusive); loads missing pages. */
  readonly ensure: (start: number, end: number) => void;
  readonly loaded: boolean;
  /** The current query is still loading (older rows may be shown). */
  readonly loading: boolean;
  readonly slow: boolean;
  readonly error: ApiError | undefined;
  readonly retry: () => void;
}

export function useWorklistPages(query: WorklistQuery): WorklistPages {
  const [attempt, setAttempt] = useState(0);
  const key = `${JSON.stringify(query)}#${attempt}`;
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [failure, setFailure] = useState<{ key: string; error: ApiError } | undefined>();
  const [slowKey, setSlowKey] = useState('');
  const inFlight = useRef(new Set<string>());
  const queryRef = useRef(query);
  const keyRef = useRef(key);

  const fetchPage = useCallback((forKey: string, forQuery: WorklistQuery, page: number) => {
    const flightKey = `${forKey}@${page}`;
    if (inFlight.current.has(flightKey)) return;
    inFlight.current.add(flightKey);
    const input = pageInput(forQuery, page);
    void ((page === 0 ? takeFirstPage(input) : undefined) ?? api['worklist.query'](input)).then((result) => {
      inFlight.current.delete(flightKey);
      // A query typed over (the search at every keystroke) answers too late to matter: drop it.
      if (forKey !== keyRef.current) return;
      if (!result.ok) {
        setFailure({ key: forKey, error: result.error });
        return;
      }
      const { rows, total, asOf } = result.value;
      setFailure((previous) => (previous?.key === forKey ? undefined : previous));
      // The rows render in a transition: a key pressed meanwhile is handled first.
      startTransition(() => {
        setLoaded((previous) => withPage(previous, forKey, page, { rows, total, asOf }));
      });
    });
  }, []);

  useEffect(() => {
    queryRef.current = query;
    keyRef.current = key;
    fetchPage(key, query, 0);
    const timer = setTimeout(() => {
      setSlowKey(key);
    }, SLOW_AFTER_MS);
    return () => {
      clearTimeout(timer);
    };
    // query is fully described by key
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, fetchPage]);

  const current = loaded?.key === key ? loaded : undefined;
  const ensure = useCallback(
    (start: number, end: number) => {
      if (!current) return;
      for (const page of pagesToRead(current, start, end)) fetchPage(current.key, queryRef.current, page);
    },
    [current, fetchPage],
  );

  const rowAt = useCallback(
    (index: number) => loaded?.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [loaded],
  );
  const indexOf = useCallback((customerId: string) => (loaded === undefined ? undefined : indexIn(loaded, customerId)), [loaded]);
  const retry = useCallback(() => {
    setAttempt((n) => n + 1);
  }, []);

  const loading = current === undefined && failure?.key !== key;
  return {
    total: loaded?.total ?? 0,
    asOf: loaded?.asOf,
    shownKey: loaded?.key,
    rowAt,
    indexOf,
    ensure,
    loaded: loaded !== undefined,
    loading,
    slow: loading && slowKey === key,
    error: failure?.key === key ? failure.error : undefined,
    retry,
  };
}
