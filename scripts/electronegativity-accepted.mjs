// Findings of the Electronegativity scan of electron/ (tests/integration/release/electronegativity.test.ts)
// that were reviewed and stand, each with why. The scan reads one file at a time, so it cannot
// see a setting made in another module; every entry names where the real setting lives and which
// test proves it. A finding not listed here fails the suite, and so does an entry that no longer
// matches a finding.
export const ACCEPTED_FINDINGS = [
  {
    check: 'CONTEXT_ISOLATION_JS_CHECK',
    file: 'window/main-window.ts',
    why: 'contextIsolation: true is set in window/window-options.ts, the one place the window options are built; tests/unit/electron/bootstrap.test.ts and the desktop-bundle test read it back',
  },
  {
    check: 'SANDBOX_JS_CHECK',
    file: 'window/main-window.ts',
    why: 'sandbox: true is set in window/window-options.ts (and app.enableSandbox() in main.ts); tested as above',
  },
  {
    check: 'AUXCLICK_JS_CHECK',
    file: 'window/main-window.ts',
    why: "disableBlinkFeatures: 'Auxclick' is set in window/window-options.ts, and security/harden.ts denies every new window anyway",
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main.ts',
    why: 'shell.openExternal is reached only through openExternally(), after security/external-links.ts decided (mail/phone, trusted https hosts, other web pages after confirmation, nothing else)',
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'security/harden.ts',
    why: "options.openExternal is main.ts's openExternally (the policy above), not Electron's shell.openExternal; the scanner matches the name",
  },
  {
    check: 'CSP_GLOBAL_CHECK',
    file: 'security/csp.ts',
    why: 'the policy is a constant the scanner cannot evaluate; tests/unit/electron/csp.test.ts checks it and tests/e2e/security.spec.ts checks the header and meta tag served',
  },
];
