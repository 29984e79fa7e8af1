/**
 * Server migrations, registered statically (no folder scanning at run time). Names sort in
 * application order; the schema version is the number applied. Migrations are additive so an
 * older client keeps working against a newer server (see docs/SERVER.md).
 */
import { Migrator, type Kysely, type Migration } from 'kysely';
import * as m001 from './001-initial';
import * as m002 from './002-erp-import';
import * as m003 from './003-sync-ordering';
import * as m004 from './004-log-epoch';
import * as m005 from './005-change-log-previous-scope';
import * as m006 from './006-one-primary-contact';
import * as m007 from './007-closing-reasons';
import * as m008 from './008-assignment-reason';
import * as m009 from './009-team-time-zone';
import * as m010 from './010-promise-made-on';
import * as m011 from './011-iso-currency-digits';
import * as m012 from './012-import-runs';
import * as m013 from './013-attachments';
import * as m014 from './014-languages';
import * as m015 from './015-team-language';
import * as m016 from './016-follow-up-titles';

export const SERVER_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '001-initial': { up: m001.up },
  '002-erp-import': { up: m002.up },
  '003-sync-ordering': { up: m003.up },
  '004-log-epoch': { up: m004.up },
  '005-change-log-previous-scope': { up: m005.up },
  '006-one-primary-contact': { up: m006.up },
  '007-closing-reasons': { up: m007.up },
  '008-assignment-reason': { up: m008.up },
  '009-team-time-zone': { up: m009.up },
  '010-promise-made-on': { up: m010.up },
  '011-iso-currency-digits': { up: m011.up },
  '012-import-runs': { up: m012.up },
  '013-attachments': { up: m013.up },
  '014-languages': { up: m014.up },
  '015-team-language': { up: m015.up },
  '016-follow-up-titles': { up: m016.up },
};

export const LATEST_SERVER_SCHEMA_VERSION = Object.keys(SERVER_MIGRATIONS).length;
export const MIGRATION_TABLE = 'kysely_migration';
export const MIGRATION_LOCK_TABLE = 'kysely_migration_lock';

/**
 * `schema` pins the migration tables to one PostgreSQL schema: Kysely otherwise finds a
 * `kysely_migration` table in any schema of the database and would skip creating its own.
 */
export function createServerMigrator(
  db: Kysely<unknown>,
  schema: string,
  migrations: Readonly<Record<string, Migration>> = SERVER_MIGRATIONS,
): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    migrationTableSchema: schema,
  });
}
