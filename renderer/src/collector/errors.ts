/** Which error a field shows: the server's for that field first, else the client check once touched. */
import type { ApiError } from '../../../shared/api/result';
import type { FieldErrors } from './validation';
import { errorText } from '../i18n/errorText';

export interface ErrorView {
  /** The message under the field with this key, or undefined. */
  readonly of: (key: string) => string | undefined;
}

export function errorView(
  client: FieldErrors,
  touched: ReadonlySet<string>,
  submitted: boolean,
  server: { readonly field: string | undefined; readonly error: ApiError } | null,
): ErrorView {
  return {
    of: (key) => {
      if (server?.field === key) return errorText(server.error);
      if (!submitted && !touched.has(key)) return undefined;
      return client[key];
    },
  };
}
