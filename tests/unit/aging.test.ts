import { describe, expect, it } from "vitest";
import {
  ageBucket,
  bucketStart,
  dueSoonCutoff,
  entryDeadline,
  isDueWithin6h,
  isOverdue,
  msUntilDeadline,
  overdueCutoff,
  pendingAgeMs,
} from "@/core/domain/aging";

const H = 3_600_000;
const M = 60_000;
// 16 June 2021, 23:30 IST: late in the mega camp day, so the deadline falls across midnight IST.
const vaccinatedAt = new Date("2021-06-16T18:00:00Z");
const at = (msAfter: number) => new Date(vaccinatedAt.getTime() + msAfter);

describe("48-hour deadline", () => {
  it("is 48 h after vaccination, across midnight IST (18 June 23:30 IST)", () => {
    expect(entryDeadline(vaccinatedAt).toISOString()).toBe("2021-06-18T18:00:00.000Z");
  });

  it("is not overdue at 47:59, and overdue at 48:00 exactly", () => {
    expect(isOverdue(vaccinatedAt, at(47 * H + 59 * M))).toBe(false);
    expect(isOverdue(vaccinatedAt, at(48 * H - 1))).toBe(false);
    expect(isOverdue(vaccinatedAt, at(48 * H))).toBe(true);
    expect(isOverdue(vaccinatedAt, at(48 * H + 1))).toBe(true);
  });

  it("counts down to zero at the deadline and below zero after it", () => {
    expect(msUntilDeadline(vaccinatedAt, at(47 * H + 59 * M))).toBe(M);
    expect(msUntilDeadline(vaccinatedAt, at(48 * H))).toBe(0);
    expect(msUntilDeadline(vaccinatedAt, at(50 * H))).toBe(-2 * H);
  });

  it("treats a vaccination time in the future (clock skew) as age 0", () => {
    expect(pendingAgeMs(vaccinatedAt, at(-5 * M))).toBe(0);
    expect(ageBucket(vaccinatedAt, at(-5 * M))).toBe("h0_12");
    expect(isOverdue(vaccinatedAt, at(-5 * M))).toBe(false);
  });
});

describe("due within 6 h", () => {
  it("starts at 42:00 of age and ends when the entry becomes overdue", () => {
    expect(isDueWithin6h(vaccinatedAt, at(42 * H - 1))).toBe(false);
    expect(isDueWithin6h(vaccinatedAt, at(42 * H))).toBe(true);
    expect(isDueWithin6h(vaccinatedAt, at(47 * H + 59 * M))).toBe(true);
    expect(isDueWithin6h(vaccinatedAt, at(48 * H))).toBe(false);
  });
});

describe("age buckets", () => {
  it.each([
    [0, "h0_12"],
    [12 * H - 1, "h0_12"],
    [12 * H, "h12_24"],
    [24 * H - 1, "h12_24"],
    [24 * H, "h24_36"],
    [36 * H - 1, "h24_36"],
    [36 * H, "h36_48"],
    [48 * H - 1, "h36_48"],
    [48 * H, "overdue"],
    [7 * 24 * H, "overdue"],
  ] as const)("age %i ms is in %s", (age, bucket) => {
    expect(ageBucket(vaccinatedAt, at(age))).toBe(bucket);
  });

  it("database cut-offs agree with ageBucket() on both sides of every boundary", () => {
    const now = new Date("2021-06-23T06:30:00Z");
    const boundaries = [12, 24, 36, 48].map((h) => now.getTime() - h * H);
    for (const boundary of boundaries) {
      for (const offset of [-1, 0, 1]) {
        const t = new Date(boundary + offset);
        const bucket = ageBucket(t, now);
        const inRange = (start: Date, end: Date | null) => t <= start && (end === null || t > end);
        const sqlBucket = inRange(bucketStart("overdue", now), null)
          ? "overdue"
          : inRange(bucketStart("h36_48", now), bucketStart("overdue", now))
            ? "h36_48"
            : inRange(bucketStart("h24_36", now), bucketStart("h36_48", now))
              ? "h24_36"
              : inRange(bucketStart("h12_24", now), bucketStart("h24_36", now))
                ? "h12_24"
                : "h0_12";
        expect(sqlBucket).toBe(bucket);
        expect(t <= overdueCutoff(now)).toBe(isOverdue(t, now));
        expect(t <= dueSoonCutoff(now) && t > overdueCutoff(now)).toBe(isDueWithin6h(t, now));
      }
    }
  });
});
