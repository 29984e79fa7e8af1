/**
 * The demo's built-in sync server as the desktop app and dev:web hold it: started once, on the
 * user's choice or at start, started afresh after a start that failed, and closed with the app.
 */
import type { Clock } from '../../shared/domain/clock';
import { startEmbeddedServer, type EmbeddedServer } from '../../server/embedded/embedded-server';
import type { EmbeddedServer as EngineEmbeddedServer } from '../sync/engine';

export interface DemoServer {
  /** Starts the server unless it runs or is starting; answers the address and account the engine signs in with. */
  start(): Promise<EngineEmbeddedServer | null>;
  /** Closes the server if one was started; waits for a start under way. */
  close(): Promise<void>;
}

export interface DemoServerOptions {
  /** The server's own folder (`<data>/server`). */
  readonly dataDir: string;
  readonly clock: Clock;
  readonly onStarted?: (server: EmbeddedServer) => void;
}

export function demoServer(options: DemoServerOptions): DemoServer {
  let running: Promise<EmbeddedServer> | null = null;
  return {
    start() {
      if (running === null) {
        const starting = startEmbeddedServer({ dataDir: options.dataDir, demo: { size: 'small' }, clock: options.clock }).then((server) => {
          options.onStarted?.(server);
          return server;
        });
        running = starting;
        // A start that failed is not kept: the user's next choice starts afresh. Its error reaches the engine.
        starting.catch(() => {
          if (running === starting) running = null;
        });
      }
      return running.then((server) => (server.credentials === null ? null : { url: server.url, credentials: server.credentials }));
    },
    async close() {
      await running?.then(
        (server) => server.close(),
        () => undefined,
      );
    },
  };
}
