/**
 * Keeps the installed app current through electron-updater: checks the deployment's feed at start
 * and every few hours, downloads in the background and installs when the user quits (or at once,
 * if they choose). Verification is electron-updater's: the feed's sha512 for every download, the
 * publisher's Authenticode signature on Windows and the code signature on macOS. A download that
 * fails either is refused with its reason in the log and a message to the user, and the installed
 * version stays as it is. Being offline is normal for a travelling collector: that is logged only.
 * Written against the small part of electron-updater it uses, so a test can drive it with a fake.
 */
import type { ShellLogger } from '../app/logger';
import { describeError } from '../app/logger';
import { desktopStrings, type DesktopStrings } from '../../shared/i18n/desktop';
import type { UpdateFeed } from './update-feed';

export interface UpdaterPort {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
}

export interface UpdateNotice {
  readonly title: string;
  readonly message: string;
  readonly detail?: string;
}

export interface UpdaterDeps {
  /** Called only once a feed is accepted: electron-updater's instance wants a packaged app. */
  readonly createUpdater: () => UpdaterPort;
  readonly feed: UpdateFeed;
  readonly currentVersion: string;
  readonly log: ShellLogger;
  /** Shows a message with one button. */
  readonly tell: (notice: UpdateNotice) => void;
  /** Asks whether to restart now; resolves true for yes. */
  readonly askToRestart: (notice: UpdateNotice) => Promise<boolean>;
  readonly every: (callback: () => void, ms: number) => { stop(): void };
  /** The notices' words in the interface language, read when a notice is given; English when not given. */
  readonly strings?: () => DesktopStrings['updates'];
}

export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

export type UpdateFailureReason = 'signature' | 'checksum' | 'unreachable' | 'other';

const NETWORK_CODES: ReadonlySet<string> = new Set(['ENOTFOUND', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

export function classifyUpdateFailure(error: unknown): UpdateFailureReason {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_UPDATER_INVALID_SIGNATURE' || /not signed by the application owner|code signature/i.test(message)) return 'signature';
  if (/sha512 checksum mismatch/i.test(message)) return 'checksum';
  if (NETWORK_CODES.has(code) || /net::ERR_|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/.test(message)) return 'unreachable';
  return 'other';
}

export interface RunningUpdates {
  check(): Promise<void>;
  stop(): void;
}

/** Starts checking for updates, or logs why it does not; null when updates are off. */
export function startUpdates(deps: UpdaterDeps): RunningUpdates | null {
  const { feed, log } = deps;
  const words = deps.strings ?? (() => desktopStrings('en').updates);
  if (feed.kind === 'off') {
    log.info('updates off', { reason: feed.reason });
    return null;
  }
  if (feed.kind === 'refused') {
    log.error('updates refused', { reason: feed.reason });
    const text = words();
    deps.tell({ title: text.offTitle, message: text.offMessage, detail: text.offDetail(feed.reason) });
    return null;
  }
  const updater = deps.createUpdater();
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  // A feed that offers an older version must not take the user back to it.
  updater.allowDowngrade = false;
  updater.setFeedURL({ provider: 'generic', url: feed.url });
  updater.on('error', (error) => {
    const reason = classifyUpdateFailure(error);
    const details = { reason, feed: feed.url, ...describeError(error) };
    if (reason === 'signature' || reason === 'checksum') {
      log.error('update refused', details);
      const text = words();
      deps.tell({
        title: text.refusedTitle,
        message: reason === 'signature' ? text.refusedSignature : text.refusedChecksum,
        detail: text.refusedDetail(deps.currentVersion),
      });
    } else if (reason === 'unreachable') {
      log.info('update server unreachable', details);
    } else {
      log.warn('update failed', details);
    }
  });
  // electron-updater announces a download already in its cache again at every check: one question per version.
  let askedFor: string | null = null;
  updater.on('update-downloaded', (info) => {
    if (info.version === askedFor) return;
    askedFor = info.version;
    log.info('update downloaded', { version: info.version });
    const text = words();
    void deps
      .askToRestart({ title: text.readyTitle, message: text.readyMessage(info.version), detail: text.readyDetail })
      .then((restart) => {
        if (restart) updater.quitAndInstall();
      });
  });
  const check = async () => {
    try {
      await updater.checkForUpdates();
    } catch {
      // electron-updater emits every failed check as 'error' too, which is where it is logged.
    }
  };
  void check();
  const timer = deps.every(() => {
    void check();
  }, UPDATE_CHECK_INTERVAL_MS);
  return {
    check,
    stop: () => {
      timer.stop();
    },
  };
}
