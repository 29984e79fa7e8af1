// Bundles the Electron main process and preload into dist-electron/ (CommonJS, as Electron's
// sandboxed preload requires). Modules that load files of their own stay external (see
// electron-externals.mjs) and ship in node_modules.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { MAIN_EXTERNALS } from './electron-externals.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
  external: MAIN_EXTERNALS,
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist-electron/main.cjs' }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist-electron/preload.cjs' }),
]);
