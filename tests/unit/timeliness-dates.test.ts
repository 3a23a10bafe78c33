import { describe, expect, it } from "vitest";
import { istDateOf, istDateRange, istMidnight } from "@/core/time/ist-date-range";
import { resolveRange } from "@/server/services/performance/timeliness";
import { AppError } from "@/server/errors/app-error";

describe("timeliness URL dates (IST, to inclusive)", () => {
  it("turns IST dates into [from, to) instants", () => {
    expect(istMidnight("2021-06-16")).toEqual(new Date("2021-06-15T18:30:00Z"));
    expect(istDateRange("2021-06-16", "2021-06-23")).toEqual({ ok: true, from: new Date("2021-06-15T18:30:00Z"), to: new Date("2021-06-23T18:30:00Z") });
    expect(istDateRange(null, undefined)).toEqual({ ok: true });
    expect(istDateOf(new Date("2021-06-15T18:30:00Z"))).toBe("2021-06-16");
  });

  it("refuses impossible dates with a message", () => {
    expect(istMidnight("2021-02-30")).toBeNull();
    expect(istDateRange("16/06/2021", null)).toEqual({ ok: false, name: "from", value: "16/06/2021" });
  });
});

describe("resolveRange", () => {
  const now = new Date("2021-06-23T06:30:00Z");
  it("defaults to the last 30 days", () => {
    expect(resolveRange(now, {})).toEqual({ from: new Date("2021-05-24T06:30:00Z"), to: now });
  });
  it("refuses reversed, empty and longer-than-a-year ranges; 366 days is allowed", () => {
    expect(() => resolveRange(now, { from: now, to: now })).toThrow(AppError);
    expect(() => resolveRange(now, { from: now, to: new Date(now.getTime() - 1) })).toThrow(/reversed/);
    expect(() => resolveRange(now, { from: new Date(now.getTime() - 366 * 86_400_000 - 1), to: now })).toThrow(/longer than a year/);
    expect(resolveRange(now, { from: new Date(now.getTime() - 366 * 86_400_000), to: now }).to).toEqual(now);
  });
});
