/** Shared keyboard helpers: which targets keep their keys, and whether an overlay owns Escape. */
import type { ParseKeys } from 'i18next';
import type { Outcome } from '../../../shared/domain/codes';
import { ADD_FOLLOW_UP_KEY, OUTCOME_KEYS, OUTCOMES_SHOWN } from '../collector/keys';

export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range'].includes(target.type);
  }
  return false;
}

/**
 * MUI renders dialogs, menus and popovers as modals that trap focus, so a key pressed inside an open
 * one belongs to it. Checking the target (not the DOM) and skipping a modal that is closing (sliding
 * out, already marked aria-hidden) keeps a closing overlay from eating the next key.
 */
export const inOverlay = (target: EventTarget | null): boolean =>
  target instanceof Element && target.closest('.MuiModal-root:not([aria-hidden="true"])') !== null;

/** The keyboard is nowhere a user can see: on the page itself, or in something hidden (a covered list, an account left). */
export function focusIsNowhere(): boolean {
  const focused = document.activeElement;
  return focused === null || focused === document.body || (focused instanceof HTMLElement && !focused.checkVisibility());
}

export const hasModifier = (event: KeyboardEvent): boolean => event.ctrlKey || event.metaKey || event.altKey;

/** A line of the `?` overlay. The keys are shown as they are; the action is a translation key, read when the overlay shows. */
export interface Shortcut {
  readonly keys: readonly string[];
  readonly action: ParseKeys;
  /** The outcome an outcome letter logs, named in its action. */
  readonly outcome?: Outcome;
}

export interface ShortcutGroup {
  /** The group's heading, a translation key. */
  readonly group: ParseKeys;
  readonly items: readonly Shortcut[];
}

export const SHORTCUTS: readonly ShortcutGroup[] = [
  {
    group: 'app.shortcuts.everywhere.group',
    items: [
      { keys: ['/'], action: 'app.shortcuts.everywhere.search' },
      { keys: ['?'], action: 'app.shortcuts.everywhere.help' },
      { keys: ['Esc'], action: 'app.shortcuts.everywhere.escape' },
      { keys: ['Alt', '←'], action: 'app.shortcuts.everywhere.back' },
      { keys: ['g', 'f'], action: 'app.shortcuts.everywhere.followUps' },
    ],
  },
  {
    group: 'app.shortcuts.worklist.group',
    items: [
      { keys: ['↓', 'j'], action: 'app.shortcuts.worklist.next' },
      { keys: ['↑', 'k'], action: 'app.shortcuts.worklist.previous' },
      { keys: ['Home', 'End'], action: 'app.shortcuts.worklist.firstLast' },
      { keys: ['PgUp', 'PgDn'], action: 'app.shortcuts.worklist.page' },
      { keys: ['Enter'], action: 'app.shortcuts.worklist.open' },
      { keys: ['e'], action: 'app.shortcuts.worklist.explain' },
      { keys: ['f'], action: 'app.shortcuts.worklist.filters' },
      { keys: ['l'], action: 'app.shortcuts.worklist.log' },
      { keys: ['s'], action: 'app.shortcuts.worklist.snooze' },
      { keys: ['Shift', 'p'], action: 'app.shortcuts.worklist.pin' },
    ],
  },
  {
    group: 'app.shortcuts.account.group',
    items: [
      { keys: ['l'], action: 'app.shortcuts.account.log' },
      { keys: ['p'], action: 'app.shortcuts.account.promise' },
      { keys: ['d'], action: 'app.shortcuts.account.dispute' },
      { keys: [ADD_FOLLOW_UP_KEY], action: 'app.shortcuts.account.followUp' },
    ],
  },
  {
    group: 'app.shortcuts.quickLog.group',
    items: [
      ...OUTCOMES_SHOWN.map((outcome) => ({ keys: [OUTCOME_KEYS[outcome].toUpperCase()], action: 'app.shortcuts.quickLog.outcome', outcome }) as const),
      { keys: ['Ctrl', 'Enter'], action: 'app.shortcuts.quickLog.save' },
      { keys: ['Esc'], action: 'app.shortcuts.quickLog.close' },
    ],
  },
  {
    group: 'app.shortcuts.openItems.group',
    items: [
      { keys: ['Tab'], action: 'app.shortcuts.openItems.tab' },
      { keys: ['↑', '↓'], action: 'app.shortcuts.openItems.move' },
      { keys: ['PgUp', 'PgDn'], action: 'app.shortcuts.openItems.page' },
      { keys: ['Home', 'End'], action: 'app.shortcuts.openItems.firstLast' },
      { keys: ['Space'], action: 'app.shortcuts.openItems.select' },
      { keys: ['Shift', 'click'], action: 'app.shortcuts.openItems.range' },
    ],
  },
];
