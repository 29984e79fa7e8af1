import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PORT, portFromEnv } from '../../../electron/web/dev-web';
import { isRendererBuildStale } from '../../../electron/web/renderer-build';
import { checkApiRequest, checkLoopbackRequest } from '../../../server/http/loopback-guard';

describe('checkApiRequest', () => {
  const allowed = { allowed: true };

  it('accepts same-origin calls on every loopback name', () => {
    for (const host of ['127.0.0.1:5174', 'localhost:5174', '[::1]:5174']) {
      expect(checkApiRequest({ host, origin: `http://${host}`, secFetchSite: 'same-origin' }), host).toEqual(allowed);
    }
    expect(checkApiRequest({ host: '127.0.0.1:5174', origin: undefined, secFetchSite: undefined })).toEqual(allowed);
  });

  it('refuses other origins, other sites and non-loopback hosts', () => {
    const refused = [
      { host: '127.0.0.1:5174', origin: 'http://evil.example', secFetchSite: undefined },
      { host: '127.0.0.1:5174', origin: 'null', secFetchSite: undefined },
      { host: '127.0.0.1:5174', origin: 'https://127.0.0.1:5174', secFetchSite: undefined },
      { host: '127.0.0.1:5174', origin: undefined, secFetchSite: 'same-site' },
      { host: '127.0.0.1:5174', origin: undefined, secFetchSite: 'cross-site' },
      { host: 'evil.example:5174', origin: 'http://evil.example:5174', secFetchSite: 'same-origin' },
      { host: '192.168.1.10:5174', origin: undefined, secFetchSite: undefined },
      { host: undefined, origin: undefined, secFetchSite: undefined },
      { host: 'bad host', origin: undefined, secFetchSite: undefined },
    ];
    for (const facts of refused) expect(checkApiRequest(facts).allowed, JSON.stringify(facts)).toBe(false);
  });
});

describe('checkLoopbackRequest for the built-in sync server', () => {
  it('takes plain requests on a loopback name, as the sync engine sends them', () => {
    for (const host of ['127.0.0.1:8787', 'localhost:8787', '[::1]:8787']) expect(checkLoopbackRequest({ host, origin: undefined, secFetchSite: undefined }, false)).toEqual({ allowed: true });
  });

  it('refuses any browser page, its own origin included, and a rebound host', () => {
    const refused = [
      { host: '127.0.0.1:8787', origin: 'http://127.0.0.1:8787', secFetchSite: 'same-origin' },
      { host: '127.0.0.1:8787', origin: undefined, secFetchSite: 'none' },
      { host: '127.0.0.1:8787', origin: 'http://evil.example', secFetchSite: undefined },
      { host: 'rebind.attacker.example:8787', origin: undefined, secFetchSite: undefined },
    ];
    for (const facts of refused) expect(checkLoopbackRequest(facts, false).allowed, JSON.stringify(facts)).toBe(false);
  });
});

describe('portFromEnv', () => {
  it('defaults to 5174 and accepts 0 for any free port', () => {
    expect(portFromEnv(undefined)).toBe(DEFAULT_PORT);
    expect(portFromEnv('')).toBe(DEFAULT_PORT);
    expect(portFromEnv('0')).toBe(0);
    expect(portFromEnv('8080')).toBe(8080);
  });

  it('refuses values that are not ports', () => {
    for (const value of ['http', '-1', '65536', '80.5']) expect(() => portFromEnv(value), value).toThrow(RangeError);
  });
});

describe('isRendererBuildStale', () => {
  let repo: string;
  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'ledgerline-stale-'));
    mkdirSync(join(repo, 'renderer', 'src'), { recursive: true });
    mkdirSync(join(repo, 'dist', 'renderer'), { recursive: true });
    writeFileSync(join(repo, 'renderer', 'src', 'main.tsx'), 'x');
  });
  afterEach(() => {
    rmSync(repo, { recursive: true, force: true });
  });

  const touch = (path: string, secondsAgo: number) => {
    const time = new Date(Date.now() - secondsAgo * 1000);
    utimesSync(path, time, time);
  };

  it('is stale without a build, or when a source is newer than it', () => {
    const staticRoot = join(repo, 'dist', 'renderer');
    expect(isRendererBuildStale(repo, staticRoot)).toBe(true);
    writeFileSync(join(staticRoot, 'index.html'), '<!doctype html>');
    touch(join(repo, 'renderer', 'src', 'main.tsx'), 100);
    touch(join(repo, 'renderer', 'src'), 100);
    touch(join(repo, 'renderer'), 100);
    touch(join(staticRoot, 'index.html'), 10);
    expect(isRendererBuildStale(repo, staticRoot)).toBe(false);
    touch(join(repo, 'renderer', 'src', 'main.tsx'), 1);
    expect(isRendererBuildStale(repo, staticRoot)).toBe(true);
  });
});
