/**
 * Once per integration run: a PGlite database with every migration applied, dumped to a file.
 * Tests start their in-memory PGlite databases from it (support/backends.ts) instead of creating
 * and migrating a cluster each time, which costs several times as long.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { connectServerDb } from '../../server/db/connect';
import { migrateServerDatabase } from '../../server/db/migrate';
import { makeTempDir } from '../support/temp-store';
import { PGLITE_IMAGE_ENV } from './server/support/backends';

export default async function setup(): Promise<() => void> {
  const dir = makeTempDir('ledgerline-pglite-image-');
  const pgDir = join(dir, 'cluster');
  const server = await connectServerDb({ dataDir: pgDir });
  await migrateServerDatabase(server.db, server.schema);
  await server.close();
  const pglite = await PGlite.create({ dataDir: join(pgDir, 'pg') });
  const image = await pglite.dumpDataDir('none');
  await pglite.close();
  const path = join(dir, 'migrated.tar');
  writeFileSync(path, Buffer.from(await image.arrayBuffer()));
  process.env[PGLITE_IMAGE_ENV] = path;
  return () => {
    rmSync(dir, { recursive: true, force: true });
  };
}
