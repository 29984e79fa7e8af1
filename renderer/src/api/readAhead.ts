/**
 * Reads an account ahead of the collector: the worklist's selected customer is read while the
 * browser is idle, so Enter (the account) and `l` (the quick log) find it already there. A read is
 * used only for the data version it was made in (a command or a sync since then means read again)
 * and for a short time, a failed one never, and only the last few are kept.
 */
import type { OperationOutput } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import { currentDataVersion } from '../collector/dataVersion';
import { api } from './client';

type Account = OperationOutput<'customer.account'>;

export const READ_AHEAD_KEEP_MS = 10_000;
export const READ_AHEAD_KEPT = 3;

interface Ahead<T> {
  readonly version: number;
  readonly at: number;
  readonly answer: Promise<Result<T>>;
}

export interface ReadAhead<T> {
  /** Starts reading `id` unless a fresh read is already there or under way. */
  readonly ahead: (id: string) => void;
  /** The fresh read ahead when there is one and it succeeded, else a new read. */
  readonly read: (id: string) => Promise<Result<T>>;
}

export function createReadAhead<T>(load: (id: string) => Promise<Result<T>>, version: () => number, now: () => number): ReadAhead<T> {
  const kept = new Map<string, Ahead<T>>();
  const fresh = (entry: Ahead<T> | undefined): entry is Ahead<T> => entry !== undefined && entry.version === version() && now() - entry.at < READ_AHEAD_KEEP_MS;
  return {
    ahead(id) {
      if (fresh(kept.get(id))) return;
      kept.delete(id);
      kept.set(id, { version: version(), at: now(), answer: load(id) });
      for (const oldest of kept.keys()) {
        if (kept.size <= READ_AHEAD_KEPT) break;
        kept.delete(oldest);
      }
    },
    async read(id) {
      const entry = kept.get(id);
      if (fresh(entry)) {
        const answer = await entry.answer;
        if (answer.ok) return answer;
        kept.delete(id);
      }
      return load(id);
    },
  };
}

const accounts = createReadAhead<Account>((customerId) => api['customer.account']({ customerId }), currentDataVersion, () => performance.now());

export const readAccountAhead = accounts.ahead;
export const readAccount = accounts.read;
