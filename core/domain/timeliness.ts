/**
 * How fast entries reach the portal (issue 5). Pure.
 *
 * Decision: "within 24 h" and "within 48 h" mean a lag strictly below the mark, matching the deadline rule in
 * aging.ts (an entry is overdue from 48:00:00.000 exactly). An entry keyed in at 24:00:00.000 is late for the
 * 24-hour share; one at 23:59:59.999 is on time.
 */
const HOUR_MS = 3_600_000;

/** Lag histogram edges in hours; the last bucket is open-ended (72 h and more). */
export const LAG_BUCKET_EDGES_HOURS = [0, 6, 12, 24, 36, 48, 72] as const;

export type LagBucket = { fromHours: number; toHours: number | null; count: number };

/** Time from vaccination to portal entry; negative lags (clock skew in imports) count as 0. */
export function entryLagMs(vaccinatedAt: Date, enteredAt: Date): number {
  return Math.max(0, enteredAt.getTime() - vaccinatedAt.getTime());
}

export function enteredWithin(vaccinatedAt: Date, enteredAt: Date, hours: number): boolean {
  return entryLagMs(vaccinatedAt, enteredAt) < hours * HOUR_MS;
}

export type Timeliness = {
  entered: number;
  within24h: number;
  within48h: number;
  /**
   * Entries still pending past the deadline: late already, whenever they are keyed in, so they count as late in
   * both shares (issue 15: a block with overdue entries can never read 100 %).
   */
  latePending: number;
  /** Shares in percent of entered + latePending; null when there is nothing to count (no share to speak of). */
  within24hPercent: number | null;
  within48hPercent: number | null;
};

export function timeliness(entries: readonly { vaccinatedAt: Date; enteredAt: Date }[], latePending = 0): Timeliness {
  const within24h = entries.filter((e) => enteredWithin(e.vaccinatedAt, e.enteredAt, 24)).length;
  const within48h = entries.filter((e) => enteredWithin(e.vaccinatedAt, e.enteredAt, 48)).length;
  return { entered: entries.length, within24h, within48h, latePending, ...timelinessShares(entries.length, within24h, within48h, latePending) };
}

/** The two shares, with the entries still pending past the deadline counted as late. */
export function timelinessShares(entered: number, within24h: number, within48h: number, latePending: number) {
  const counted = entered + latePending;
  const share = (n: number) => (counted > 0 ? (n / counted) * 100 : null);
  return { within24hPercent: share(within24h), within48hPercent: share(within48h) };
}

export function lagHistogram(lagsMs: readonly number[]): LagBucket[] {
  const buckets: LagBucket[] = LAG_BUCKET_EDGES_HOURS.map((from, i) => ({ fromHours: from, toHours: LAG_BUCKET_EDGES_HOURS[i + 1] ?? null, count: 0 }));
  for (const lag of lagsMs) {
    const hours = Math.max(0, lag) / HOUR_MS;
    const index = LAG_BUCKET_EDGES_HOURS.findLastIndex((edge) => hours >= edge);
    buckets[Math.max(0, index)]!.count++;
  }
  return buckets;
}
