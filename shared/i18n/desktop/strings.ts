/**
 * Every word the desktop shell shows outside the page: the application menu and the native
 * dialogs (a link to open in the browser, updates, a store that cannot be opened). One typed
 * catalog per language, as the documents' (../documents/strings.ts). Texts with values are
 * functions of strings only, so each language puts the values where its grammar wants them and
 * the pseudo-locale can be derived from the English (pseudoLocalizeCatalog).
 *
 * A menu label's `&` marks the letter Alt reaches it with on Windows and Linux; Chinese, whose
 * characters have no such letter, puts the Latin one after the word, as Windows does ("文件(&F)").
 */

export interface DesktopStrings {
  readonly menu: {
    /** The top-level menus (File is Windows' and Linux's; macOS has the app's own menu instead). */
    readonly file: string;
    readonly edit: string;
    readonly view: string;
    readonly go: string;
    readonly window: string;
    readonly help: string;

    /** Go: the app's own places, each followed by the key that does the same in the page. */
    readonly worklist: string;
    readonly searchCustomers: string;
    readonly followUps: string;
    readonly team: string;
    readonly dashboard: string;
    readonly reports: string;
    readonly syncIssues: string;
    /** Two keys pressed one after the other, as the page takes them: "G then F". */
    readonly keySequence: (first: string, second: string) => string;

    /** Help. */
    readonly keyboardShortcuts: string;
    readonly showLogFiles: string;

    /**
     * The standard entries, which keep Electron's behaviour and shortcut (their `role`) but not its
     * words: Electron labels them in English whatever the language.
     */
    readonly roles: {
      readonly undo: string;
      readonly redo: string;
      readonly cut: string;
      readonly copy: string;
      readonly paste: string;
      readonly delete: string;
      readonly selectAll: string;
      readonly resetZoom: string;
      readonly zoomIn: string;
      readonly zoomOut: string;
      readonly toggleFullScreen: string;
      readonly reload: string;
      readonly forceReload: string;
      readonly toggleDevTools: string;
      readonly minimize: string;
      /** Closes the window (Windows, Linux). */
      readonly close: string;
      /** Ends the app: "Exit" on Windows, "Quit" on Linux, as each platform says it. */
      readonly exit: string;
      readonly quit: string;
      readonly about: (appName: string) => string;
      /** macOS only. */
      readonly quitApp: (appName: string) => string;
      readonly services: string;
      readonly hide: (appName: string) => string;
      readonly hideOthers: string;
      readonly unhide: string;
      readonly zoom: string;
      readonly front: string;
    };
  };

  /** Asked before a web page outside the trusted hosts opens in the browser. */
  readonly openLink: {
    readonly title: string;
    readonly message: (host: string) => string;
    readonly open: string;
    readonly cancel: string;
  };

  /** What the updater tells the user (electron/update/updater.ts). */
  readonly updates: {
    readonly ok: string;
    readonly offTitle: string;
    readonly offMessage: string;
    /** `reason` is the technical one, for the IT team, in English. */
    readonly offDetail: (reason: string) => string;
    readonly refusedTitle: string;
    readonly refusedSignature: string;
    readonly refusedChecksum: string;
    readonly refusedDetail: (version: string) => string;
    readonly readyTitle: string;
    readonly readyMessage: (version: string) => string;
    readonly readyDetail: string;
    readonly restartNow: string;
    readonly later: string;
  };

  /** When the local store cannot be opened at start (electron/bootstrap/startup-error.ts). */
  readonly startup: {
    readonly quit: string;
    readonly newerTitle: string;
    readonly newerMessage: string;
    /** `changes` lists the unknown schema changes' names. */
    readonly newerDetail: (databaseFile: string, changes: string) => string;
    readonly invalidTitle: string;
    readonly invalidMessage: string;
    readonly invalidDetail: (databaseFile: string) => string;
    readonly failedTitle: string;
    readonly failedMessage: string;
    /** `error` is the error's own message, as it was raised. */
    readonly failedDetail: (error: string, databaseFile: string) => string;
  };
}
