/**
 * A TCP proxy on loopback between a sync engine and its server that can cut a connection part
 * way through an answer: once armed, the next request whose request line starts with the given
 * method and path gets `afterBytes` bytes of its answer, then both sockets are destroyed.
 */
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

export interface CutRule {
  /** e.g. "POST /v1/sync/pull" */
  readonly request: string;
  /** Requests of that kind to let through whole before cutting one. */
  readonly skip: number;
  readonly afterBytes: number;
}

export interface CuttingProxy {
  readonly url: string;
  readonly port: number;
  /** Cuts the next matching answer as the rule says (one connection, then disarmed). */
  arm(rule: CutRule): void;
  /** Connections cut so far. */
  readonly cuts: number;
  close(): Promise<void>;
}

/**
 * `listenPort` 0 (the default) takes any free port; a proxy closed and started again on the port it
 * had looks to its clients like the far side going away and coming back.
 */
export async function startCuttingProxy(upstreamPort: number, listenPort = 0): Promise<CuttingProxy> {
  let rule: (CutRule & { seen: number }) | null = null;
  let cuts = 0;
  const sockets = new Set<Socket>();

  const server: Server = createServer((downstream) => {
    const upstream = connect(upstreamPort, '127.0.0.1');
    sockets.add(downstream).add(upstream);
    /** Bytes of the current answer still allowed through; null while this connection is not being cut. */
    let budget: number | null = null;
    const cut = (): void => {
      cuts += 1;
      rule = null;
      downstream.destroy();
      upstream.destroy();
    };
    downstream.on('data', (chunk: Buffer) => {
      if (rule !== null && budget === null && chunk.toString('latin1').startsWith(rule.request)) {
        rule.seen += 1;
        if (rule.seen > rule.skip) budget = rule.afterBytes;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (budget === null) {
        downstream.write(chunk);
        return;
      }
      if (chunk.length < budget) {
        budget -= chunk.length;
        downstream.write(chunk);
        return;
      }
      downstream.write(chunk.subarray(0, budget), cut);
    });
    const end = (): void => {
      sockets.delete(downstream);
      sockets.delete(upstream);
      downstream.destroy();
      upstream.destroy();
    };
    downstream.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${String(port)}`,
    port,
    arm: (next) => {
      rule = { ...next, seen: 0 };
    },
    get cuts() {
      return cuts;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}
