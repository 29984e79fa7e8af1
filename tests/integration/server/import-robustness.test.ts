/**
 * Issue 13: the import takes the app's one text rule (refused rows are reported, never a 500),
 * reads an export's CR LF as LF, and finds no preset in Object.prototype.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../server/import/types';
import { BACKENDS } from './support/backends';
import { bearer, login, seedUser, startHarness, type Harness } from './support/harness';

describe.each(BACKENDS)('import robustness on %s', (kind) => {
  let h: Harness;
  let token = '';
  const post = (payload: unknown) => h.app.inject({ method: 'POST', url: '/v1/import', headers: bearer(token), payload: payload as Record<string, unknown> });
  const customerNames = async () => (await h.testDb.db.selectFrom('customers').select(['erp_key', 'name']).orderBy('erp_key').execute()).map((row) => [row.erp_key, row.name]);

  beforeAll(async () => {
    h = await startHarness(kind);
    token = (await login(h, (await seedUser(h, 'admin')).username)).accessToken;
  });
  afterAll(() => h.dispose());

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('answers the preset %j 400 on preset', async (preset) => {
    const response = await post({ format: 'csv', preset, content: 'a,b\n1,2\n' });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { code: string; field: string } }>().error).toMatchObject({ code: 'validation', field: 'preset' });
  });

  it.each([
    ['a NUL', 'Null\u0000 GmbH', 'control character'],
    ['a bidi override', 'Evil \u202Eknil.exe', 'bidirectional'],
    ['a lone surrogate', 'Broken \uDC00 Ltd', 'unpaired UTF-16 surrogate'],
  ])('reports a JSON record whose name has %s and commits nothing', async (_label, name, reason) => {
    const before = await customerNames();
    const response = await post({ format: 'json', entity: 'customers', records: [{ key: 'OK-1', name: 'Fine Ltd', country: 'DE', currency: 'EUR' }, { key: 'BAD-1', name, country: 'DE', currency: 'EUR' }] });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<ImportReport>();
    expect(report.committed).toBe(false);
    expect(report.rejected).toEqual([{ entity: 'customers', line: 2, column: 'name', value: name, reason: expect.stringContaining(reason) as unknown }]);
    expect(await customerNames()).toEqual(before);
  });

  it('refuses control characters in a CSV cell but reads a quoted CR LF as a line feed', async () => {
    const mapping = { columns: { key: 'Key', name: 'Name', country: 'Country', currency: 'Currency' } };
    const bad = await post({ format: 'csv', entity: 'customers', mapping, content: 'Key,Name,Country,Currency\r\nCSV-1,"Tab\u0007Bell",DE,EUR\r\n' });
    expect(bad.json<ImportReport>()).toMatchObject({ committed: false, rejected: [{ line: 2, column: 'Name', reason: expect.stringContaining('control character') as unknown }] });
    const good = await post({ format: 'csv', entity: 'customers', mapping, content: 'Key,Name,Country,Currency\r\nCSV-2,"Two\r\nLines",DE,EUR\r\n' });
    expect(good.json<ImportReport>()).toMatchObject({ committed: true, rejected: [] });
    expect(await customerNames()).toContainEqual(['CSV-2', 'Two\nLines']);
  });
});
