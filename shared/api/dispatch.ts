/** Validates a raw call against the contract and runs the handler: the single entry point for every transport. */
import { z } from 'zod';
import { apiContract, isOperationName, type OperationName, type OperationOutput, type ParsedInput } from './contract';
import { DomainError, fail, ok, type ApiError, type Result } from './result';

export type ApiHandlers = {
  readonly [K in OperationName]: (input: ParsedInput<K>) => OperationOutput<K> | Promise<OperationOutput<K>>;
};

export interface DispatchOptions {
  /** Check handler output against the contract too (tests and dev:web do; the packaged app need not). */
  readonly validateOutput?: boolean;
  /** Called with unexpected errors before they are turned into an `internal` result. */
  readonly onUnexpectedError?: (operation: string, error: unknown) => void;
}

export function validationError(error: z.ZodError, prefix = ''): ApiError {
  const issue = error.issues[0];
  // An unknown key is reported on its parent object; name the key itself so the caller sees which one.
  const extra = issue?.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [];
  const field = issue ? [prefix, ...issue.path.map(String), ...extra].filter(Boolean).join('.') : prefix;
  const message = issue ? `${field ? `${field} ` : ''}${issue.message}`.trim() : 'invalid input';
  return field ? { code: 'validation', message, field } : { code: 'validation', message };
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
  if (!parsed.success) return fail(validationError(parsed.error));
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
      return fail(error.field ? { code: error.code, message: error.message, field: error.field } : { code: error.code, message: error.message });
    }
    options.onUnexpectedError?.(operation, error);
    return fail({ code: 'internal', message: `${operation} failed unexpectedly; the details are in the log` });
  }
}
