import { describe, expect, it } from 'vitest';
import type { OpenItem } from '../../../renderer/src/account/types';
import {
  canCancel,
  disputedItems,
  dueState,
  instalmentLabel,
  isPlanInstalment,
  itemsLabel,
  promiseTitle,
  userName,
  type User,
  type WorkDispute,
  type WorkPromise,
} from '../../../renderer/src/collector/workLists';

const CUSTOMER = '00000000-0000-7000-8000-000000000001';
const PLAN = '00000000-0000-7000-8000-0000000000f1';
const ITEM_A = '00000000-0000-7000-8000-000000000011';
const ITEM_B = '00000000-0000-7000-8000-000000000012';
const GONE = '00000000-0000-7000-8000-000000000013';

function promise(id: string, patch: Partial<WorkPromise> = {}): WorkPromise {
  return {
    id,
    customerId: CUSTOMER,
    planId: null,
    amountMinor: 10_000,
    currency: 'EUR',
    promisedDate: '2026-12-01',
    paymentMethod: null,
    note: '',
    status: 'open',
    level: 1,
    paidMinor: 0,
    itemIds: [],
    supersededIds: [],
    ...patch,
  };
}

const openItems = [
  { id: ITEM_A, documentNumber: 'INV-11' },
  { id: ITEM_B, documentNumber: 'INV-12' },
] as unknown as OpenItem[];

describe('promises from customer.work', () => {
  it('titles a promise as the timeline does, with its level after a supersede', () => {
    expect(promiseTitle(promise('p1'))).toBe('Promise to pay by Dec 01, 2026');
    expect(promiseTitle(promise('p2', { level: 3, promisedDate: '2026-12-24' }))).toBe('Promise to pay by Dec 24, 2026 (level 3)');
  });

  it('offers cancelling only while open, and the whole plan only for plan instalments', () => {
    expect(canCancel(promise('p1'))).toBe(true);
    expect(canCancel(promise('p1', { status: 'broken' }))).toBe(false);
    expect(isPlanInstalment(promise('p1'))).toBe(false);
    expect(isPlanInstalment(promise('p1', { planId: PLAN }))).toBe(true);
  });

  it('numbers the instalments of a plan among those listed, by position', () => {
    const first = promise('i1', { planId: PLAN, promisedDate: '2026-12-01' });
    const single = promise('s1');
    const second = promise('i2', { planId: PLAN, promisedDate: '2027-01-01' });
    const listed = [first, single, second];
    expect(instalmentLabel(first, listed)).toBe('Instalment 1 of 2');
    expect(instalmentLabel(second, listed)).toBe('Instalment 2 of 2');
    expect(instalmentLabel(single, listed)).toBeNull();
  });
});

describe('items', () => {
  it('names items by document number and counts the ones no longer open', () => {
    expect(itemsLabel([ITEM_B, ITEM_A], openItems)).toBe('INV-12, INV-11');
    expect(itemsLabel([ITEM_A, GONE], openItems)).toBe('INV-11, 1 item no longer open');
    expect(itemsLabel([], openItems)).toBe('');
  });

  it('lists the disputed amount per item of a dispute', () => {
    const dispute = { items: [{ itemId: ITEM_A, disputedMinor: 10_000 }, { itemId: GONE, disputedMinor: 2_550 }] } as WorkDispute;
    expect(disputedItems(dispute, openItems)).toEqual([
      { itemId: ITEM_A, label: 'INV-11', disputedMinor: 10_000 },
      { itemId: GONE, label: 'item no longer open', disputedMinor: 2_550 },
    ]);
  });
});

describe('people and dates', () => {
  const users: User[] = [
    { id: 'u1', displayName: 'Mia Collector', role: 'collector', isLocalProfile: true },
    { id: 'u2', displayName: 'Lea Lead', role: 'team_lead', isLocalProfile: false },
  ];

  it('names users, the local profile as you, unknown or missing ids as nobody', () => {
    expect(userName('u1', users)).toBe('Mia Collector (you)');
    expect(userName('u2', users)).toBe('Lea Lead');
    expect(userName('u9', users)).toBeNull();
    expect(userName(null, users)).toBeNull();
  });

  it('tells overdue, due today and later follow-ups apart by calendar date', () => {
    expect(dueState('2026-11-22', '2026-11-23')).toBe('overdue');
    expect(dueState('2026-11-23', '2026-11-23')).toBe('today');
    expect(dueState('2026-11-24', '2026-11-23')).toBe('later');
  });
});
