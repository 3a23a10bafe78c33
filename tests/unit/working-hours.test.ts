import { describe, expect, it } from "vitest";
import { addWorkingTime, isNightShift, istHour, subtractWorkingTime } from "@/core/domain/working-hours";

const H = 3_600_000;
// Instants written in IST for readability.
const ist = (local: string) => new Date(`${local}+05:30`);

describe("IST hours and the night shift", () => {
  it("reads the IST wall-clock hour across the UTC date line", () => {
    expect(istHour(ist("2021-06-21T00:10:00"))).toBe(0);
    expect(istHour(ist("2021-06-21T05:29:59"))).toBe(5);
    expect(istHour(ist("2021-06-21T23:59:59"))).toBe(23);
  });

  it("flags 22:00–06:00 IST, edges included at 22:00 and excluded at 06:00", () => {
    expect(isNightShift(ist("2021-06-21T21:59:59"))).toBe(false);
    expect(isNightShift(ist("2021-06-21T22:00:00"))).toBe(true);
    expect(isNightShift(ist("2021-06-22T03:00:00"))).toBe(true);
    expect(isNightShift(ist("2021-06-22T05:59:59"))).toBe(true);
    expect(isNightShift(ist("2021-06-22T06:00:00"))).toBe(false);
  });
});

describe("working time (08:00–22:00 IST)", () => {
  it("adds within the same day", () => {
    expect(addWorkingTime(ist("2021-06-21T10:00:00"), 2 * H)).toEqual(ist("2021-06-21T12:00:00"));
  });

  it("carries over the night to 08:00 the next day", () => {
    expect(addWorkingTime(ist("2021-06-21T21:00:00"), 2 * H)).toEqual(ist("2021-06-22T09:00:00"));
  });

  it("starts from 08:00 when asked at night, and spans several days", () => {
    expect(addWorkingTime(ist("2021-06-22T03:00:00"), 0)).toEqual(ist("2021-06-22T08:00:00"));
    expect(addWorkingTime(ist("2021-06-22T03:00:00"), 30 * H)).toEqual(ist("2021-06-24T10:00:00"));
  });

  it("ends exactly at 22:00 rather than rolling to the next morning", () => {
    expect(addWorkingTime(ist("2021-06-21T20:00:00"), 2 * H)).toEqual(ist("2021-06-21T22:00:00"));
  });

  it("subtracts back over the night", () => {
    expect(subtractWorkingTime(ist("2021-06-22T09:00:00"), 3 * H)).toEqual(ist("2021-06-21T20:00:00"));
    expect(subtractWorkingTime(ist("2021-06-22T02:00:00"), 3 * H)).toEqual(ist("2021-06-21T19:00:00"));
    expect(subtractWorkingTime(ist("2021-06-21T12:00:00"), 3 * H)).toEqual(ist("2021-06-21T09:00:00"));
  });

  it("refuses negative or non-finite amounts", () => {
    expect(() => addWorkingTime(ist("2021-06-21T10:00:00"), -1)).toThrow(RangeError);
    expect(() => subtractWorkingTime(ist("2021-06-21T10:00:00"), Number.NaN)).toThrow(RangeError);
  });
});
