import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './tests/support/reporters/vitest-slowest.ts'],
    // Vitest's default is one worker fewer than the cores: one on a two-core machine. Integration
    // files wait on sockets, child processes and the disk often enough that one worker more than the
    // cores finishes sooner (measured: 587 s with one, 431 s with three on two cores).
    maxWorkers: availableParallelism() + 1,
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/integration/global-setup.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Each integration file imports the server, the store and their libraries (PGlite, Fastify,
          // the PDF and spreadsheet writers): a fresh module graph per file cost more time than the
          // tests themselves (431 s against 290 s). No file changes what another reads: none mocks a
          // module, stubs a global or sets the environment (lint says so; the one variable is set once,
          // in global setup), and each opens its own stores and servers. What carries over is caches
          // and the builders' counter, which only keeps generated names unique.
          isolate: false,
        },
      },
    ],
  },
});
