/**
 * A snapshot is read page by page, each page asked for with the cursor of the one before. So that
 * the server reads the next page while the client writes this one, answering a snapshot page that
 * has more starts reading the next page at once; it is kept a short while for the request that
 * will ask for it. That is the same as the client asking a moment earlier: every page is its own
 * consistent read either way (docs/SYNC.md, Pull). The page is kept under the caller's id, role
 * and team, so a change of scope in between reads afresh, and the request is authenticated as
 * always before anything kept is handed out.
 */
import type { Principal } from '../auth/principal';
import type { PulledJson, PullOptions } from './pull';

export interface PageRequest extends PullOptions {
  readonly cursor: string | null;
  readonly limit: number;
}

export type ReadPage = (principal: Principal, request: PageRequest) => Promise<PulledJson>;

export interface SnapshotReadAhead {
  /** The page as JSON text: read ahead already, or read now. */
  pull(principal: Principal, request: PageRequest): Promise<string>;
  /** Stops reading ahead and waits for reads under way (before the database closes). */
  close(): Promise<void>;
}

export interface ReadAheadOptions {
  /** Pages kept at most; the oldest goes first (default 16: a page is a few megabytes). */
  readonly maxPages?: number;
  /** A page nobody asked for within this time is dropped (default 30 s). */
  readonly keepMs?: number;
  readonly now?: () => number;
}

interface KeptPage {
  readonly page: Promise<PulledJson>;
  readonly at: number;
}

const keyOf = (principal: Principal, cursor: string, request: PageRequest): string =>
  JSON.stringify([principal.userId, principal.role, principal.teamId, cursor, request.limit, request.snapshotRuns === true, request.withAttachments !== false]);

export function createSnapshotReadAhead(read: ReadPage, options: ReadAheadOptions = {}): SnapshotReadAhead {
  const maxPages = options.maxPages ?? 16;
  const keepMs = options.keepMs ?? 30_000;
  const now = options.now ?? Date.now;
  const kept = new Map<string, KeptPage>();
  const underway = new Set<Promise<unknown>>();
  let closed = false;

  function dropStale(): void {
    for (const [key, entry] of kept) if (now() - entry.at > keepMs) kept.delete(key);
  }

  function readAhead(principal: Principal, cursor: string, request: PageRequest): void {
    if (closed) return;
    dropStale();
    while (kept.size >= maxPages) {
      const oldest = kept.keys().next();
      if (oldest.done === true) break;
      kept.delete(oldest.value);
    }
    const page = read(principal, { cursor, limit: request.limit, snapshotRuns: request.snapshotRuns === true, withAttachments: request.withAttachments !== false });
    const settled = page.then(
      () => undefined,
      () => undefined,
    );
    underway.add(settled);
    void settled.then(() => underway.delete(settled));
    kept.set(keyOf(principal, cursor, request), { page, at: now() });
  }

  async function takeKept(principal: Principal, request: PageRequest): Promise<PulledJson | null> {
    if (request.cursor === null) return null;
    dropStale();
    const key = keyOf(principal, request.cursor, request);
    const entry = kept.get(key);
    if (entry === undefined) return null;
    kept.delete(key);
    // A read ahead that failed is simply read again, now, and fails or not in the request's own right.
    return entry.page.catch(() => null);
  }

  return {
    async pull(principal, request) {
      const page = (await takeKept(principal, request)) ?? (await read(principal, request));
      if (page.nextSnapshotCursor !== null) readAhead(principal, page.nextSnapshotCursor, request);
      return page.json;
    },
    async close() {
      closed = true;
      kept.clear();
      await Promise.all(underway);
    },
  };
}
