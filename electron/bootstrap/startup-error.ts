/** What the user is told when the local store cannot be opened, and what they can do about it, in the interface language. */
import { InvalidDatabaseError, NewerDatabaseError } from '../../db/errors';
import { desktopStrings, type DesktopStrings } from '../../shared/i18n/desktop';

export interface StartupErrorMessage {
  readonly title: string;
  readonly message: string;
  readonly detail: string;
}

export function describeStartupError(error: unknown, databaseFile: string, strings: DesktopStrings['startup'] = desktopStrings('en').startup): StartupErrorMessage {
  if (error instanceof NewerDatabaseError) {
    return { title: strings.newerTitle, message: strings.newerMessage, detail: strings.newerDetail(databaseFile, error.unknownMigrations.join(', ')) };
  }
  if (error instanceof InvalidDatabaseError) {
    return { title: strings.invalidTitle, message: strings.invalidMessage, detail: strings.invalidDetail(databaseFile) };
  }
  return { title: strings.failedTitle, message: strings.failedMessage, detail: strings.failedDetail(error instanceof Error ? error.message : String(error), databaseFile) };
}
