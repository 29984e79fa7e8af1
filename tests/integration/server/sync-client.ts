/** A minimal sync client for the sync suites: push and pull through the HTTP API. */
import { v7 as uuidv7 } from 'uuid';
import { expect } from 'vitest';
import type { Change, CreatedIds, MutationResult, PullResponse, PushResponse, SequenceGap } from '../../../shared/sync/protocol';
import { syncHeaders, type Harness } from './support/harness';

export interface TestMutation {
  readonly id: string;
  readonly seq: number;
  readonly name: string;
  readonly args: unknown;
  readonly createdAt: string;
  readonly ids?: CreatedIds;
}

export type PushReply = { readonly status: 200; readonly body: PushResponse } | { readonly status: 409; readonly body: SequenceGap };

/** An outbox: mutations get consecutive client sequences in the order they are made. */
export class TestClient {
  readonly id = uuidv7();
  readonly outbox: TestMutation[] = [];

  constructor(
    private readonly h: Harness,
    /** Replaced by a test when the access token expired. */
    public token: string,
  ) {}

  make(name: string, args: unknown, ids?: CreatedIds): TestMutation {
    const mutation: TestMutation = {
      id: uuidv7(),
      seq: this.outbox.length + 1,
      name,
      args,
      createdAt: this.h.clock.now().toISOString(),
      ...(ids === undefined ? {} : { ids }),
    };
    this.outbox.push(mutation);
    return mutation;
  }

  async push(mutations: readonly TestMutation[]): Promise<PushReply> {
    const response = await this.h.app.inject({
      method: 'POST',
      url: '/v1/sync/push',
      headers: syncHeaders(this.token),
      payload: { clientId: this.id, mutations },
    });
    if (response.statusCode === 409) return { status: 409, body: response.json<SequenceGap>() };
    expect(response.statusCode, response.body).toBe(200);
    return { status: 200, body: response.json<PushResponse>() };
  }

  /** Pushes and expects no gap; the per-mutation results. */
  async pushOk(mutations: readonly TestMutation[]): Promise<MutationResult[]> {
    const reply = await this.push(mutations);
    if (reply.status !== 200) throw new Error(`unexpected gap: ${JSON.stringify(reply.body)}`);
    return reply.body.results;
  }
}

export async function pullPage(h: Harness, token: string, cursor: string | null, limit = 1000): Promise<PullResponse> {
  const response = await h.app.inject({ method: 'POST', url: '/v1/sync/pull', headers: syncHeaders(token), payload: { cursor, limit } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<PullResponse>();
}

/** Pulls until hasMore is false; every page and the final cursor. */
export async function pullAll(h: Harness, token: string, cursor: string | null, limit = 1000): Promise<{ pages: PullResponse[]; changes: Change[]; cursor: string }> {
  const pages: PullResponse[] = [];
  let next = cursor;
  for (;;) {
    const page = await pullPage(h, token, next, limit);
    pages.push(page);
    next = page.cursor;
    if (!page.hasMore) break;
  }
  return { pages, changes: pages.flatMap((page) => page.changes), cursor: next };
}

export const contactLog = (customerId: string, note = 'called') => ({ customerId, channel: 'phone', outcome: 'no_answer', note });

/** An open invoice of `openMinor` EUR cents on the customer, as the ERP import would write it. */
export async function seedItem(h: Harness, customerId: string, openMinor: number): Promise<string> {
  const id = uuidv7();
  await h.testDb.db
    .insertInto('open_items')
    .values({
      id,
      erp_key: `ERP-${id}`,
      customer_id: customerId,
      kind: 'invoice',
      document_number: `INV-${id.slice(-6)}`,
      reference: null,
      document_date: '2026-01-10',
      due_date: '2026-02-09',
      currency: 'EUR',
      original_minor: openMinor,
      open_minor: openMinor,
      cleared_at: null,
      updated_at: h.clock.now().toISOString(),
      updated_seq: 0,
    })
    .execute();
  return id;
}
