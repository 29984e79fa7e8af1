import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requireDisputable } from '../../shared/domain/amount-limits';
import { DISPUTE_STATUSES, type DisputeStatus } from '../../shared/domain/codes';
import {
  DISPUTE_ACTIONS,
  allowedDisputeActions,
  isOpenDispute,
  transitionDispute,
  type DisputeAction,
} from '../../shared/domain/dispute';

const resolution = { resolution: 'credit_memo_issued', rootCause: 'billing' } as const;
const apply = (status: DisputeStatus, action: DisputeAction) => transitionDispute(status, action, resolution);

describe('dispute life cycle', () => {
  it('follows the main path new -> in_process -> resolved -> closed', () => {
    expect(['start', 'resolve', 'close'].reduce<DisputeStatus>((s, a) => apply(s, a as DisputeAction), 'new')).toBe('closed');
  });

  it('reopens resolved and closed cases, voids only open early cases', () => {
    expect(apply('closed', 'reopen')).toBe('in_process');
    expect(apply('resolved', 'reopen')).toBe('in_process');
    expect(apply('new', 'void')).toBe('voided');
    expect(() => apply('resolved', 'void')).toThrow('a dispute that is resolved can only be closed or reopened');
    expect(allowedDisputeActions('voided')).toEqual([]);
  });

  it('needs a resolution to resolve', () => {
    expect(() => transitionDispute('in_process', 'resolve')).toThrow(expect.objectContaining({ field: 'resolution' }) as Error);
  });

  it('accepts exactly the allowed actions from every state (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DISPUTE_STATUSES), fc.constantFrom(...DISPUTE_ACTIONS), (status, action) => {
        const allowed = allowedDisputeActions(status).includes(action);
        if (allowed) expect(DISPUTE_STATUSES).toContain(apply(status, action));
        else expect(() => apply(status, action)).toThrow(expect.objectContaining({ code: 'conflict' }) as Error);
      }),
    );
  });

  it('reaches every state from new, and random valid walks stay valid (property)', () => {
    const reachable = new Set<DisputeStatus>(['new']);
    const queue: DisputeStatus[] = ['new'];
    for (let status = queue.shift(); status !== undefined; status = queue.shift()) {
      for (const action of allowedDisputeActions(status)) {
        const next = apply(status, action);
        if (!reachable.has(next)) {
          reachable.add(next);
          queue.push(next);
        }
      }
    }
    expect([...reachable].sort()).toEqual([...DISPUTE_STATUSES].sort());

    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 30 }), (choices) => {
        let status: DisputeStatus = 'new';
        for (const choice of choices) {
          const options = allowedDisputeActions(status);
          const action = options[choice % Math.max(1, options.length)];
          if (action === undefined) break;
          status = apply(status, action);
        }
        expect(DISPUTE_STATUSES).toContain(status);
      }),
    );
  });

  it('knows which states are open', () => {
    expect(DISPUTE_STATUSES.filter(isOpenDispute)).toEqual(['new', 'in_process', 'escalated']);
  });
});

describe('disputed amounts', () => {
  it('never exceeds the open amount and is positive', () => {
    expect(() => { requireDisputable(500, 500, 'EUR', 'items.0.amountMinor'); }).not.toThrow();
    expect(() => { requireDisputable(501, 500, 'EUR', 'items.0.amountMinor'); }).toThrow(
      expect.objectContaining({ field: 'items.0.amountMinor' }) as Error,
    );
    expect(() => { requireDisputable(0, 500, 'EUR', 'x'); }).toThrow(/positive/);
    expect(() => { requireDisputable(1.5, 500, 'EUR', 'x'); }).toThrow(/whole number/);
  });
});
