/**
 * A job the server runs on a timer from the moment it is ready until it closes: never two runs at
 * once, the first run part of starting, the last one awaited on close. A run that fails is logged
 * with `failure` and tried again at the next tick.
 */
import type { FastifyInstance } from 'fastify';

export function schedulePeriodic(app: FastifyInstance, everyMs: number, run: () => Promise<void>, failure: string): void {
  let running: Promise<void> | null = null;
  const tick = (): void => {
    if (running !== null) return;
    running = run()
      .catch((error: unknown) => {
        app.log.warn({ err: error }, failure);
      })
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  app.addHook('onReady', async () => {
    tick();
    await running;
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}
