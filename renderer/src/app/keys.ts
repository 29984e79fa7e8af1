/** Shared keyboard helpers: which targets keep their keys, and whether an overlay owns Escape. */
import { OUTCOME_LABELS } from '../../../shared/domain/labels';
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

export const hasModifier = (event: KeyboardEvent): boolean => event.ctrlKey || event.metaKey || event.altKey;

export interface Shortcut {
  readonly keys: readonly string[];
  readonly action: string;
}

export const SHORTCUTS: readonly { readonly group: string; readonly items: readonly Shortcut[] }[] = [
  {
    group: 'Everywhere',
    items: [
      { keys: ['/'], action: 'Search the worklist' },
      { keys: ['?'], action: 'Show this help' },
      { keys: ['Esc'], action: 'Close an overlay, or go back to the worklist' },
      { keys: ['Alt', '←'], action: 'Back to the worklist' },
      { keys: ['g', 'f'], action: 'My follow-ups (due today and overdue)' },
    ],
  },
  {
    group: 'Worklist',
    items: [
      { keys: ['↓', 'j'], action: 'Next customer' },
      { keys: ['↑', 'k'], action: 'Previous customer' },
      { keys: ['Home', 'End'], action: 'First / last customer' },
      { keys: ['PgUp', 'PgDn'], action: 'Move a page' },
      { keys: ['Enter'], action: 'Open the account' },
      { keys: ['e'], action: 'Explain the priority score' },
      { keys: ['f'], action: 'Go to the filters' },
      { keys: ['l'], action: 'Log a contact with the selected customer' },
      { keys: ['s'], action: 'Snooze the selected customer (reason, until)' },
      { keys: ['Shift', 'p'], action: 'Pin the selected customer to the top' },
    ],
  },
  {
    group: 'Account',
    items: [
      { keys: ['l'], action: 'Log a contact (quick-log panel)' },
      { keys: ['p'], action: 'Promise to pay for the selected items' },
      { keys: ['d'], action: 'Raise a dispute on the selected items' },
      { keys: [ADD_FOLLOW_UP_KEY], action: 'Add a follow-up' },
    ],
  },
  {
    group: 'Quick-log panel',
    items: [
      ...OUTCOMES_SHOWN.map((outcome) => ({ keys: [OUTCOME_KEYS[outcome].toUpperCase()], action: `Outcome: ${OUTCOME_LABELS[outcome]}` })),
      { keys: ['Ctrl', 'Enter'], action: 'Save (also in the promise, dispute and other forms)' },
      { keys: ['Esc'], action: 'Close; what was typed stays as a draft' },
    ],
  },
  {
    group: 'Open items',
    items: [
      { keys: ['Tab'], action: 'Into the list (one stop), and on past it' },
      { keys: ['↑', '↓'], action: 'Move between items' },
      { keys: ['PgUp', 'PgDn'], action: 'Move ten items' },
      { keys: ['Home', 'End'], action: 'First / last item' },
      { keys: ['Space'], action: 'Select or unselect the item' },
      { keys: ['Shift', 'click'], action: 'Select a range' },
    ],
  },
];
