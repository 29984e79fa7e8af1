// Builds better-sqlite3 for the installed Electron into .electron-native/electron-<v>-<platform>-<arch>/
// without touching node_modules/better-sqlite3/build (the Node build tests and dev:web use).
// The package is copied to a temporary folder; there prebuild-install fetches the matching
// prebuilt binary, and node-gyp compiles it against Electron's headers if none exists.
// Usage: node scripts/electron-native.mjs [--force] [--electron-version V] [--arch A]
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronNativeFile, NATIVE_FILE } from './native-paths.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};

const readVersion = (packageDir) => JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
const electronVersion = option('--electron-version') ?? readVersion(join(root, 'node_modules', 'electron'));
const platform = process.platform;
const arch = option('--arch') ?? process.arch;
const target = electronNativeFile(root, electronVersion, platform, arch);

function say(message) {
  process.stdout.write(`electron-native: ${message}\n`);
}

function run(command, commandArgs, cwd) {
  const result = spawnSync(process.execPath, [command, ...commandArgs], { cwd, stdio: 'inherit', env: process.env });
  return result.status === 0;
}

if (existsSync(target) && !args.includes('--force')) {
  say(`up to date: ${target}`);
  process.exit(0);
}

const source = join(root, 'node_modules', 'better-sqlite3');
const work = mkdtempSync(join(tmpdir(), 'ledgerline-native-'));
const copy = join(work, 'better-sqlite3');
try {
  say(`building better-sqlite3 ${readVersion(source)} for Electron ${electronVersion} (${platform}-${arch})`);
  cpSync(source, copy, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) });
  const prebuilt = run(
    join(root, 'node_modules', 'prebuild-install', 'bin.js'),
    ['--runtime', 'electron', '--target', electronVersion, '--arch', arch, '--platform', platform, '--verbose'],
    copy,
  );
  if (!prebuilt) {
    say('no prebuilt binary; compiling against the Electron headers with node-gyp');
    const compiled = run(
      join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
      ['rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers'],
      copy,
    );
    if (!compiled) throw new Error('node-gyp could not build better-sqlite3 for Electron (see the output above)');
  }
  const built = join(copy, 'build', 'Release', NATIVE_FILE);
  if (!existsSync(built)) throw new Error(`the build finished but ${built} is missing`);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(built, target);
  say(`wrote ${target}`);
} catch (error) {
  process.stderr.write(`electron-native: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
