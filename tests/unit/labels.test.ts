import { describe, expect, it } from 'vitest';
import * as codes from '../../shared/domain/codes';
import * as labels from '../../shared/domain/labels';

// Each code list and the label map that must cover it exactly.
const PAIRS: readonly [string, readonly string[], Readonly<Record<string, string>>][] = [
  ['ITEM_KINDS', codes.ITEM_KINDS, labels.ITEM_KIND_LABELS],
  ['RISK_CLASSES', codes.RISK_CLASSES, labels.RISK_CLASS_LABELS],
  ['CHANNELS', codes.CHANNELS, labels.CHANNEL_LABELS],
  ['DIRECTIONS', codes.DIRECTIONS, labels.DIRECTION_LABELS],
  ['OUTCOMES', codes.OUTCOMES, labels.OUTCOME_LABELS],
  ['PROMISE_STATUSES', codes.PROMISE_STATUSES, labels.PROMISE_STATUS_LABELS],
  ['DISPUTE_STATUSES', codes.DISPUTE_STATUSES, labels.DISPUTE_STATUS_LABELS],
  ['DISPUTE_REASONS', codes.DISPUTE_REASONS, labels.DISPUTE_REASON_LABELS],
  ['DISPUTE_RESOLUTIONS', codes.DISPUTE_RESOLUTIONS, labels.DISPUTE_RESOLUTION_LABELS],
  ['ROOT_CAUSES', codes.ROOT_CAUSES, labels.ROOT_CAUSE_LABELS],
  ['ESCALATION_KINDS', codes.ESCALATION_KINDS, labels.ESCALATION_KIND_LABELS],
  ['ESCALATION_STATUSES', codes.ESCALATION_STATUSES, labels.ESCALATION_STATUS_LABELS],
  ['FOLLOW_UP_STATUSES', codes.FOLLOW_UP_STATUSES, labels.FOLLOW_UP_STATUS_LABELS],
  ['OVERRIDE_KINDS', codes.OVERRIDE_KINDS, labels.OVERRIDE_KIND_LABELS],
  ['ROLES', codes.ROLES, labels.ROLE_LABELS],
  ['PAYMENT_METHODS', codes.PAYMENT_METHODS, labels.PAYMENT_METHOD_LABELS],
];

describe('labels', () => {
  it('covers every code list in codes.ts', () => {
    const lists = Object.entries(codes).filter(([, value]) => Array.isArray(value)).map(([name]) => name);
    expect(PAIRS.map(([name]) => name).sort()).toEqual(lists.sort());
  });

  it.each(PAIRS)('%s: one distinct, non-empty label per code and no extras', (_name, list, map) => {
    expect(Object.keys(map).sort()).toEqual([...list].sort());
    const values = list.map((code) => map[code] ?? '');
    for (const label of values) expect(label.trim()).toBe(label);
    expect(values.every((label) => label.length > 0)).toBe(true);
    expect(new Set(values).size).toBe(values.length);
  });

  it('reads like plain English', () => {
    expect(labels.OUTCOME_LABELS.promise_to_pay).toBe('Promise to pay');
    expect(labels.ITEM_KIND_LABELS.credit_memo).toBe('Credit memo');
    expect(labels.RISK_CLASS_LABELS.critical).toBe('Critical');
  });
});
