/** Runs a bundled main process against the fake `electron` module of fixtures/fake-electron-main.cjs. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface Report {
  events: string[];
  windows: { options: { webPreferences: Record<string, unknown> }; url?: string }[];
  dialogs: { title?: string; detail?: string; buttons?: string[] }[];
  exitCode: number | null;
  privileged: { scheme: string; privileges: Record<string, boolean> }[];
  protocols: string[];
  permissionAnswers: [string, boolean][];
  calls: Record<string, { ok: boolean; value?: Record<string, unknown>; error?: { code: string } } | undefined>;
  channels: string[];
  appEvents: string[];
  /** The application menu, flattened: each entry's role (where it has one) and label. */
  menu: string[];
  /** Every menu set, in order: the start's, then one per change of language. */
  menus: string[][];
}

export interface FakeElectronRun {
  readonly bundle: string;
  readonly appPath: string;
  readonly dataDir: string;
  readonly sync: 'embedded' | 'off';
  /** LEDGERLINE_SETUP: `demo` (the default here) starts the demo at once, `ask` leaves the first start's choice open. */
  readonly setup?: 'ask' | 'demo';
  /** Where the process runs: the bundle resolves its externals from the node_modules around it. */
  readonly cwd: string;
  /** An interface language the page saves (`prefs.set`) after its first calls. */
  readonly saveLanguage?: string;
}

export function runFakeElectron(run: FakeElectronRun): Report {
  const result = spawnSync(process.execPath, [join(__dirname, 'fixtures', 'fake-electron-main.cjs'), run.bundle, run.appPath, run.dataDir], {
    cwd: run.cwd,
    env: { ...process.env, LEDGERLINE_CLOCK: '2026-11-23T09:00:00Z', LEDGERLINE_DATA_DIR: '', LEDGERLINE_SYNC: run.sync, LEDGERLINE_SETUP: run.setup ?? 'demo', LEDGERLINE_FAKE_LANGUAGE: run.saveLanguage ?? '', NODE_PATH: '' },
    encoding: 'utf8',
    timeout: 150_000,
  });
  if (result.status !== 0) throw new Error(`the fake Electron run failed: ${result.stderr}`);
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as Report;
}
