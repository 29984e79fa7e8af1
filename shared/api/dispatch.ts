/** Validates a raw call against the contract and runs the handler: the single entry point for every transport. */
import { z } from 'zod';
import { apiContract, isOperationName, type OperationName, type OperationOutput, type ParsedInput } from './contract';
import { isRefusalKey } from '../i18n/refusals';
import { DomainError, fail, isErrorReason, ok, type ApiError, type ErrorParams, type RefusalReason, type Result } from './result';

export type ApiHandlers = {
  readonly [K in OperationName]: (input: ParsedInput<K>) => OperationOutput<K> | Promise<OperationOutput<K>>;
};

export interface DispatchOptions {
  /** Check handler output against the contract too (tests and dev:web do; the packaged app need not). */
  readonly validateOutput?: boolean;
  /** Called with unexpected errors before they are turned into an `internal` result. */
  readonly onUnexpectedError?: (operation: string, error: unknown) => void;
}

type Issue = z.core.$ZodIssue;

/** The value at `path` in `input`, or undefined when it (or a step on the way) is absent. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[step];
  }
  return value;
}

const bound = (value: number | bigint): number => Number(value);

/**
 * The reason a zod issue gives, with its values, for the client to word in the user's language;
 * undefined for an issue the client words with the message alone (custom rules without a
 * `params.reason`, unions, dates). Zod leaves the input out of its issues, so whether a field was
 * missing is read from `input` when the caller has it, else from zod's wording.
 */
export function issueReason(issue: Issue, input?: unknown): { readonly reason: RefusalReason; readonly params?: ErrorParams } | undefined {
  switch (issue.code) {
    case 'too_big': {
      const max = bound(issue.maximum);
      if (issue.origin === 'string') return { reason: 'tooLong', params: { max } };
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
        return issue.inclusive === false ? { reason: 'notBelow', params: { max } } : { reason: 'tooLarge', params: { max } };
      }
      if (issue.origin === 'array' || issue.origin === 'set') return { reason: 'tooMany', params: { max } };
      return undefined;
    }
    case 'too_small': {
      const min = bound(issue.minimum);
      if (issue.origin === 'string') return min <= 1 && issue.inclusive !== false ? { reason: 'required' } : { reason: 'tooShort', params: { min } };
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
        return issue.inclusive === false ? { reason: 'notAbove', params: { min } } : { reason: 'tooSmall', params: { min } };
      }
      if (issue.origin === 'array' || issue.origin === 'set') return min <= 1 && issue.inclusive !== false ? { reason: 'required' } : { reason: 'tooFew', params: { min } };
      return undefined;
    }
    case 'invalid_type': {
      const missing = input === undefined ? issue.message.endsWith('received undefined') : valueAt(input, issue.path) === undefined;
      return { reason: missing ? 'required' : 'wrongType' };
    }
    case 'invalid_value':
      return { reason: 'notOneOf' };
    case 'invalid_format':
      return { reason: 'invalidFormat', params: { format: issue.format } };
    case 'unrecognized_keys':
      return { reason: 'unknownField' };
    case 'custom': {
      const { reason, ...rest } = (issue.params ?? {}) as Record<string, unknown>;
      if (!isErrorReason(reason) && !isRefusalKey(reason)) return undefined;
      const params = Object.fromEntries(Object.entries(rest).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number'));
      return Object.keys(params).length > 0 ? { reason, params } : { reason };
    }
    default:
      return undefined;
  }
}

/**
 * The first issue as an API error: the field's path and an English message ("name Too big: …"),
 * with the reason and its values for the client to word. `input` is what was parsed, to tell a
 * missing field from one of the wrong type.
 */
export function validationError(error: z.ZodError, prefix = '', input?: unknown): ApiError {
  const issue = error.issues[0];
  // An unknown key is reported on its parent object; name the key itself so the caller sees which one.
  const extra = issue?.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [];
  const field = issue ? [prefix, ...issue.path.map(String), ...extra].filter(Boolean).join('.') : prefix;
  const message = issue ? `${field ? `${field} ` : ''}${issue.message}`.trim() : 'invalid input';
  const detail = issue ? issueReason(issue, input) : undefined;
  return {
    code: 'validation',
    message,
    ...(field ? { field } : {}),
    ...(detail === undefined ? {} : { reason: detail.reason }),
    ...(detail?.params === undefined ? {} : { params: detail.params }),
  };
}

export async function dispatch(
  handlers: ApiHandlers,
  operation: unknown,
  rawInput: unknown,
  options: DispatchOptions = {},
): Promise<Result<unknown>> {
  if (typeof operation !== 'string' || !isOperationName(operation)) {
    return fail({ code: 'unknown_operation', message: `unknown operation "${String(operation)}"` });
  }
  const spec = apiContract[operation];
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) return fail(validationError(parsed.error, '', rawInput ?? {}));
  try {
    const handler = handlers[operation] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    if (options.validateOutput) {
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        options.onUnexpectedError?.(operation, checked.error);
        return fail({ code: 'internal', message: `the result of ${operation} did not match the contract` });
      }
    }
    return ok(value);
  } catch (error) {
    if (error instanceof DomainError) {
      return fail(error.toApiError());
    }
    options.onUnexpectedError?.(operation, error);
    return fail({ code: 'internal', message: `${operation} failed unexpectedly; the details are in the log` });
  }
}
