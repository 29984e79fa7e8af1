/**
 * The Electron main process: thin glue between Electron and the plain-Node modules beside it
 * (workspace, security policy, IPC binding, window state), which are tested without Electron.
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell } from 'electron';
import { autoUpdater } from 'electron-updater';
import { chromiumLocale } from './app/chromium-locale';
import { clockFromEnv } from './app/clock-from-env';
import { demoServer, type DemoServer } from './app/demo-server';
import { DEFAULT_DEPLOYMENT, deploymentFolders, readDeployment, type Deployment } from './app/deployment';
import { createMainLogger, setMainLogFile } from './app/electron-logger';
import { describeError } from './app/logger';
import { nativeBindingPath } from './app/native-binding';
import { builtInServerPath, databasePath, resolveDataDir } from './app/paths';
import { openWorkspace, type Workspace } from './app/workspace';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, APP_URL } from './bootstrap/app-protocol';
import { openShellSettings } from './bootstrap/electron-settings';
import { applySessionPolicy, registerAppProtocol } from './bootstrap/session-policy';
import { describeStartupError } from './bootstrap/startup-error';
import { bindApi } from './ipc/bind-api';
import { APP_COMMAND_CHANNEL } from './ipc/channel';
import { decideExternalLink } from './security/external-links';
import { isInsideApp } from './security/navigation';
import { hardenContents } from './security/harden';
import { setupFromEnv, SETUP_ENV, syncModeFromEnv, SYNC_ENV } from './app/sync-mode';
import { fileTokenVault, plainCodec, type TokenCodec } from './sync/token-vault';
import { resolveUpdateFeed } from './update/update-feed';
import { startUpdates, type RunningUpdates, type UpdateNotice } from './update/updater';
import { appMenuTemplate } from './window/app-menu';
import { shellLanguage } from './app/shell-language';
import { desktopStrings, type DesktopStrings } from '../shared/i18n/desktop';
import { interfaceLanguage, type InterfaceLanguage } from '../shared/i18n/languages';
import { createMainWindow, focusWindow } from './window/main-window';

const log = createMainLogger('main');
let mainWindow: BrowserWindow | null = null;
let workspace: Workspace | null = null;
/** The demo's built-in sync server (started on the user's choice, in the background while the window opens). */
let demo: DemoServer | null = null;
let deployment: Deployment = DEFAULT_DEPLOYMENT;
let updates: RunningUpdates | null = null;
/** The computer's languages, most preferred first (Chromium's own first, as the page's navigator.languages). */
const systemLanguages = (): string[] => [app.getLocale(), ...app.getPreferredSystemLanguages()];
/** The language setting as the app started; the preferences', read at each use, once the store is open. */
const startSetting = openShellSettings(resolveDataDir(process.env, process.argv, app.getPath('userData'))).preferences.get().language;
let currentLanguage = (): InterfaceLanguage => interfaceLanguage(startSetting, systemLanguages());
/** The menu's and dialogs' words in the interface language of this moment. */
const words = (): DesktopStrings => desktopStrings(currentLanguage());

/** The refresh token sealed with the OS keychain's key; where there is none (a bare Linux session) it is stored plainly, with a warning. */
async function sessionCodec(): Promise<TokenCodec> {
  if (await safeStorage.isAsyncEncryptionAvailable()) {
    return {
      seal: (token) => safeStorage.encryptStringAsync(token),
      open: async (sealed) => (await safeStorage.decryptStringAsync(sealed)).result,
    };
  }
  log.warn('no OS keychain: the sync session is stored unencrypted in the data folder');
  return plainCodec;
}

// Must happen before `ready`: app:// behaves like https (secure context, real origin).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
app.enableSandbox();

function handToSystem(url: string): void {
  shell.openExternal(url).catch((error: unknown) => {
    log.warn('could not open a link in the system browser', { url, ...describeError(error) });
  });
}

/** Mail and phone links and trusted hosts open at once, other web pages after the user agreed, anything else never. */
function openExternally(url: string): void {
  const decision = decideExternalLink(url, deployment.trustedLinkHosts);
  if (decision.kind === 'open') {
    handToSystem(url);
    return;
  }
  if (decision.kind === 'refuse') {
    log.warn('refused to open a link', { url, reason: decision.reason });
    return;
  }
  const text = words().openLink;
  const options = {
    type: 'question' as const,
    buttons: [text.open, text.cancel],
    defaultId: 1,
    cancelId: 1,
    title: text.title,
    message: text.message(decision.host),
    detail: url,
  };
  const asked = mainWindow === null ? dialog.showMessageBox(options) : dialog.showMessageBox(mainWindow, options);
  void asked.then(({ response }) => {
    if (response === 0) handToSystem(url);
  });
}

function tellUser(notice: UpdateNotice): void {
  void dialog.showMessageBox({ type: 'warning', title: notice.title, message: notice.message, detail: notice.detail ?? '', buttons: [words().updates.ok] });
}

async function askToRestart(notice: UpdateNotice): Promise<boolean> {
  const text = words().updates;
  const { response } = await dialog.showMessageBox({ type: 'info', title: notice.title, message: notice.message, detail: notice.detail ?? '', buttons: [text.restartNow, text.later], defaultId: 0, cancelId: 1 });
  return response === 0;
}

app.on('web-contents-created', (_event, contents) => {
  hardenContents(contents, {
    appUrl: APP_URL,
    openExternal: openExternally,
    onBlocked: (what, url) => {
      log.warn(`blocked ${what}`, { url });
    },
  });
});

async function start(): Promise<void> {
  const dataDir = resolveDataDir(process.env, process.argv, app.getPath('userData'));
  setMainLogFile(join(dataDir, 'logs', 'main.log'));
  log.info('starting', { version: app.getVersion(), dataDir });
  const settings = openShellSettings(dataDir);
  // A development run takes its deployment settings from the data folder; it is never updated.
  deployment = readDeployment(app.isPackaged ? deploymentFolders(process.platform, process.resourcesPath) : [dataDir], createMainLogger('deployment'));
  const showMenu = (language: InterfaceLanguage): void => {
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        appMenuTemplate(
          { platform: process.platform, appName: app.getName(), developerTools: !app.isPackaged, language },
          {
            sendCommand: (command) => {
              mainWindow?.webContents.send(APP_COMMAND_CHANNEL, command);
            },
            openLogsFolder: () => {
              void shell.openPath(join(dataDir, 'logs'));
            },
          },
        ),
      ),
    );
  };
  // The page saves a new language through these preferences: the menu follows at once (the dialogs read it when they open).
  const shellWords = shellLanguage(settings.preferences, systemLanguages, (language) => {
    try {
      showMenu(language);
    } catch (error) {
      log.error('could not rebuild the menu in the new language', { language, ...describeError(error) });
    }
  });
  currentLanguage = shellWords.current;
  showMenu(currentLanguage());
  const clock = clockFromEnv(process.env);
  const syncing = syncModeFromEnv(process.env[SYNC_ENV]) === 'embedded';
  /** The built-in demo server, started once: when the user chooses the demo, or at start for a store that did. */
  const builtIn = syncing
    ? demoServer({
        dataDir: builtInServerPath(dataDir),
        clock,
        onStarted: (server) => {
          log.info('built-in sync server started', { url: server.url, seeded: server.seeded !== null });
          if (server.passwordReplacedFor.length > 0) log.warn('built-in server: users put on this installation\'s password, their sessions ended', { users: server.passwordReplacedFor });
        },
      })
    : null;
  demo = builtIn;
  const startDemo = builtIn === null ? null : () => builtIn.start();
  try {
    workspace = await openWorkspace({
      dataDir,
      nativeBinding: nativeBindingPath({
        isPackaged: app.isPackaged,
        appPath: app.getAppPath(),
        resourcesPath: process.resourcesPath,
        electronVersion: process.versions.electron,
        platform: process.platform,
        arch: process.arch,
      }),
      clock,
      seedIfEmpty: true,
      preferences: shellWords.preferences,
      transport: 'ipc',
      version: app.getVersion(),
      logger: createMainLogger('workspace'),
      revealFile: (path) => {
        shell.showItemInFolder(path);
      },
      openFile: (path) => shell.openPath(path),
      ...(startDemo === null
        ? {}
        : {
            sync: {
              vault: fileTokenVault(join(dataDir, 'session.bin'), await sessionCodec()),
              // The first start asks (demo or the company's server); LEDGERLINE_SETUP=demo answers for scripted runs.
              embedded: setupFromEnv(process.env[SETUP_ENV]) === 'demo' ? startDemo() : null,
              startDemo,
            },
          }),
    });
  } catch (error) {
    log.error('could not open the local store', describeError(error));
    const text = words().startup;
    const { title, message, detail } = describeStartupError(error, databasePath(dataDir), text);
    await dialog.showMessageBox({ type: 'error', title, message, detail, buttons: [text.quit] });
    // Exiting ends the built-in server's start too; there is nothing of it to close cleanly yet.
    demo = null;
    app.exit(1);
    return;
  }

  applySessionPolicy(session.defaultSession);
  registerAppProtocol(join(app.getAppPath(), 'dist', 'renderer'));
  bindApi(ipcMain, workspace.handlers, {
    isTrustedSender: (frameUrl) => isInsideApp(APP_URL, frameUrl),
    logger: createMainLogger('ipc'),
  });
  mainWindow = createMainWindow({
    preloadPath: join(__dirname, 'preload.cjs'),
    url: APP_URL,
    devTools: !app.isPackaged,
    loadState: () => settings.loadWindowState(),
    saveState: (state) => {
      settings.saveWindowState(state);
    },
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  updates = startUpdates({
    createUpdater: () => autoUpdater,
    feed: app.isPackaged ? resolveUpdateFeed(deployment.updateFeedUrl) : { kind: 'off', reason: 'a development run is not updated' },
    currentVersion: app.getVersion(),
    log: createMainLogger('updates'),
    tell: tellUser,
    askToRestart,
    strings: () => words().updates,
    every: (callback, ms) => {
      const timer = setInterval(callback, ms);
      timer.unref();
      return {
        stop: () => {
          clearInterval(timer);
        },
      };
    },
  });
}

const startLocale = chromiumLocale(startSetting);
if (startLocale !== null) app.commandLine.appendSwitch('lang', startLocale);

if (!app.requestSingleInstanceLock()) {
  // Another Ledgerline is running on this data; it gets focused through 'second-instance'.
  app.quit();
} else {
  app.on('second-instance', () => {
    focusWindow(mainWindow);
  });
  app.on('window-all-closed', () => {
    app.quit();
  });
  app.on('will-quit', (event) => {
    updates?.stop();
    updates = null;
    if (workspace === null && demo === null) return;
    const closing = workspace;
    const server = demo;
    workspace = null;
    demo = null;
    event.preventDefault();
    Promise.resolve(closing?.close())
      .then(() => server?.close())
      .then(
      () => {
        app.quit();
      },
      (error: unknown) => {
        log.error('closing the store failed', describeError(error));
        app.exit(1);
      },
    );
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('start-up failed', describeError(error));
      dialog.showErrorBox(words().startup.failedTitle, error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}
