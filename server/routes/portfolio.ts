/** Scoped portfolio reads; the sync pull (next session) builds on the same scope filter. */
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import { principalOf } from '../auth/authenticate';
import { customerScopeFilter } from '../auth/scope';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import { parseInput } from '../http/validate';

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  /** Keyset cursor: the `number` of the last customer of the previous page. */
  after: z.string().min(1).max(100).optional(),
});
const idParams = z.strictObject({ id: z.string().min(1).max(100) });

export function registerPortfolioRoutes(app: FastifyInstance, ctx: ServerContext, authenticate: preHandlerAsyncHookHandler): void {
  app.get('/v1/portfolio/customers', { preHandler: authenticate }, async (request) => {
    const { limit, after } = parseInput(listQuery, request.query, 'query');
    let query = ctx.db.selectFrom('customers').selectAll('customers').where(customerScopeFilter(principalOf(request)));
    if (after !== undefined) query = query.where('customers.number', '>', after);
    const rows = await query.orderBy('customers.number').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    return { customers: page, next: rows.length > limit ? (page.at(-1)?.number ?? null) : null };
  });

  app.get('/v1/portfolio/customers/:id', { preHandler: authenticate }, async (request) => {
    const { id } = parseInput(idParams, request.params, 'params');
    const customer = await ctx.db
      .selectFrom('customers')
      .selectAll('customers')
      .where('customers.id', '=', id)
      .where(customerScopeFilter(principalOf(request)))
      .executeTakeFirst();
    // 404 whether it does not exist or is out of scope: the answer must not reveal which.
    if (customer === undefined) throw new HttpError(404, 'not_found', 'No such customer.');
    return customer;
  });
}
