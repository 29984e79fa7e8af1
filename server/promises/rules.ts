/**
 * The grace and tolerance the server judges promises by, in its evaluation and in a rule that
 * judges a promise before replacing it. The desktop's default is the same; a desktop set otherwise
 * judges differently offline, and the server's verdicts replace its own when they arrive.
 */
import { DEFAULT_PROMISE_RULES, type PromiseRules } from '../../shared/domain/promise';

export const SERVER_PROMISE_RULES: PromiseRules = DEFAULT_PROMISE_RULES;
