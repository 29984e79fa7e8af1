// Packaging: `npm run dist` (builds the renderer, bundles main/preload, builds the Electron
// better-sqlite3, then runs electron-builder with this file).
import { fileURLToPath } from 'node:url';
import { packedModules } from './scripts/packed-modules.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * main.cjs and preload.cjs are bundles: node_modules carries only the bundle's externals and what
 * they load (scripts/packed-modules.mjs derives the list), never the rest of dependencies.
 */
// Kept equal to PDF_FONT_FAMILIES in db/reports/pdf/fonts.ts by tests/integration/web/packaged-app.test.ts.
const PDF_FONT_FILES = [
  ['noto-sans', '400Regular/NotoSans_400Regular.ttf', '700Bold/NotoSans_700Bold.ttf'],
  ['noto-sans-arabic', '400Regular/NotoSansArabic_400Regular.ttf', '700Bold/NotoSansArabic_700Bold.ttf'],
  ['noto-sans-hebrew', '400Regular/NotoSansHebrew_400Regular.ttf', '700Bold/NotoSansHebrew_700Bold.ttf'],
  ['noto-sans-sc', '400Regular/NotoSansSC_400Regular.ttf', '700Bold/NotoSansSC_700Bold.ttf'],
  ['noto-sans-symbols-2', '400Regular/NotoSansSymbols2_400Regular.ttf'],
  ['noto-emoji', '400Regular/NotoEmoji_400Regular.ttf'],
].flatMap(([name, ...files]) => [`node_modules/@expo-google-fonts/${name}/{package.json,LICENSE,LICENSE_FONT}`, ...files.map((file) => `node_modules/@expo-google-fonts/${name}/${file}`)]);
const moduleFiles = packedModules(root).map((name) => `node_modules/${name}/**/*`);

export default {
  appId: 'com.ledgerline.workstation',
  productName: 'Ledgerline',
  copyright: 'Copyright © Ledgerline',
  directories: { output: 'release', buildResources: 'build' },
  files: [
    'dist/renderer/**/*',
    'dist-electron/**/*',
    'package.json',
    '!node_modules/**/*',
    ...moduleFiles,
    // node_modules/better-sqlite3/build holds the Node build (for tests); the app never loads it.
    // Its Electron build comes from scripts/electron-native.mjs, shipped outside the asar and
    // passed to better-sqlite3 as `nativeBinding` (electron/app/native-binding.ts computes the path).
    '!node_modules/better-sqlite3/{build,deps,src}/**/*',
    // The fonts the PDFs embed (db/reports/pdf/fonts.ts) and their licences, not the packages' other weights.
    ...PDF_FONT_FILES,
    // Source maps stay with the build for crash analysis; users get none.
    '!**/*.map',
  ],
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  extraResources: [{ from: '.electron-native', to: 'native', filter: ['electron-*-${platform}-${arch}/better_sqlite3.node'] }],
  asar: true,
  // Flipped in the packaged binary (tests/integration/web/packaged-app.test.ts reads them back):
  // the executable cannot be used as a plain Node (ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect),
  // loads the app only from its archive, checks that archive against the hash embedded at build
  // time (macOS and Windows; Linux has no such check) and encrypts its cookie store. The app uses
  // app://, so file:// gets no extra privileges.
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  // Native modules cannot be loaded from inside an asar archive.
  asarUnpack: ['**/*.node'],
  // Writes resources/app-update.yml and latest*.yml beside the installers. The app reads its feed
  // from the deployment (electron/update/update-feed.ts); this file gives electron-updater the
  // publisher names a Windows update's signature must carry (LEDGERLINE_WIN_PUBLISHER, the
  // signing certificate's subject), without which it could not check them. docs/RELEASE.md.
  publish: [{ provider: 'generic', url: process.env.LEDGERLINE_UPDATE_URL ?? 'https://updates.ledgerline.invalid/desktop/' }],
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    maintainer: 'Ledgerline maintainers <maintainers@ledgerline.invalid>',
    synopsis: 'Accounts-receivable collection workstation',
    icon: 'build/icon.png',
  },
  deb: { depends: ['libnss3', 'libgtk-3-0', 'libxss1', 'libasound2'] },
  win: {
    target: ['nsis'],
    icon: 'build/icon.png',
    ...(process.env.LEDGERLINE_WIN_PUBLISHER ? { signtoolOptions: { publisherName: [process.env.LEDGERLINE_WIN_PUBLISHER] } } : {}),
  },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
  mac: { target: ['dmg'], category: 'public.app-category.business', icon: 'build/icon.png', hardenedRuntime: true },
};
