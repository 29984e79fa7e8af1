/**
 * What `npm run dist` installs: packaged with electron-builder (`--dir`, a stand-in Electron folder,
 * since the binary cannot be downloaded here), the asar is listed and then extracted outside the
 * repository, and its main bundle is started against the fake `electron` module with nothing but
 * what was packed, so a module the package lacks fails here rather than on a user's machine.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractAll, listPackage } from '@electron/asar';
import { PDF_FONT_FAMILIES } from '../../../db/reports/pdf/fonts';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { FuseState } from '@electron/fuses/dist/constants';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativeBindingPath } from '../../../electron/app/native-binding';
import { REPO_ROOT } from '../../../electron/web/start';
import { packedModules } from '../../../scripts/packed-modules.mjs';
import { runFakeElectron } from './fake-electron';
import { writeStandInElectron } from './stand-in-electron';

let work: string;
let asar: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ledgerline-package-'));
  const electronDist = join(work, 'electron-dist');
  writeStandInElectron(electronDist);
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-electron.mjs')], { cwd: REPO_ROOT });
  execFileSync(
    process.execPath,
    [
      join(REPO_ROOT, 'node_modules', 'electron-builder', 'cli.js'),
      '--config',
      'electron-builder.config.mjs',
      '--linux',
      '--dir',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${join(work, 'out')}`,
    ],
    { cwd: REPO_ROOT, stdio: 'pipe' },
  );
  asar = join(work, 'out', 'linux-unpacked', 'resources', 'app.asar');
  // Packaging copies the app and runs electron-builder's dependency scan: tens of seconds.
}, 240_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('the packaged app', () => {
  it('has its fuses flipped: no Node mode, no NODE_OPTIONS or --inspect, the app only from a verified asar, encrypted cookies', async () => {
    const wire = await getCurrentFuseWire(join(work, 'out', 'linux-unpacked', 'ledgerline'));
    expect({
      runAsNode: wire[FuseV1Options.RunAsNode],
      cookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
      nodeOptions: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      inspect: wire[FuseV1Options.EnableNodeCliInspectArguments],
      asarIntegrity: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
      onlyAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
      fileProtocolPrivileges: wire[FuseV1Options.GrantFileProtocolExtraPrivileges],
    }).toEqual({
      runAsNode: FuseState.DISABLE,
      cookieEncryption: FuseState.ENABLE,
      nodeOptions: FuseState.DISABLE,
      inspect: FuseState.DISABLE,
      asarIntegrity: FuseState.ENABLE,
      onlyAsar: FuseState.ENABLE,
      fileProtocolPrivileges: FuseState.DISABLE,
    });
  });

  it('carries the update configuration electron-updater reads (app-update.yml with its provider)', () => {
    const config = readFileSync(join(work, 'out', 'linux-unpacked', 'resources', 'app-update.yml'), 'utf8');
    expect(config).toContain('provider: generic');
  });

  it('carries every module the main bundle leaves external, and no source maps or unbundled dependencies', () => {
    const files = listPackage(asar, { isPack: false }).map((path) => path.replaceAll('\\', '/'));
    const shipped = new Set(files.filter((path) => path.startsWith('/node_modules/')).map((path) => path.split('/').slice(2, path.split('/')[2]?.startsWith('@') === true ? 4 : 3).join('/')));
    for (const name of packedModules(REPO_ROOT)) expect(shipped, name).toContain(name);
    expect(shipped).toContain('@node-rs/argon2');
    expect(shipped).toContain('@electric-sql/pglite');
    expect(files).toContain('/dist-electron/main.cjs');
    expect(files.filter((path) => path.endsWith('.map'))).toEqual([]);
    // The PDFs' fonts and their licences, and none of the packages' other weights.
    for (const family of Object.values(PDF_FONT_FAMILIES)) {
      const faces = new Set<string>([family.regular, 'bold' in family ? family.bold : family.regular]);
      for (const file of [...faces, 'LICENSE_FONT']) expect(files).toContain(`/node_modules/${family.package}/${file}`);
      expect(files.filter((path) => path.startsWith(`/node_modules/${family.package}/`) && path.endsWith('.ttf'))).toHaveLength(faces.size);
    }
    // Bundled into main.cjs or the renderer: never shipped twice.
    for (const bundled of ['react', 'fastify', 'kysely', '@mui/material', '@fastify/rate-limit']) expect(shipped).not.toContain(bundled);
  });

  it('starts from the extracted package alone: the built-in server signs the demo collector in and the worklist answers', () => {
    const app = join(work, 'app');
    extractAll(asar, app);
    // The Electron build of better-sqlite3 cannot be made here; the fake Electron is plain Node.
    const binding = nativeBindingPath({ isPackaged: false, appPath: app, resourcesPath: '', electronVersion: '45.4.1', platform: process.platform, arch: process.arch });
    mkdirSync(join(binding, '..'), { recursive: true });
    copyFileSync(join(REPO_ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), binding);
    const report = runFakeElectron({ bundle: join(app, 'dist-electron', 'main.cjs'), appPath: app, dataDir: join(work, 'data'), sync: 'embedded', cwd: app });
    expect(report.dialogs).toEqual([]);
    expect(report.exitCode).toBeNull();
    expect(report.calls.sync).toMatchObject({ ok: true, value: { state: 'idle', server: { embedded: true }, user: { username: 'jordan.reyes' } } });
    expect((report.calls.page?.value?.rows as unknown[]).length).toBe(3);
    // A first start creates the built-in server's database: seconds on a busy machine.
  }, 180_000);
});
