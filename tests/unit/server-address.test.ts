import { describe, expect, it } from 'vitest';
import { SignInSchema } from '../../shared/api/sync-contract';
import { isAcceptedServerAddress, SERVER_ADDRESS_RULE } from '../../shared/api/server-address-schema';

describe('the sync server address', () => {
  it('is https, or plain http on this computer only', () => {
    for (const address of ['https://ledgerline.acme.example', 'https://ledgerline.acme.example:8443/base/', 'http://127.0.0.1:8787', 'http://localhost:8787', 'http://[::1]:8787']) {
      expect(isAcceptedServerAddress(address), address).toBe(true);
    }
    for (const address of ['http://ledgerline.acme.example', 'http://10.0.0.5:8787', 'http://127.0.0.1.nip.io/', 'http://localhost.acme.example/', 'http://ann@evil.example/', 'ftp://ledgerline.acme.example', 'ledgerline.acme.example', '']) {
      expect(isAcceptedServerAddress(address), address).toBe(false);
    }
  });

  it('is refused at sign-in under its field, saying why', () => {
    const parsed = SignInSchema.safeParse({ serverUrl: 'http://ledgerline.acme.example', username: 'ann', password: 'x' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['serverUrl', SERVER_ADDRESS_RULE]]);
    expect(SignInSchema.safeParse({ serverUrl: 'https://ledgerline.acme.example', username: 'ann', password: 'x' }).success).toBe(true);
  });
});
