/** Errors the desktop shell catches when opening the local store, to show the user what to do. */

/** The file was written by a newer Ledgerline: it lists migrations this version does not know. */
export class NewerDatabaseError extends Error {
  readonly code = 'newer_database';
  constructor(
    readonly path: string,
    readonly unknownMigrations: readonly string[],
  ) {
    super(
      `The database ${path} was written by a newer version of Ledgerline (unknown schema changes: ${unknownMigrations.join(', ')}). ` +
        'Update the app to open it; the file was left untouched.',
    );
    this.name = 'NewerDatabaseError';
  }
}

/** The file is not SQLite, is damaged, or is some other program's SQLite database. */
export class InvalidDatabaseError extends Error {
  readonly code = 'invalid_database';
  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`The file ${path} is not a valid Ledgerline database: ${reason}. The file was left untouched.`, options);
    this.name = 'InvalidDatabaseError';
  }
}
