/**
 * A seeded PRNG and the few draws the demo generator needs. mulberry32 is tiny and fast; with a fixed seed
 * every run produces the same sequence, which makes the demo data byte-identical for a given anchor.
 */
import "server-only";
export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [min, max], both inclusive. */
export function randInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function randBetween(rng: Rng, min: number, max: number): number {
  return min + rng() * (max - min);
}

export function chance(rng: Rng, probability: number): boolean {
  return rng() < probability;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error("pick() from an empty list");
  return item;
}

export function weightedPick<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = rng() * total;
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  const last = entries[entries.length - 1];
  if (!last) throw new Error("weightedPick() from an empty list");
  return last[0];
}

/** Fisher–Yates, in place. */
export function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

export function randomDigits(rng: Rng, count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) out += String(Math.floor(rng() * 10));
  return out;
}

export function randomLetters(rng: Rng, count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) out += String.fromCharCode(65 + Math.floor(rng() * 26));
  return out;
}

/** `count` distinct indices in [0, size), in ascending order. */
export function sampleIndices(rng: Rng, size: number, count: number): number[] {
  if (count > size) throw new Error(`cannot sample ${count} of ${size}`);
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(Math.floor(rng() * size));
  return [...chosen].sort((a, b) => a - b);
}
