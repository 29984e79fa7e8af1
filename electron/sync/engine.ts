/**
 * The client sync engine (docs/SYNC.md, "Client engine"): pushes the outbox, pulls changes into
 * the local store and keeps a status the UI shows. Plain Node: the desktop main process and
 * dev:web run the same engine. It syncs at start, shortly after local writes, periodically and
 * when the network returns; failures back off exponentially with jitter. Nothing here ever
 * deletes an unsent change: the outbox only shrinks by the server's verdicts.
 */
import { DomainError } from '../../shared/api/result';
import { refused } from '../../shared/i18n/refusals';
import type { SignInSchema, SyncStatus } from '../../shared/api/sync-contract';
import type { Clock } from '../../shared/domain/clock';
import { MAX_ATTACHMENT_FETCH_IDS, MAX_PULL_LIMIT, MAX_PUSH_MUTATIONS, pageChangeCount, type Mutation, type PullResponse } from '../../shared/sync/protocol';
import type { z } from 'zod';
import type { LocalStore } from '../../db/open';
import { attachmentsWithoutContent, storeAttachmentContents } from '../../db/sync/attachment-contents';
import { adoptAccount, clientIdOf, storedAccount, storedServer, storeServer, type SyncServer } from '../../db/sync/account';
import { applyPullPage, forgetPullPosition, type SnapshotProgress } from '../../db/sync/apply-pull';
import { applyDirectory } from '../../db/sync/directory';
import { issueCount } from '../../db/sync/issues';
import { customersToResync } from '../../db/sync/resync';
import { firstPendingSeq, nextPushBatch, pendingCount, recordPushFailure, recordPushResults, renumberPendingFrom } from '../../db/sync/outbox';
import { readSyncValue, SYNC_KEYS, writeSyncValue } from '../../db/sync/sync-state';
import { DEFAULT_DOMAIN_SETTINGS, type DomainSettings } from '../../db/summary/refresh';
import { describeError, type ShellLogger } from '../app/logger';
import { backoffDelay } from './backoff';
import { describeFailure, syncFailure } from './messages';
import type { TokenVault } from './token-vault';
import { createSyncClient, isRefusedCursor, SyncRequestError, type FailureKind, type Session, type SyncClient } from './transport';

/** The failures of a push in which the server answered, and so judged the changes sent. */
const COUNTED_PUSH_FAILURES: ReadonlySet<FailureKind> = new Set(['server', 'refused']);

export interface SyncTiming {
  /** Quiet time after a local write before its push. */
  readonly debounceMs: number;
  /** Between syncs when all is well. */
  readonly periodMs: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly pullLimit: number;
  readonly pushLimit: number;
  readonly requestTimeoutMs: number;
}

export const DEFAULT_SYNC_TIMING: SyncTiming = {
  debounceMs: 1_500,
  periodMs: 60_000,
  backoffBaseMs: 1_000,
  backoffMaxMs: 5 * 60_000,
  pullLimit: MAX_PULL_LIMIT,
  pushLimit: MAX_PUSH_MUTATIONS,
  requestTimeoutMs: 60_000,
};

export interface Scheduler {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realScheduler: Scheduler = {
  setTimeout: (run, ms) => {
    const handle = setTimeout(run, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => {
    clearTimeout(handle as NodeJS.Timeout);
  },
};

export interface EmbeddedServer {
  readonly url: string;
  /** The demo account the app signs in with on its first start. */
  readonly credentials: { readonly username: string; readonly password: string };
}

export interface SyncEngineOptions {
  readonly store: LocalStore;
  readonly clock: Clock;
  /** The user's calendar day (db/day/user-day.ts): what pulled rows are aged and judged as of. */
  readonly today: () => string;
  readonly vault: TokenVault;
  readonly logger: ShellLogger;
  readonly settings?: DomainSettings;
  /** The built-in server, or its start under way: the window need not wait for it. */
  readonly embedded?: EmbeddedServer | null | Promise<EmbeddedServer | null>;
  /**
   * Starts the built-in demo server on demand: when the user chooses the demo on a first start, and
   * on every later start of a store that chose it. Absent where there is no demo to offer.
   */
  readonly startDemo?: () => Promise<EmbeddedServer | null>;
  readonly fetch?: typeof fetch;
  readonly scheduler?: Scheduler;
  readonly random?: () => number;
  readonly timing?: Partial<SyncTiming>;
}

type SignIn = z.output<typeof SignInSchema>;
type State = SyncStatus['state'];

const PENDING_RESYNC_LIMIT = 500;
/** Gap answers in a row before the engine stops believing it can fix its numbering. */
const MAX_GAP_REPAIRS = 3;

export class SyncEngine {
  private readonly timing: SyncTiming;
  private readonly scheduler: Scheduler;
  private readonly random: () => number;
  private state: State = 'local_only';
  private error: SyncStatus['error'] = null;
  private progress: SyncStatus['progress'] = null;
  private nextAttemptAt: number | null = null;
  private timer: unknown = null;
  private failures = 0;
  private accessToken: string | null = null;
  private running: Promise<void> | null = null;
  private rerun = false;
  private closed = false;
  private embedded: EmbeddedServer | null = null;
  /** Settles when the built-in server has started (or failed to). */
  private embeddedStarting: Promise<void> | null = null;
  private embeddedFailure: string | null = null;

  constructor(private readonly options: SyncEngineOptions) {
    this.timing = { ...DEFAULT_SYNC_TIMING, ...options.timing };
    this.scheduler = options.scheduler ?? realScheduler;
    this.random = options.random ?? Math.random;
    const stored = storedServer(options.store.sqlite);
    if (options.embedded !== undefined && options.embedded !== null) this.useEmbedded(options.embedded);
    else if (stored?.embedded === true && options.startDemo !== undefined) this.useEmbedded(options.startDemo());
  }

  private useEmbedded(embedded: EmbeddedServer | Promise<EmbeddedServer | null>): void {
    this.embeddedFailure = null;
    if (!(embedded instanceof Promise)) {
      this.embedded = embedded;
      return;
    }
    this.embeddedStarting = embedded.then(
      (server) => {
        this.embedded = server;
        this.embeddedStarting = null;
      },
      (error: unknown) => {
        this.embeddedFailure = error instanceof Error ? error.message : String(error);
        this.embeddedStarting = null;
        this.options.logger.error('the built-in sync server could not start', describeError(error));
      },
    );
  }

  /** A first start: no server chosen yet, none starting; the user picks the demo or their company's server. */
  setupNeeded(): boolean {
    return storedServer(this.sqlite) === null && this.embedded === null && this.embeddedStarting === null;
  }

  demoOffered(): boolean {
    return this.options.startDemo !== undefined;
  }

  /** The first start's "try the demo": starts the built-in server and signs in to it as the demo collector. */
  chooseDemo(): SyncStatus {
    const startDemo = this.options.startDemo;
    if (startDemo === undefined) throw refused('conflict', 'noDemo');
    if (!this.setupNeeded()) throw refused('conflict', 'alreadySetUp');
    this.useEmbedded(startDemo());
    this.state = 'syncing';
    this.trigger();
    return this.status();
  }

  private get sqlite() {
    return this.options.store.sqlite;
  }

  /** The configured server, with the embedded one's address of this run. */
  private server(): SyncServer | null {
    const stored = storedServer(this.sqlite);
    if (stored?.embedded === true) return this.embedded ? { url: this.embedded.url, embedded: true } : null;
    return stored;
  }

  private client(server: SyncServer): SyncClient {
    return createSyncClient({
      baseUrl: server.url,
      timeoutMs: this.timing.requestTimeoutMs,
      ...(this.options.fetch === undefined ? {} : { fetch: this.options.fetch }),
    });
  }

  /** Begins: a store without a server uses the embedded one when the app started it. */
  start(): void {
    this.adoptEmbedded();
    this.state = this.embeddedStarting !== null ? 'syncing' : this.server() === null ? 'local_only' : 'idle';
    this.trigger();
  }

  private adoptEmbedded(): void {
    if (storedServer(this.sqlite) === null && this.embedded) storeServer(this.sqlite, { url: this.embedded.url, embedded: true });
  }

  status(): SyncStatus {
    const server = this.server();
    const account = storedAccount(this.sqlite);
    return {
      state: this.state,
      server,
      user: server === null ? null : account,
      pending: pendingCount(this.sqlite),
      issues: issueCount(this.sqlite),
      lastSyncAt: readSyncValue(this.sqlite, SYNC_KEYS.lastSyncAt),
      nextAttemptAt: this.nextAttemptAt === null ? null : new Date(this.nextAttemptAt).toISOString(),
      progress: this.progress,
      error: this.error,
    };
  }

  /** Syncs as soon as possible (now, or right after the sync under way). */
  trigger(): void {
    if (this.closed) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.schedule(0);
  }

  /** Runs a sync and waits for it (and for one that was under way): tests and sign-in use it. */
  async syncOnce(): Promise<SyncStatus> {
    if (this.running) await this.running;
    this.cancelTimer();
    await this.run();
    return this.status();
  }

  /** A local write happened: push it after a quiet moment, unless sync is backing off anyway. */
  notifyLocalWrite(): void {
    if (this.closed || this.failures > 0 || this.state === 'update_required' || this.state === 'signed_out') return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    const due = Date.now() + this.timing.debounceMs;
    if (this.nextAttemptAt === null || this.nextAttemptAt > due) this.schedule(this.timing.debounceMs);
  }

  /** The window saw the network go or come back. */
  network(online: boolean): SyncStatus {
    if (online) {
      this.failures = 0;
      this.trigger();
    } else if (this.state !== 'local_only' && this.state !== 'signed_out' && this.state !== 'update_required') {
      this.state = 'offline';
      this.error = describeFailure('network', '');
    }
    return this.status();
  }

  async signIn(input: SignIn): Promise<SyncStatus> {
    if (this.running) await this.running;
    const url = input.serverUrl.replace(/\/+$/, '');
    const server: SyncServer = { url, embedded: this.embedded?.url.replace(/\/+$/, '') === url };
    const client = this.client(server);
    let session: Session;
    try {
      session = await client.login(input.username, input.password);
    } catch (error) {
      throw signInError(error, url);
    }
    try {
      adoptAccount(this.sqlite, server, accountOf(session), input.discardUnsynced);
    } catch (error) {
      await client.logout(session.refreshToken).catch(() => undefined);
      throw error;
    }
    await this.beginSession(session);
    await this.syncOnce();
    return this.status();
  }

  async signOut(): Promise<SyncStatus> {
    if (this.running) await this.running;
    const server = this.server();
    const refreshToken = await this.options.vault.read();
    await this.options.vault.write(null);
    this.accessToken = null;
    this.cancelTimer();
    if (server !== null && refreshToken !== null) {
      await this.client(server)
        .logout(refreshToken)
        .catch((error: unknown) => {
          this.options.logger.warn('sign-out could not reach the server; the session ends there when it expires', describeError(error));
        });
    }
    this.state = server === null ? 'local_only' : 'signed_out';
    this.error = null;
    return this.status();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.cancelTimer();
    if (this.running) await this.running;
  }

  private async beginSession(session: Session): Promise<void> {
    // The new refresh token is stored before anything else: the old one is already spent.
    await this.options.vault.write(session.refreshToken);
    this.accessToken = session.accessToken;
    this.failures = 0;
    this.error = null;
    this.state = 'idle';
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = null;
    this.nextAttemptAt = null;
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    if (this.closed) return;
    this.nextAttemptAt = Date.now() + ms;
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = null;
      this.nextAttemptAt = null;
      void this.run();
    }, ms);
  }

  private run(): Promise<void> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    const cycle = this.cycle().finally(() => {
      this.running = null;
      if (this.rerun && !this.closed) {
        this.rerun = false;
        this.schedule(0);
      }
    });
    this.running = cycle;
    return cycle;
  }

  private async cycle(): Promise<void> {
    if (this.embeddedStarting !== null) await this.embeddedStarting;
    this.adoptEmbedded();
    const server = this.server();
    if (server === null) {
      // A demo that failed to start is an error to show, even before any server was stored.
      this.state = storedServer(this.sqlite) === null && this.embeddedFailure === null ? 'local_only' : 'error';
      if (this.state === 'error') {
        this.error =
          this.embeddedFailure === null
            ? syncFailure('no_server', 'builtInServerNotRunning')
            : syncFailure('no_server', 'builtInServerFailed', { failure: this.embeddedFailure });
      }
      return;
    }
    const client = this.client(server);
    try {
      if (!(await this.ensureSession(client, server))) return;
      this.state = 'syncing';
      this.error = null;
      const { users, teams } = await this.authed(client, (token) => client.directory(token));
      const account = storedAccount(this.sqlite);
      if (account !== null) applyDirectory(this.sqlite, users, account.id, this.options.clock.now().toISOString(), teams);
      await this.pushAll(client);
      await this.pullAll(client);
      await this.fetchAttachmentContents(client);
      writeSyncValue(this.sqlite, SYNC_KEYS.lastSyncAt, this.options.clock.now().toISOString());
      this.failures = 0;
      this.state = 'idle';
      this.progress = null;
      this.schedule(this.timing.periodMs);
    } catch (error) {
      this.progress = null;
      this.fail(error);
    }
  }

  /** A usable session: the stored refresh token, or the embedded demo account on a first start. */
  private async ensureSession(client: SyncClient, server: SyncServer): Promise<boolean> {
    if (this.accessToken !== null || (await this.options.vault.read()) !== null) return true;
    const embedded = this.embedded;
    const account = storedAccount(this.sqlite);
    if (server.embedded && embedded && (account === null || account.username === embedded.credentials.username)) {
      const session = await client.login(embedded.credentials.username, embedded.credentials.password);
      adoptAccount(this.sqlite, server, accountOf(session), false);
      await this.beginSession(session);
      this.options.logger.info('signed in to the built-in server', { username: session.user.username });
      return true;
    }
    this.state = 'signed_out';
    this.error = null;
    return false;
  }

  private async refreshSession(client: SyncClient): Promise<string> {
    const refreshToken = await this.options.vault.read();
    if (refreshToken === null) throw new SyncRequestError('unauthorized', 'Not signed in.');
    try {
      const session = await client.refresh(refreshToken);
      await this.beginSession(session);
      return session.accessToken;
    } catch (error) {
      if (error instanceof SyncRequestError && (error.kind === 'unauthorized' || error.kind === 'expired')) {
        await this.options.vault.write(null);
        this.accessToken = null;
      }
      throw error;
    }
  }

  /** Runs a request with the access token, refreshing it once when the server says it expired. */
  private async authed<T>(client: SyncClient, request: (token: string) => Promise<T>): Promise<T> {
    const token = this.accessToken ?? (await this.refreshSession(client));
    try {
      return await request(token);
    } catch (error) {
      if (!(error instanceof SyncRequestError) || (error.kind !== 'expired' && error.kind !== 'unauthorized')) throw error;
      this.accessToken = null;
      return request(await this.refreshSession(client));
    }
  }

  /**
   * A push the server answered without taking it counts against its changes, so one it keeps
   * failing on shows in the sync-issues view with that answer. No answer (offline) or a session
   * problem says nothing about the changes and does not count.
   */
  private countFailedPush(batch: readonly Mutation[], error: unknown): void {
    if (!(error instanceof SyncRequestError) || !COUNTED_PUSH_FAILURES.has(error.kind)) return;
    recordPushFailure(
      this.sqlite,
      batch.map((mutation) => mutation.id),
      { status: error.status, message: error.message, at: this.options.clock.now().toISOString(), ...(error.wording ?? {}) },
    );
  }

  private async pushAll(client: SyncClient): Promise<void> {
    const clientId = clientIdOf(this.sqlite);
    let sent = 0;
    let gapRepairs = 0;
    for (;;) {
      const batch = nextPushBatch(this.sqlite, this.timing.pushLimit);
      if (batch.length === 0) return;
      const total = sent + pendingCount(this.sqlite);
      this.progress = { phase: 'push', rows: sent, total, percent: total === 0 ? null : Math.round((sent / total) * 100) };
      const answer = await this.authed(client, (token) => client.push(token, { clientId, mutations: batch })).catch((error: unknown) => {
        this.countFailedPush(batch, error);
        throw error;
      });
      const now = this.options.clock.now().toISOString();
      if (answer.status === 409) {
        recordPushResults(this.sqlite, answer.body.results, now);
        const first = firstPendingSeq(this.sqlite);
        gapRepairs += 1;
        if (gapRepairs > MAX_GAP_REPAIRS) throw new SyncRequestError('refused', 'The server keeps refusing the order of the changes.');
        if (first !== null && answer.body.expectedSeq < first) {
          this.options.logger.warn('the server expects earlier sequence numbers than this client holds; renumbering the unsent changes', {
            expectedSeq: answer.body.expectedSeq,
            firstPending: first,
          });
          renumberPendingFrom(this.sqlite, answer.body.expectedSeq);
        }
        continue;
      }
      const outcome = recordPushResults(this.sqlite, answer.body.results, now);
      if (outcome.applied + outcome.rejected === 0) {
        const error = SyncRequestError.refused('refused', 'noneAcknowledged', 200);
        this.countFailedPush(batch, error);
        throw error;
      }
      if (outcome.rejected > 0) this.options.logger.warn('the server refused changes; they are in the sync issues', { rejected: outcome.rejected });
      sent += outcome.applied + outcome.rejected;
    }
  }

  /**
   * Pulls every page. A server that refuses the stored cursor does not know that position (it was
   * restored from a backup, say): the cursor is dropped and the pull starts again from null, a
   * snapshot, once per cycle. The outbox stays; its changes were pushed before, or keep their place.
   */
  private async pullAll(client: SyncClient): Promise<void> {
    try {
      await this.pullPages(client);
    } catch (error) {
      if (!isRefusedCursor(error)) throw error;
      this.options.logger.warn('the server refused the stored sync position; pulling a fresh snapshot', {
        message: error instanceof Error ? error.message : String(error),
      });
      forgetPullPosition(this.sqlite);
      await this.pullPages(client);
    }
  }

  /**
   * Pages until the server has no more. While a snapshot page is written, the next one is already
   * requested (a snapshot ignores `resync`, and its cursor comes with the page), so the server
   * reads page N+1 while this store writes page N. A delta page is asked for only once the one
   * before is in: applying it may add customers to resync.
   */
  private async pullPages(client: SyncClient): Promise<void> {
    let rows = 0;
    let prefetched: Promise<PullResponse> | null = null;
    try {
      for (;;) {
        const resync = prefetched === null ? customersToResync(this.sqlite, PENDING_RESYNC_LIMIT) : [];
        const page: PullResponse = await (prefetched ?? this.pullFromStoredCursor(client, resync));
        prefetched = null;
        if (page.snapshot && page.hasMore) {
          let sent = (): void => undefined;
          const requestSent = new Promise<void>((resolve) => {
            sent = resolve;
          });
          const next = this.authed(client, (token) => client.pull(token, { cursor: page.cursor, limit: this.timing.pullLimit, snapshotRuns: true }, sent));
          // Settled here so a failure while this page is written is not reported as unhandled; awaited below.
          next.then(sent, sent);
          prefetched = next;
          await requestSent;
          // The connection writes what it took in the next turn of the event loop.
          await new Promise((resolve) => setImmediate(resolve));
        }
        const outcome = applyPullPage(this.sqlite, page, {
          asOf: this.options.today(),
          now: this.options.clock.now().toISOString(),
          settings: this.options.settings ?? DEFAULT_DOMAIN_SETTINGS,
          resynced: resync,
        });
        rows += pageChangeCount(page);
        this.progress = pullProgress(page, rows, outcome.snapshot);
        if (!page.hasMore) return;
      }
    } finally {
      // A page asked for ahead and not used (the write before it failed) is dropped with its answer.
      await prefetched?.catch(() => undefined);
    }
  }

  /**
   * Fetches the bytes of attachments the pull described, a budget's worth per request, until this
   * store has them all. It never fails the cycle: push and pull are done, and a file that could not
   * come now (offline again, a server without it, a damaged answer) comes with a later sync; until
   * then the account says it is not downloaded yet. Ids the server does not have, and damaged
   * answers, are not asked for again in this cycle; closing stops between requests.
   */
  private async fetchAttachmentContents(client: SyncClient): Promise<void> {
    const settled = new Set<string>();
    try {
      while (!this.closed) {
        const ids = attachmentsWithoutContent(this.sqlite, MAX_ATTACHMENT_FETCH_IDS, settled);
        if (ids.length === 0) return;
        const answer = await this.authed(client, (token) => client.attachments(token, { ids }));
        const asked = new Set(ids);
        const { stored, damaged } = storeAttachmentContents(this.sqlite, answer.contents.filter((content) => asked.has(content.id)));
        for (const id of [...answer.missing, ...damaged]) if (asked.has(id)) settled.add(id);
        if (damaged.length > 0) this.options.logger.warn('attachment bytes did not match their description; asked for again at the next sync', { ids: damaged });
        // An answer that moved nothing forward would be asked for again and again.
        if (stored === 0 && !ids.some((id) => settled.has(id))) {
          this.options.logger.warn('the server sent none of the attachments asked for; trying again at the next sync', { ids: ids.length });
          return;
        }
      }
    } catch (error) {
      this.options.logger.warn('attachment bytes could not be fetched; trying again at the next sync', describeError(error));
    }
  }

  private pullFromStoredCursor(client: SyncClient, resync: readonly string[]): Promise<PullResponse> {
    const cursor = readSyncValue(this.sqlite, SYNC_KEYS.cursor);
    return this.authed(client, (token) => client.pull(token, { cursor, limit: this.timing.pullLimit, resync, snapshotRuns: true }));
  }

  private fail(error: unknown): void {
    if (!(error instanceof SyncRequestError)) {
      this.options.logger.error('sync failed unexpectedly', describeError(error));
      this.state = 'error';
      this.error = syncFailure('internal', 'syncFailedUnexpectedly');
      this.failures += 1;
      this.schedule(backoffDelay({ baseMs: this.timing.backoffBaseMs, maxMs: this.timing.backoffMaxMs }, this.failures, this.random));
      return;
    }
    this.error = describeFailure(error.kind, error.message, error.wording);
    if (error.kind === 'unauthorized' || error.kind === 'expired') {
      this.state = 'signed_out';
      this.cancelTimer();
      return;
    }
    if (error.kind === 'update_required') {
      this.state = 'update_required';
      this.cancelTimer();
      return;
    }
    this.state = error.kind === 'network' ? 'offline' : 'error';
    this.failures += 1;
    const policy = { baseMs: this.timing.backoffBaseMs, maxMs: this.timing.backoffMaxMs };
    const delay = error.kind === 'refused' ? this.timing.periodMs : backoffDelay(policy, this.failures, this.random, error.retryAfterMs);
    this.options.logger.warn('sync did not complete; retrying later', { kind: error.kind, message: error.message, retryInMs: delay });
    this.schedule(delay);
  }
}

/**
 * The status of a pull after a page: a snapshot counts from its first page (also across restarts)
 * against the total the server announced, and stays below 100 % until its last page is written.
 */
function pullProgress(page: PullResponse, rows: number, snapshot: SnapshotProgress | null): SyncStatus['progress'] {
  if (!page.snapshot) return { phase: 'pull', rows, total: null, percent: null };
  if (snapshot === null) return { phase: 'snapshot', rows, total: null, percent: 100 };
  const total = snapshot.total === null ? null : Math.max(snapshot.total, snapshot.rows);
  const percent = total === null || total === 0 ? null : Math.min(99, Math.floor((snapshot.rows * 100) / total));
  return { phase: 'snapshot', rows: snapshot.rows, total, percent };
}

function accountOf(session: Session) {
  const { id, username, displayName, role } = session.user;
  return { id, username, displayName, role };
}

/**
 * A failed sign-in as the dialog shows it. The server's reason and values go with it, so the
 * dialog words the cause in the user's language (a wrong password, an app too old for the server);
 * where the English message adds a sentence around the server's, the cause alone is worded.
 */
function signInError(error: unknown, url: string): Error {
  if (!(error instanceof SyncRequestError)) return error instanceof Error ? error : new Error(String(error));
  const wording = error.wording ?? undefined;
  switch (error.kind) {
    case 'network':
      return refused('validation', { key: 'serverUnreachable', params: { url } }, 'serverUrl');
    case 'unauthorized':
    case 'expired':
      return new DomainError('validation', error.message, 'password', wording);
    case 'update_required':
      return new DomainError('conflict', describeFailure('update_required', error.message).message, 'serverUrl', wording);
    case 'server':
      return new DomainError('conflict', `The server could not sign you in right now: ${error.message}`, 'serverUrl', wording);
    case 'refused':
      // A Ledgerline server always answers with its own error codes: a bare "not found" or a page
      // of HTML is some other server at that address.
      if (error.code === null) return foreignServerError(error, url);
      return new DomainError('validation', error.message, error.status === 403 ? 'username' : 'serverUrl', wording);
  }
}

/** "No Ledgerline server answered at …", with what did answer. */
function foreignServerError(error: SyncRequestError, url: string): DomainError {
  // The answer's values (its status, or the path asked) with the address.
  const params = { ...error.wording?.params, url };
  switch (error.wording?.reason) {
    case 'answerNotJson':
      return refused('validation', { key: 'noServerAnswerNotJson', params }, 'serverUrl');
    case 'answerStatus':
      return refused('validation', { key: 'noServerAnswerStatus', params }, 'serverUrl');
    case 'answerUnexpected':
      return refused('validation', { key: 'noServerAnswerUnexpected', params }, 'serverUrl');
    default:
      return new DomainError('validation', `No Ledgerline server answered at ${url}; check the address (it answered: ${error.message})`, 'serverUrl');
  }
}
