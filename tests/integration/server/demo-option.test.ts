import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, readDemoOption } from '../../../server/config';
import { DEMO_PASSWORD, DEMO_USERNAMES } from '../../../server/demo/credentials';

describe('the server’s demo option', () => {
  it('comes from --demo, --demo=, or LEDGERLINE_SERVER_DEMO, the flag winning', () => {
    expect(readDemoOption({}, [])).toBeNull();
    expect(readDemoOption({ LEDGERLINE_SERVER_DEMO: 'large' }, [])).toBe('large');
    expect(readDemoOption({}, ['--demo', 'small'])).toBe('small');
    expect(readDemoOption({}, ['--demo=large'])).toBe('large');
    expect(readDemoOption({ LEDGERLINE_SERVER_DEMO: 'large' }, ['--demo', 'small'])).toBe('small');
  });

  it('rejects an unknown size or argument with a named error', () => {
    expect(() => readDemoOption({ LEDGERLINE_SERVER_DEMO: 'huge' }, [])).toThrow(ConfigError);
    expect(() => readDemoOption({}, ['--demo'])).toThrow(/--demo needs a size/);
    expect(() => readDemoOption({}, ['--demo=tiny'])).toThrow(/--demo or LEDGERLINE_SERVER_DEMO/);
    expect(() => readDemoOption({}, ['--port', '1'])).toThrow(/Unknown argument "--port"/);
  });
});

interface LogLine {
  msg?: string;
  counts?: Record<string, number>;
}

describe('npm run server -- --demo small', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-server-demo-'));
  let child: ChildProcess | undefined;
  afterAll(() => {
    // A failed assertion must not leave a server running.
    if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds the demo into its empty database at start; the demo collector signs in', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, LEDGERLINE_SERVER_DATA_DIR: dataDir, LEDGERLINE_SERVER_PORT: '0' };
    delete env.DATABASE_URL;
    delete env.LEDGERLINE_SERVER_SECRET;
    delete env.LEDGERLINE_SERVER_DEMO;
    const started = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--demo', 'small'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    const lines: LogLine[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      started.once('exit', (code) => {
        reject(new Error(`server exited early with ${String(code)}`));
      });
      createInterface({ input: started.stdout }).on('line', (line) => {
        const entry = JSON.parse(line) as LogLine;
        lines.push(entry);
        const match = /listening at (http:\/\/\S+)/.exec(entry.msg ?? '');
        if (match?.[1] !== undefined) resolve(match[1]);
      });
    });
    expect(lines.find((line) => line.msg?.startsWith('demo portfolio seeded') === true)?.counts?.customers).toBe(60);
    const login = await fetch(`${url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: DEMO_USERNAMES.collector, password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => {
      started.once('exit', resolve);
    });
    started.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 90_000);
});
