import { describe, expect, it } from "vitest";
import { formatCountdown, formatIst, istDateKey } from "@/core/time/ist";

describe("IST display", () => {
  it("shows UTC instants in India Standard Time", () => {
    expect(formatIst(new Date("2021-06-16T18:00:00Z"))).toBe("16 Jun 2021, 23:30");
    expect(formatIst(new Date("2021-06-16T18:30:00Z"))).toBe("17 Jun 2021, 00:00");
  });
  it("puts a camp on its IST date, not its UTC date", () => {
    expect(istDateKey(new Date("2021-06-20T19:00:00Z"))).toBe("2021-06-21");
    expect(istDateKey(new Date("2021-06-20T18:29:59Z"))).toBe("2021-06-20");
  });
});

describe("countdown", () => {
  it("reads naturally before and after the deadline", () => {
    expect(formatCountdown(3 * 3_600_000 + 5 * 60_000)).toBe("3 h 05 m left");
    expect(formatCountdown(60_000)).toBe("0 h 01 m left");
    expect(formatCountdown(0)).toBe("overdue by 0 h 00 m");
    expect(formatCountdown(-(26 * 3_600_000))).toBe("overdue by 1 d 2 h");
  });
});
