import type { z } from 'zod';
import { issueReason } from '../../shared/api/dispatch';
import { HttpError } from './errors';

/**
 * Parses a request part with zod; the first issue becomes a 400 naming the offending field, with
 * the issue's reason and values (shared/api/dispatch.ts) for the client to word.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, part: 'body' | 'query' | 'params' = 'body'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? undefined : issue.path.map(String).join('.');
  const where = field === undefined ? `request ${part}` : `"${field}"`;
  const wording = issue === undefined ? undefined : issueReason(issue, input);
  throw new HttpError(400, 'validation', `Invalid ${where}: ${issue?.message ?? 'malformed input'}.`, field, {}, wording);
}
