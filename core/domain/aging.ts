/**
 * The entry deadline as the dashboards ask about it: overdue, due within 6 h, and the time-left buckets. The rule
 * in force is a parameter (issue 12: a state's programme rules, core/domain/deadline-rule.ts); without one it is
 * Bihar's 48 hours, under which the buckets are the familiar ages 0–12 h … 36–48 h. Under any rule a bucket is
 * the time left: 36–48 h of age is "12 h or less left", and so on.
 * Pure functions; `now` is always a parameter so that the rules can be tested at their boundaries.
 */
import { FORTY_EIGHT_HOURS, deadlineOf, vaccinatedBefore, type DeadlineRule } from "@/core/domain/deadline-rule";

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

export function entryDeadline(vaccinatedAt: Date, rule: DeadlineRule = FORTY_EIGHT_HOURS): Date {
  return deadlineOf(rule, vaccinatedAt);
}

/** Negative once the deadline has passed. */
export function msUntilDeadline(vaccinatedAt: Date, now: Date, rule: DeadlineRule = FORTY_EIGHT_HOURS): number {
  return entryDeadline(vaccinatedAt, rule).getTime() - now.getTime();
}

/** Overdue from the deadline instant itself: under 48 h, at 47:59:59.999 an entry is still on time. */
export function isOverdue(vaccinatedAt: Date, now: Date, rule: DeadlineRule = FORTY_EIGHT_HOURS): boolean {
  return msUntilDeadline(vaccinatedAt, now, rule) <= 0;
}

/** Not yet overdue, with 6 hours or less left. */
export function isDueWithin6h(vaccinatedAt: Date, now: Date, rule: DeadlineRule = FORTY_EIGHT_HOURS): boolean {
  const left = msUntilDeadline(vaccinatedAt, now, rule);
  return left > 0 && left <= DUE_SOON_HOURS * HOUR_MS;
}

/** Hours of time left at which each bucket begins (inclusive): "h36_48" is 12 h or less left. */
const BUCKET_LEFT_HOURS: Record<Exclude<AgeBucket, "h0_12">, number> = { overdue: 0, h36_48: 12, h24_36: 24, h12_24: 36 };

export function ageBucket(vaccinatedAt: Date, now: Date, rule: DeadlineRule = FORTY_EIGHT_HOURS): AgeBucket {
  const left = msUntilDeadline(vaccinatedAt, now, rule);
  for (const bucket of ["overdue", "h36_48", "h24_36", "h12_24"] as const) if (left <= BUCKET_LEFT_HOURS[bucket] * HOUR_MS) return bucket;
  return "h0_12";
}

/**
 * The vaccination-time thresholds of every question at `now` under `rule`, for database queries: a record with
 * vaccinated_at < before[bucket] is in that bucket or a later one, and vaccinated_at < dueSoon means due within
 * 6 h or overdue. They come from vaccinatedBefore(), so SQL and ageBucket() cannot disagree (tests pin both).
 */
export type DeadlineThresholds = { h12_24: Date; h24_36: Date; h36_48: Date; dueSoon: Date; overdue: Date };

export function deadlineThresholds(rule: DeadlineRule, now: Date): DeadlineThresholds {
  const at = (hoursLeft: number) => vaccinatedBefore(rule, new Date(now.getTime() + hoursLeft * HOUR_MS));
  return { h12_24: at(36), h24_36: at(24), h36_48: at(12), dueSoon: at(DUE_SOON_HOURS), overdue: at(0) };
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
