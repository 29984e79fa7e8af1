/** Exponential backoff with jitter: retries spread out, so clients that failed together do not return together. */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

/**
 * The wait before retry number `failures` (1 for the first): base·2^(n−1), capped, of which a
 * random half is kept ("equal jitter": never less than half, so a struggling server is not hit
 * again at once). A server's Retry-After is a floor.
 */
export function backoffDelay(policy: BackoffPolicy, failures: number, random: () => number, retryAfterMs: number | null = null): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
