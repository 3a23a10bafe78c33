import { describe, expect, it } from "vitest";
import { dueDigestSlot } from "@/core/domain/digest-slots";
import { inQuietHours } from "@/core/domain/quiet-hours";

const ist = (s: string) => new Date(`${s}+05:30`);

describe("dueDigestSlot", () => {
  it("is due from 09:00 IST for an hour, then not until 14:00", () => {
    expect(dueDigestSlot(ist("2021-06-23T08:59:59"))).toBeNull();
    expect(dueDigestSlot(ist("2021-06-23T09:00:00"))).toEqual({ key: "2021-06-23T09:00", at: ist("2021-06-23T09:00:00") });
    expect(dueDigestSlot(ist("2021-06-23T09:59:59"))?.key).toBe("2021-06-23T09:00");
    expect(dueDigestSlot(ist("2021-06-23T10:00:00"))).toBeNull();
    expect(dueDigestSlot(ist("2021-06-23T14:30:00"))?.key).toBe("2021-06-23T14:00");
    expect(dueDigestSlot(ist("2021-06-23T18:00:00"))?.key).toBe("2021-06-23T18:00");
  });

  it("names the IST date, not the UTC one (09:00 IST is 03:30 UTC)", () => {
    expect(dueDigestSlot(new Date("2021-06-23T03:30:00Z"))?.key).toBe("2021-06-23T09:00");
  });
});

describe("inQuietHours", () => {
  const night = { start: 21 * 60, end: 7 * 60 };
  it("wraps midnight: the start is inside, the end is not", () => {
    expect(inQuietHours(ist("2021-06-23T20:59:00"), night)).toBe(false);
    expect(inQuietHours(ist("2021-06-23T21:00:00"), night)).toBe(true);
    expect(inQuietHours(ist("2021-06-24T06:59:00"), night)).toBe(true);
    expect(inQuietHours(ist("2021-06-24T07:00:00"), night)).toBe(false);
  });
  it("within a day, and none", () => {
    expect(inQuietHours(ist("2021-06-23T13:30:00"), { start: 13 * 60, end: 14 * 60 })).toBe(true);
    expect(inQuietHours(ist("2021-06-23T14:00:00"), { start: 13 * 60, end: 14 * 60 })).toBe(false);
    expect(inQuietHours(ist("2021-06-23T13:30:00"), null)).toBe(false);
  });
});
