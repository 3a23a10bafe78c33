export type Timing = { p50: number; p95: number; mean: number };

/** Runs `fn` `warmup` times untimed, then `iterations` times one after another; milliseconds. */
export async function measure(fn: () => Promise<unknown>, iterations: number, warmup: number): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), mean: samples.reduce((s, x) => s + x, 0) / samples.length };
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
export const count = (value: number) => value.toLocaleString("en-US");

/** Plain-text table; the first `textColumns` columns are left-aligned, the rest (numbers) right-aligned. */
export function table(header: string[], rows: string[][], textColumns = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < textColumns ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
