/**
 * Seeded pseudo-random numbers for the sandbox's deterministic world. mulberry32 is tiny, fast and good
 * enough for test data; every stream is derived from (seed, key parts) so any record can be regenerated
 * on its own, in any order, without holding the others in memory.
 */

/** FNV-1a over a string, folded into an unsigned 32-bit integer. */
export function hashString(value: string, start = 0x811c9dc5): number {
  let h = start >>> 0;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Mixes a seed with key parts into one 32-bit stream seed. */
export function streamSeed(seed: number, ...parts: Array<string | number>): number {
  let h = hashString(String(seed >>> 0));
  for (const part of parts) h = hashString(`|${part}`, h);
  return h;
}

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A stream for one record: `Random.for(seed, 'order', sellerId, index)`. */
  static for(seed: number, ...parts: Array<string | number>): Random {
    return new Random(streamSeed(seed, ...parts));
  }

  /** Uniform in [0, 1) (mulberry32). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)];
  }

  /** `length` characters from `alphabet`. */
  chars(length: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  digits(length: number): string {
    return this.chars(length, '0123456789');
  }
}
