/** Hash routing: '#/' is the worklist, '#/customer/<id>' an account, '#/follow-ups' my follow-ups, '#/team' the team lead's screen, '#/dashboard' the KPI dashboard, '#/sync-issues' the changes the server refused, '#/reports' the exports and the aging report. Works the same on file:// and HTTP. */
import { useSyncExternalStore } from 'react';

export type Route =
  | { readonly screen: 'worklist' }
  | { readonly screen: 'followUps' }
  | { readonly screen: 'team' }
  | { readonly screen: 'dashboard' }
  | { readonly screen: 'syncIssues' }
  | { readonly screen: 'reports' }
  | { readonly screen: 'customer'; readonly customerId: string };

const CUSTOMER_HASH = /^#\/customer\/([0-9a-fA-F-]{36})$/;
const FOLLOW_UPS_HASH = '#/follow-ups';
const TEAM_HASH = '#/team';
const DASHBOARD_HASH = '#/dashboard';
const SYNC_ISSUES_HASH = '#/sync-issues';
const REPORTS_HASH = '#/reports';

export function parseRoute(hash: string): Route {
  if (hash === FOLLOW_UPS_HASH) return { screen: 'followUps' };
  if (hash === TEAM_HASH) return { screen: 'team' };
  if (hash === DASHBOARD_HASH) return { screen: 'dashboard' };
  if (hash === SYNC_ISSUES_HASH) return { screen: 'syncIssues' };
  if (hash === REPORTS_HASH) return { screen: 'reports' };
  const match = CUSTOMER_HASH.exec(hash);
  return match?.[1] ? { screen: 'customer', customerId: match[1] } : { screen: 'worklist' };
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
  };
};
const getHash = () => window.location.hash;

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash);
  return parseRoute(hash);
}

// Counts in-app pushes, so Back returns through history when we came from the worklist
// but still lands on the worklist when an account was opened directly by URL.
let pushedInApp = 0;

/**
 * A Back is a traversal the browser carries out later, in a task of its own. A navigation asked for in
 * the meantime (Escape, then `g f` typed at once) would land first and the traversal after it, taking
 * the user off the screen they asked for. So navigations asked for while a Back is under way wait, in
 * the order they were asked, until the Navigation API says the traversal is done.
 */
let backPending = false;
const waiting: (() => void)[] = [];

function drain(): void {
  while (!backPending) {
    const step = waiting.shift();
    if (step === undefined) return;
    step();
  }
}

function whenBackDone(step: () => void): void {
  waiting.push(step);
  drain();
}

function push(hash: string): void {
  whenBackDone(() => {
    if (window.location.hash === hash) return;
    pushedInApp += 1;
    window.location.hash = hash;
  });
}

export function openCustomer(customerId: string): void {
  push(`#/customer/${customerId}`);
}

export const openFollowUps = (): void => {
  push(FOLLOW_UPS_HASH);
};
export const openTeam = (): void => {
  push(TEAM_HASH);
};
export const openSyncIssues = (): void => {
  push(SYNC_ISSUES_HASH);
};
export const openDashboard = (): void => {
  push(DASHBOARD_HASH);
};
export const openReports = (): void => {
  push(REPORTS_HASH);
};

function backNow(): void {
  // The browser's own Back and Forward are not counted here, so the count can promise an entry that is
  // not there; the Navigation API knows whether there is one.
  if (pushedInApp > 0 && navigation.canGoBack) {
    pushedInApp -= 1;
    backPending = true;
    const settled = () => {
      backPending = false;
      drain();
    };
    // Chromium always gives the promise; the type allows a browser that does not.
    (navigation.back().committed ?? Promise.resolve()).then(settled, settled);
  } else {
    pushedInApp = 0;
    window.location.hash = '#/';
  }
}

export function goBack(): void {
  whenBackDone(backNow);
}

/**
 * The worklist as a fresh start, for a new user on this workstation: the screens the previous user
 * walked through are not theirs to go back to, so the worklist replaces the current entry.
 */
export function startOnWorklist(): void {
  whenBackDone(() => {
    pushedInApp = 0;
    if (parseRoute(window.location.hash).screen !== 'worklist') window.location.replace('#/');
  });
}

export const goHome = (): void => {
  whenBackDone(() => {
    if (parseRoute(window.location.hash).screen !== 'worklist') backNow();
  });
};
