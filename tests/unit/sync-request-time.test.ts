import { describe, expect, it } from 'vitest';
import { requestTimeoutMs } from '../../electron/sync/transport';

describe('requestTimeoutMs', () => {
  it('keeps the usual limit for the usual request', () => {
    expect(requestTimeoutMs(60_000, 0)).toBe(60_000);
    expect(requestTimeoutMs(60_000, 200_000)).toBe(60_000);
  });

  it('gives a request with a file the time a slow line (256 kbit/s) needs to carry it', () => {
    const fileAsBase64 = Math.ceil((5 * 1024 * 1024 * 4) / 3);
    // 6.7 MB at 32 KiB/s: about 213 s, not the 60 s that would fail it on every sync.
    expect(requestTimeoutMs(60_000, fileAsBase64)).toBe(Math.ceil((fileAsBase64 / (32 * 1024)) * 1000));
    expect(requestTimeoutMs(60_000, fileAsBase64)).toBeGreaterThan(200_000);
  });

  it('grows with the bytes and never falls below the usual limit', () => {
    let previous = 0;
    for (let bytes = 0; bytes <= 16 * 1024 * 1024; bytes += 1024 * 1024) {
      const limit = requestTimeoutMs(30_000, bytes);
      expect(limit).toBeGreaterThanOrEqual(Math.max(30_000, previous));
      previous = limit;
    }
  });
});
