/**
 * The 48-hour rule: an offline-register entry must reach the national portal within 48 hours of vaccination.
 * Pure functions; `now` is always a parameter so that the rules can be tested at their boundaries.
 */
export const DEADLINE_HOURS = 48;
export const DUE_SOON_HOURS = 6;

const HOUR_MS = 3_600_000;

export const AGE_BUCKETS = ["h0_12", "h12_24", "h24_36", "h36_48", "overdue"] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

export const AGE_BUCKET_LABELS: Record<AgeBucket, string> = {
  h0_12: "0–12 h",
  h12_24: "12–24 h",
  h24_36: "24–36 h",
  h36_48: "36–48 h",
  overdue: "Overdue (48 h+)",
};

/** Lower bound (inclusive) of each bucket, in hours of age. */
const BUCKET_START_HOURS: Record<AgeBucket, number> = { h0_12: 0, h12_24: 12, h24_36: 24, h36_48: 36, overdue: DEADLINE_HOURS };

export type AgeBucketCounts = Record<AgeBucket, number>;

export function emptyBucketCounts(): AgeBucketCounts {
  return { h0_12: 0, h12_24: 0, h24_36: 0, h36_48: 0, overdue: 0 };
}

/** Milliseconds since vaccination; a clock-skewed future time counts as age 0. */
export function pendingAgeMs(vaccinatedAt: Date, now: Date): number {
  return Math.max(0, now.getTime() - vaccinatedAt.getTime());
}

export function entryDeadline(vaccinatedAt: Date): Date {
  return new Date(vaccinatedAt.getTime() + DEADLINE_HOURS * HOUR_MS);
}

/** Negative once the deadline has passed. */
export function msUntilDeadline(vaccinatedAt: Date, now: Date): number {
  return entryDeadline(vaccinatedAt).getTime() - now.getTime();
}

/** Overdue from the 48:00 mark itself: at 47:59:59.999 an entry is still on time. */
export function isOverdue(vaccinatedAt: Date, now: Date): boolean {
  return msUntilDeadline(vaccinatedAt, now) <= 0;
}

/** Not yet overdue, with 6 hours or less left. */
export function isDueWithin6h(vaccinatedAt: Date, now: Date): boolean {
  const left = msUntilDeadline(vaccinatedAt, now);
  return left > 0 && left <= DUE_SOON_HOURS * HOUR_MS;
}

export function ageBucket(vaccinatedAt: Date, now: Date): AgeBucket {
  const ageHours = pendingAgeMs(vaccinatedAt, now) / HOUR_MS;
  for (let i = AGE_BUCKETS.length - 1; i >= 0; i--) {
    const bucket = AGE_BUCKETS[i]!;
    if (ageHours >= BUCKET_START_HOURS[bucket]) return bucket;
  }
  return "h0_12";
}

/**
 * The vaccinated-at cut-offs that put a record into each bucket at `now`, for database queries:
 * a record is in `bucket` when cutoffs.after[bucket] < vaccinatedAt <= cutoffs.atOrBefore[bucket].
 * Kept next to ageBucket() so both speak the same boundaries (a test checks they agree).
 */
export function bucketStart(bucket: AgeBucket, now: Date): Date {
  return new Date(now.getTime() - BUCKET_START_HOURS[bucket] * HOUR_MS);
}

/** vaccinatedAt at or before this instant means overdue at `now`. */
export function overdueCutoff(now: Date): Date {
  return bucketStart("overdue", now);
}

/** vaccinatedAt at or before this instant (and after the overdue cut-off) means due within 6 h. */
export function dueSoonCutoff(now: Date): Date {
  return new Date(now.getTime() - (DEADLINE_HOURS - DUE_SOON_HOURS) * HOUR_MS);
}
