// The desktop path (`npm start`, `npm run dist`) runs Electron 45's tooling, which needs Node 22.12
// or newer; the tests and dev:web run on Node 20.19. Says so plainly instead of failing somewhere
// inside @electron/rebuild or electron-builder.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const REQUIRED = { major: 22, minor: 12 };
if (major < REQUIRED.major || (major === REQUIRED.major && minor < REQUIRED.minor)) {
  process.stderr.write(
    `Ledgerline's desktop app (npm start, npm run dist) needs Node ${REQUIRED.major}.${REQUIRED.minor} or newer for Electron 45; this is Node ${process.versions.node}.\n` +
      'Install a newer Node (for example with nvm), or use the browser mode on this Node: npm run dev:web\n',
  );
  process.exit(1);
}
