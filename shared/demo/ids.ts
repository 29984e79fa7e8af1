/** Deterministic uuidv7 ids: the timestamp comes from the row's own time, the rest from the seeded generator. */
import { v7 as uuidv7 } from 'uuid';
import type { Rng } from './random';

export type IdFactory = (msecs: number) => string;

export function idFactory(rng: Rng): IdFactory {
  // A running sequence keeps ids created for the same millisecond unique and in creation order.
  let seq = 0;
  return (msecs) => {
    seq = (seq + 1) & 0x7fffffff;
    return uuidv7({ msecs, seq, random: rng.bytes16() });
  };
}
