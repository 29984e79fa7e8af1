/** What the user is told when the local store cannot be opened, and what they can do about it. */
import { InvalidDatabaseError, NewerDatabaseError } from '../../db/errors';

export interface StartupErrorMessage {
  readonly title: string;
  readonly message: string;
  readonly detail: string;
}

export function describeStartupError(error: unknown, databaseFile: string): StartupErrorMessage {
  if (error instanceof NewerDatabaseError) {
    return {
      title: 'Ledgerline needs an update',
      message: 'Your data was saved by a newer version of Ledgerline.',
      detail:
        `Install the latest version of Ledgerline and start it again. Your data has not been changed.\n\n` +
        `Database: ${databaseFile}\nUnknown schema changes: ${error.unknownMigrations.join(', ')}`,
    };
  }
  if (error instanceof InvalidDatabaseError) {
    return {
      title: 'Ledgerline cannot read its database',
      message: 'The database file is damaged or is not a Ledgerline database.',
      detail:
        `The file has not been changed. Move it somewhere else (or restore a backup from the same folder) ` +
        `and start Ledgerline again to begin with a fresh database.\n\nDatabase: ${databaseFile}`,
    };
  }
  return {
    title: 'Ledgerline could not start',
    message: 'Something went wrong while opening your data.',
    detail: `${error instanceof Error ? error.message : String(error)}\n\nDatabase: ${databaseFile}\nThe details are in the log file.`,
  };
}
