/**
 * The one source of randomness of the demo portfolio: a seeded generator, so the same seed
 * (and as-of date) always gives the same database, ids included.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

const TWO_POW_32 = 4_294_967_296;

export class Rng {
  readonly #generator: RandomGenerator;

  constructor(seed: number) {
    this.#generator = xoroshiro128plus(seed);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return (this.#generator.next() >>> 0) / TWO_POW_32;
  }

  /** Uniform integer in [from, to], both included. */
  int(from: number, to: number): number {
    return from + Math.floor(this.float() * (to - from + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(values: readonly T[]): T {
    const value = values[Math.floor(this.float() * values.length)];
    if (value === undefined) throw new RangeError('cannot pick from an empty list');
    return value;
  }

  /** Picks a value with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let target = this.float() * total;
    for (const [value, weight] of entries) {
      target -= weight;
      if (target < 0) return value;
    }
    const last = entries.at(-1);
    if (last === undefined) throw new RangeError('cannot pick from an empty list');
    return last[0];
  }

  /** Standard normal deviate (Box-Muller). */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and spread (sigma of the underlying normal). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Sixteen bytes for a uuid's random part. */
  bytes16(): Uint8Array {
    const bytes = new Uint8Array(16);
    for (let offset = 0; offset < 16; offset += 4) {
      const word = this.#generator.next() >>> 0;
      bytes[offset] = word & 0xff;
      bytes[offset + 1] = (word >>> 8) & 0xff;
      bytes[offset + 2] = (word >>> 16) & 0xff;
      bytes[offset + 3] = (word >>> 24) & 0xff;
    }
    return bytes;
  }

  shuffle<T>(values: T[]): T[] {
    for (let i = values.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      const a = values[i];
      const b = values[j];
      if (a === undefined || b === undefined) continue;
      values[i] = b;
      values[j] = a;
    }
    return values;
  }
}
