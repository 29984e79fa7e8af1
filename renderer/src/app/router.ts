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

export function openCustomer(customerId: string): void {
  pushedInApp += 1;
  window.location.hash = `#/customer/${customerId}`;
}

export function openFollowUps(): void {
  if (window.location.hash === FOLLOW_UPS_HASH) return;
  pushedInApp += 1;
  window.location.hash = FOLLOW_UPS_HASH;
}

export function openTeam(): void {
  if (window.location.hash === TEAM_HASH) return;
  pushedInApp += 1;
  window.location.hash = TEAM_HASH;
}

export function openSyncIssues(): void {
  if (window.location.hash === SYNC_ISSUES_HASH) return;
  pushedInApp += 1;
  window.location.hash = SYNC_ISSUES_HASH;
}

export function openDashboard(): void {
  if (window.location.hash === DASHBOARD_HASH) return;
  pushedInApp += 1;
  window.location.hash = DASHBOARD_HASH;
}

export function openReports(): void {
  if (window.location.hash === REPORTS_HASH) return;
  pushedInApp += 1;
  window.location.hash = REPORTS_HASH;
}

export function goBack(): void {
  if (pushedInApp > 0) {
    pushedInApp -= 1;
    window.history.back();
  } else {
    window.location.hash = '#/';
  }
}

/**
 * The worklist as a fresh start, for a new user on this workstation: the screens the previous user
 * walked through are not theirs to go back to, so the worklist replaces the current entry.
 */
export function startOnWorklist(): void {
  pushedInApp = 0;
  if (parseRoute(window.location.hash).screen !== 'worklist') window.location.replace('#/');
}

export const goHome = (): void => {
  if (parseRoute(window.location.hash).screen !== 'worklist') goBack();
};
