/**
 * A `t` that remembers its answers, for what renders in bulk: a worklist row calls `t` about twenty
 * times, mostly with values other rows share ("Risk high", "630 d", "Mar 15"), and i18next's
 * interpolation and nesting made those calls the largest part of a row's render. An answer depends
 * on the language, the key and the values alone, and a language switch brings a new `t`, so a
 * remembered answer is never stale. Bounded: the memory is emptied when it holds `capacity` answers.
 */
import type { TFunction } from 'i18next';

export const MEMO_T_CAPACITY = 20_000;

export function memoT(t: TFunction, capacity = MEMO_T_CAPACITY): TFunction {
  const answers = new Map<string, string>();
  const translate = t as unknown as (key: unknown, options?: unknown) => string;
  const remembering = (key: unknown, options?: unknown): string => {
    const id = options === undefined ? JSON.stringify(key) : JSON.stringify([key, options]);
    let answer = answers.get(id);
    if (answer === undefined) {
      answer = translate(key, options);
      if (answers.size >= capacity) answers.clear();
      answers.set(id, answer);
    }
    return answer;
  };
  return remembering as unknown as TFunction;
}
