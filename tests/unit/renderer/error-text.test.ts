/** API errors in the interface language: the English message in English, the reason worded in the others. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { ApiError } from '../../../shared/api/result';
import type { ExportStatusSchema } from '../../../shared/api/report-contract';
import type { SyncIssue, SyncStatus } from '../../../shared/api/sync-contract';
import { describeFailure, syncFailure } from '../../../electron/sync/messages';
import { formatCount } from '../../../renderer/src/common/format';
import { errorText, localError, maybeErrorText } from '../../../renderer/src/i18n/errorText';
import { i18n, loadLanguage } from '../../../renderer/src/i18n/i18n';
import { UI_LANGUAGES } from '../../../shared/i18n/languages';

// Every language but English is a chunk the app loads when it is chosen; these tests switch among them.
beforeAll(async () => {
  await Promise.all(UI_LANGUAGES.map(loadLanguage));
});

type ExportFailure = NonNullable<z.output<typeof ExportStatusSchema>['error']>;

const TOO_LONG: ApiError = { code: 'validation', message: 'name must be at most 200 characters', field: 'name', reason: 'tooLong', params: { max: 200 } };
const NO_REASON: ApiError = { code: 'conflict', message: 'only an open promise can be cancelled; this one is kept', field: 'promiseId' };

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('errorText', () => {
  it('is the message itself in English, the reason notwithstanding', () => {
    expect(errorText(TOO_LONG)).toBe(TOO_LONG.message);
    expect(errorText(TOO_LONG, { showField: true })).toBe(TOO_LONG.message);
    expect(errorText({ code: 'internal', message: 'note.add failed unexpectedly; the details are in the log' })).toBe('note.add failed unexpectedly; the details are in the log');
  });

  it('words the reason with its number in German, Spanish and Chinese', async () => {
    await i18n.changeLanguage('de');
    expect(errorText(TOO_LONG)).toBe('Höchstens 200 Zeichen');
    expect(errorText(TOO_LONG, { showField: true })).toBe('name: Höchstens 200 Zeichen');
    // Numbers as the interface formats them (the computer's locale when it is of the language).
    expect(errorText({ ...TOO_LONG, params: { max: 5000 } })).toBe(`Höchstens ${formatCount(5000)} Zeichen`);
    expect(errorText({ code: 'validation', message: 'body is required', field: 'body', reason: 'required' })).toBe('Pflichtfeld');
    await i18n.changeLanguage('es');
    expect(errorText(TOO_LONG)).toBe('Como máximo 200 caracteres');
    await i18n.changeLanguage('zh-CN');
    expect(errorText(TOO_LONG)).toBe('最多 200 个字符');
  });

  it('keeps the message of an error without a reason, or with one this version does not know', async () => {
    await i18n.changeLanguage('de');
    expect(errorText(NO_REASON)).toBe(NO_REASON.message);
    expect(errorText({ ...TOO_LONG, reason: 'tooLoud' })).toBe(TOO_LONG.message);
    expect(maybeErrorText(null)).toBeUndefined();
  });

  it("words a sync issue's refusal by its reason and values in German, and one of a newer server by its message", async () => {
    const tooOld: SyncIssue['error'] = {
      code: 'validation',
      message: "createdAt lies more than 400 days before the server's time; a change that old is not applied",
      field: 'createdAt',
      reason: 'createdAtTooOld',
      params: { days: 400 },
    };
    const unchanged: SyncIssue['error'] = { code: 'validation', message: 'the text is unchanged', field: 'args.body', reason: 'noteUnchanged' };
    const stuck: SyncIssue['error'] = { code: 'push_failed', message: '503: The database is unavailable; try again shortly.', reason: 'databaseUnavailable' };
    const unreachable: ApiError = {
      code: 'validation',
      message: 'The server at https://ledgerline.example.com cannot be reached; check the address and the connection.',
      field: 'serverUrl',
      reason: 'serverUnreachable',
      params: { url: 'https://ledgerline.example.com' },
    };
    expect(errorText(tooOld, { showField: true })).toBe(tooOld.message);
    await i18n.changeLanguage('de');
    expect(errorText(tooOld)).toBe(`die Änderung wurde mehr als ${formatCount(400)} Tage vor der Zeit des Servers erfasst; eine so alte Änderung wird nicht angewendet`);
    expect(errorText(unchanged, { showField: true })).toBe('args.body: der Text ist unverändert');
    expect(errorText(stuck)).toBe('Die Datenbank ist nicht verfügbar; versuchen Sie es in Kürze erneut.');
    expect(errorText(unreachable)).toBe('Der Server unter https://ledgerline.example.com ist nicht erreichbar; prüfen Sie die Adresse und die Verbindung.');
    // A reason this version does not know (a newer server's), or none (an older server's): the English message.
    expect(errorText({ ...tooOld, reason: 'aReasonOfANewerServer' })).toBe(tooOld.message);
    expect(errorText({ code: 'conflict', message: 'the server refused this change' })).toBe('the server refused this change');
  });

  it("words the sync status's error in German: the client's own sentence, the server's reason, or the server's English inside a sentence", async () => {
    const offline = describeFailure('network', '');
    const busy = describeFailure('server', '');
    const signedOut = describeFailure('unauthorized', 'The session has ended; sign in again.');
    const tooOld = describeFailure('update_required', 'This app speaks protocol 3; the server needs 4 or later. Update Ledgerline.', { reason: 'protocolTooOld', params: { version: 3, minimum: 4 } });
    const olderServer = describeFailure('update_required', 'this server needs protocol 2');
    const refused = describeFailure('refused', 'Access is denied.');
    const notRunning = syncFailure('no_server', 'builtInServerNotRunning');
    const status: SyncStatus['error'][] = [offline, busy, signedOut, tooOld, olderServer, refused, notRunning];
    // English: the message as it always read.
    expect(status.map((error) => (error === null ? '' : errorText(error)))).toEqual(status.map((error) => error?.message));
    await i18n.changeLanguage('de');
    expect(errorText(offline)).toBe('Keine Verbindung zum Server. Ihre Änderungen bleiben auf diesem Computer gespeichert und werden gesendet, sobald die Verbindung wieder besteht.');
    expect(errorText(busy)).toBe('Der Server ist ausgelastet oder hat ein Problem. Ihre Änderungen bleiben gespeichert, und die Synchronisierung wird in Kürze erneut versucht.');
    expect(errorText(signedOut)).toBe('Ihre Sitzung ist beendet. Melden Sie sich erneut an, um zu synchronisieren; Ihre Änderungen bleiben bis dahin gespeichert.');
    expect(errorText(tooOld)).toBe(`Diese App spricht Protokoll ${formatCount(3)}; der Server benötigt ${formatCount(4)} oder neuer. Aktualisieren Sie Ledgerline.`);
    expect(errorText(olderServer)).toBe(
      'Diese Version von Ledgerline kann nicht mit dem Server synchronisieren (this server needs protocol 2). Aktualisieren Sie die App; Ihre Änderungen bleiben bis dahin gespeichert.',
    );
    expect(errorText(refused)).toBe(
      'Der Server hat die Synchronisierung abgelehnt: Access is denied. Ihre Änderungen bleiben gespeichert; wenden Sie sich an Ihre Administration, wenn das Problem bestehen bleibt.',
    );
    expect(errorText(notRunning)).toBe('Der integrierte Server läuft in diesem Modus nicht; melden Sie sich über den Synchronisierungsstatus bei einem Server an.');
  });

  it("words a failed export's reason in German: a refusal by its key, the system's words inside a sentence", async () => {
    const noCustomer: ExportFailure = { code: 'not_found', message: 'customer c1 does not exist', field: 'filter.customerId', reason: 'customerNotFound', params: { id: 'c1' } };
    const unwritable: ExportFailure = {
      code: 'export_failed',
      message: "EACCES: permission denied, open '/exports/aging.csv.part'",
      reason: 'exportFileFailed',
      params: { failure: "EACCES: permission denied, open '/exports/aging.csv.part'" },
    };
    const unexpected: ExportFailure = { code: 'export_failed', message: 'database disk image is malformed' };
    expect(errorText(unwritable)).toBe(unwritable.message);
    await i18n.changeLanguage('de');
    expect(errorText(noCustomer)).toBe('Kunde c1 existiert nicht');
    expect(errorText(unwritable)).toBe("die Datei konnte nicht geschrieben werden (EACCES: permission denied, open '/exports/aging.csv.part')");
    expect(errorText(unexpected)).toBe(unexpected.message);
  });

  it('words the generic codes, but not a message the renderer already wrote in the language', async () => {
    await i18n.changeLanguage('de');
    expect(errorText({ code: 'internal', message: 'note.add failed unexpectedly; the details are in the log' })).toBe(
      'Ein unerwarteter Fehler ist aufgetreten; die Einzelheiten stehen im Protokoll.',
    );
    const local = localError({ code: 'internal', message: 'Der Server ist nicht erreichbar.' });
    expect(errorText(local)).toBe('Der Server ist nicht erreichbar.');
  });
});
