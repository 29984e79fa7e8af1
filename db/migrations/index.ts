/**
 * Migrations registered statically (no folder scanning at run time, so bundling cannot lose
 * one). Names sort in application order; the schema version is the number applied.
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m001 from './001-initial';
import * as m002 from './002-collector-work';
import * as m003 from './003-sync-client';
import * as m004 from './004-drafts-per-user';
import * as m005 from './005-users-disabled';
import * as m006 from './006-closing-reasons';
import * as m007 from './007-customer-team';
import * as m008 from './008-assignment-reason';
import * as m009 from './009-erp-disputed';
import * as m010 from './010-outbox-day';
import * as m011 from './011-payment-behaviour';
import * as m012 from './012-promise-made-on';
import * as m013 from './013-iso-currency-digits';
import * as m014 from './014-overrides-per-user';
import * as m015 from './015-credit-used-share';
import * as m016 from './016-attachments';
import * as m017 from './017-languages';
import * as m018 from './018-teams';
import * as m019 from './019-refusal-reasons';
import * as m020 from './020-follow-ups-by-customer';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '001-initial': { up: m001.up },
  '002-collector-work': { up: m002.up },
  '003-sync-client': { up: m003.up },
  '004-drafts-per-user': { up: m004.up },
  '005-users-disabled': { up: m005.up },
  '006-closing-reasons': { up: m006.up },
  '007-customer-team': { up: m007.up },
  '008-assignment-reason': { up: m008.up },
  '009-erp-disputed': { up: m009.up },
  '010-outbox-day': { up: m010.up },
  '011-payment-behaviour': { up: m011.up },
  '012-promise-made-on': { up: m012.up },
  '013-iso-currency-digits': { up: m013.up },
  '014-overrides-per-user': { up: m014.up },
  '015-credit-used-share': { up: m015.up },
  '016-attachments': { up: m016.up },
  '017-languages': { up: m017.up },
  '018-teams': { up: m018.up },
  '019-refusal-reasons': { up: m019.up },
  '020-follow-ups-by-customer': { up: m020.up },
};

export const MIGRATION_TABLE = 'kysely_migration';
export const MIGRATION_LOCK_TABLE = 'kysely_migration_lock';
export const LATEST_SCHEMA_VERSION = Object.keys(MIGRATIONS).length;

export const staticMigrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};

export const isKnownMigration = (name: string): boolean => Object.hasOwn(MIGRATIONS, name);

export function createMigrator(db: Kysely<unknown>, migrations: Readonly<Record<string, Migration>> = MIGRATIONS): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
}
