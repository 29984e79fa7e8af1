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
  // Code shared with the ESM side finds files next to it through import.meta.url (the PDF fonts):
  // in the CommonJS bundle that is the bundle's own file.
  banner: { js: "const __bundle_url = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__bundle_url' },
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist-electron/main.cjs' }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist-electron/preload.cjs' }),
]);
