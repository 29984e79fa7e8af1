import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DEPLOYMENT, DEPLOYMENT_FILE, deploymentFolders, readDeployment } from '../../../electron/app/deployment';
import { createMemoryLogger } from '../../../electron/app/memory-logger';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledgerline-deployment-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('deployment settings', () => {
  it('are looked for where only an administrator can write, never in the user\'s data folder', () => {
    expect(deploymentFolders('linux', '/opt/Ledgerline/resources')).toEqual(['/etc/ledgerline', '/opt/Ledgerline/resources']);
    expect(deploymentFolders('darwin', '/Applications/Ledgerline.app/Contents/Resources')).toEqual(['/Library/Application Support/Ledgerline', '/Applications/Ledgerline.app/Contents/Resources']);
    expect(deploymentFolders('win32', 'C:\\Program Files\\Ledgerline\\resources')).toEqual(['C:\\Program Files\\Ledgerline\\resources']);
  });

  it('come from the first folder that has the file', () => {
    const second = mkdtempSync(join(tmpdir(), 'ledgerline-deployment-second-'));
    try {
      writeFileSync(join(second, DEPLOYMENT_FILE), JSON.stringify({ trustedLinkHosts: ['second.example'] }));
      expect(readDeployment([dir, second], createMemoryLogger())).toEqual({ trustedLinkHosts: ['second.example'] });
      writeFileSync(join(dir, DEPLOYMENT_FILE), JSON.stringify({ trustedLinkHosts: ['first.example'] }));
      expect(readDeployment([dir, second], createMemoryLogger())).toEqual({ trustedLinkHosts: ['first.example'] });
    } finally {
      rmSync(second, { recursive: true, force: true });
    }
  });

  it('default to no trusted hosts and no update feed when IT rolled out none', () => {
    const log = createMemoryLogger();
    expect(readDeployment([dir], log)).toEqual(DEFAULT_DEPLOYMENT);
    expect(log.entries).toEqual([]);
  });

  it('read the trusted link hosts and the update feed', () => {
    writeFileSync(join(dir, DEPLOYMENT_FILE), JSON.stringify({ trustedLinkHosts: ['erp.acme.example', 'acme.example'], updateFeedUrl: 'https://updates.acme.example/ledgerline/' }));
    expect(readDeployment([dir], createMemoryLogger())).toEqual({ trustedLinkHosts: ['erp.acme.example', 'acme.example'], updateFeedUrl: 'https://updates.acme.example/ledgerline/' });
  });

  it('are ignored as a whole, with the field at fault in the log, when damaged', () => {
    const cases: [string, RegExp][] = [
      ['{ not json', /not JSON/],
      [JSON.stringify({ trustedLinkHosts: ['erp.acme.example', 'https://evil.example/'] }), /refused/],
      [JSON.stringify({ trustedLinkHosts: 'acme.example' }), /refused/],
      [JSON.stringify({ updateFeedUrl: 'https://updates.acme.example/', autoInstall: true }), /refused/],
      [JSON.stringify(['acme.example']), /refused/],
    ];
    for (const [text, message] of cases) {
      writeFileSync(join(dir, DEPLOYMENT_FILE), text);
      const log = createMemoryLogger();
      expect(readDeployment([dir], log), text).toEqual(DEFAULT_DEPLOYMENT);
      expect(log.entries[0]?.level, text).toBe('error');
      expect(log.entries[0]?.message, text).toMatch(message);
    }
    writeFileSync(join(dir, DEPLOYMENT_FILE), JSON.stringify({ trustedLinkHosts: ['ok.example', 'https://evil.example/'] }));
    const log = createMemoryLogger();
    readDeployment([dir], log);
    expect(log.entries[0]?.details?.problems).toEqual(['trustedLinkHosts.1: must be a host name such as erp.example.com']);
  });
});
