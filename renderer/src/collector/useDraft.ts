/**
 * A form's draft kept with draft.get / draft.save: loaded once when the form opens, saved
 * DRAFT_SAVE_MS after the last change, so a half-typed note survives a reload or a restart.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OperationInput } from '../../../shared/api/contract';
import { api } from '../api/client';

type DraftValue = OperationInput<'draft.save'>['value'];

export const DRAFT_SAVE_MS = 500;

export type DraftState<T> = { readonly status: 'loading' } | { readonly status: 'ready'; readonly value: T | null };

/** The draft under `key`, read once; `key` null means the form keeps no draft. */
export function useDraftLoad(key: string | null): DraftState<unknown> {
  const [state, setState] = useState<{ key: string; value: unknown } | undefined>();
  useEffect(() => {
    if (key === null) return;
    let live = true;
    void api['draft.get']({ key }).then((result) => {
      // An unreadable draft is dropped rather than blocking the form.
      if (live) setState({ key, value: result.ok && result.value ? result.value.value : null });
    });
    return () => {
      live = false;
    };
  }, [key]);
  if (key === null) return { status: 'ready', value: null };
  return state?.key === key ? { status: 'ready', value: state.value } : { status: 'loading' };
}

/**
 * Saves `value` under `key` once it has been stable for DRAFT_SAVE_MS; `enabled` false skips
 * (while submitting, so a late save cannot bring back a draft the command just cleared). What is
 * still unsaved when the form closes is saved at once.
 */
export function useDraftSave(
  key: string,
  value: unknown,
  enabled: boolean,
  /** Whether there is anything to keep: a form as it opened is no draft, and one emptied again drops its draft. */
  worthKeeping = true,
): { readonly savedAt: string | null; readonly upToDate: boolean; readonly discard: () => void } {
  const [saved, setSaved] = useState<{ at: string; key: string; json: string } | null>(null);
  const json = JSON.stringify(value);
  /** What the form would leave behind if it closed now: this to save, or (keep false) its draft to drop. */
  const pending = useRef<{ key: string; json: string; keep: boolean } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const discarded = useRef(false);
  useEffect(() => {
    if (!enabled || discarded.current) {
      pending.current = null;
      return;
    }
    pending.current = { key, json, keep: worthKeeping };
    timer.current = setTimeout(() => {
      timer.current = null;
      const due = pending.current;
      pending.current = null;
      if (due === null || discarded.current) return;
      if (!due.keep) {
        setSaved(null);
        void clearDraft(due.key);
        return;
      }
      void save(due.key, due.json).then((at) => {
        if (at && !discarded.current) setSaved({ at, key: due.key, json: due.json });
      });
    }, DRAFT_SAVE_MS);
    return () => {
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [key, json, enabled, worthKeeping]);
  // Closing saves what was still waiting, or drops the draft of a form emptied again.
  useEffect(
    () => () => {
      const due = pending.current;
      if (due === null || discarded.current) return;
      if (due.keep) void save(due.key, due.json);
      else void clearDraft(due.key);
    },
    [],
  );
  // Cancel: nothing more is saved, neither by a timer still running nor by the close.
  const discard = useCallback(() => {
    discarded.current = true;
    pending.current = null;
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  }, []);
  // "Saved" only while what is on screen is what was stored: a status left over from an earlier
  // save must not promise that the latest keystrokes are safe.
  return { savedAt: saved?.at ?? null, upToDate: saved !== null && saved.key === key && saved.json === json, discard };
}

/** Stores `value` as the draft under `key` at once: what Undo brings back after a Cancel. False when it could not be stored. */
export async function restoreSavedDraft(key: string, value: unknown): Promise<boolean> {
  return (await save(key, JSON.stringify(value))) !== null;
}

/**
 * Drops the draft once its form's command went through. Commands without a `draftKey` of their
 * own (promise.create, promise.plan, dispute.create) call this after success; a failed clear only
 * leaves a stale draft behind, so it is not reported.
 */
export async function clearDraft(key: string): Promise<void> {
  await api['draft.clear']({ key });
}

async function save(key: string, json: string): Promise<string | null> {
  const result = await api['draft.save']({ key, value: JSON.parse(json) as DraftValue });
  return result.ok ? result.value.updatedAt : null;
}
