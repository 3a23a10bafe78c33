import { describe, expect, it } from "vitest";
import { deadlineOf, deadlineRuleProblem, FORTY_EIGHT_HOURS, isOverdueUnder, vaccinatedBefore, type DeadlineRule } from "@/core/domain/deadline-rule";

const BY_FIVE_NEXT_DAY: DeadlineRule = { kind: "byTime", days: 1, minuteOfDay: 17 * 60 };
const ist = (s: string) => new Date(`${s}+05:30`);

describe("the 48-hour rule", () => {
  const v = new Date("2021-06-16T05:00:00.000Z");
  it("is due 48 h after vaccination, overdue from that instant itself", () => {
    expect(deadlineOf(FORTY_EIGHT_HOURS, v)).toEqual(new Date("2021-06-18T05:00:00.000Z"));
    expect(isOverdueUnder(FORTY_EIGHT_HOURS, v, new Date("2021-06-18T04:59:59.999Z"))).toBe(false);
    expect(isOverdueUnder(FORTY_EIGHT_HOURS, v, new Date("2021-06-18T05:00:00.000Z"))).toBe(true);
  });
  it("has one vaccination-time threshold that agrees with the rule at the millisecond", () => {
    const now = new Date("2021-06-18T05:00:00.000Z");
    const t = vaccinatedBefore(FORTY_EIGHT_HOURS, now);
    for (const dv of [-1, 0, 1]) {
      const at = new Date(v.getTime() + dv);
      expect(at < t, String(dv)).toBe(isOverdueUnder(FORTY_EIGHT_HOURS, at, now));
    }
  });
});

describe('"by 17:00 the next day"', () => {
  it("counts the IST date of vaccination: 23:59 and 00:00 a minute later fall on different days", () => {
    expect(deadlineOf(BY_FIVE_NEXT_DAY, ist("2021-06-16T23:59:00"))).toEqual(ist("2021-06-17T17:00:00"));
    expect(deadlineOf(BY_FIVE_NEXT_DAY, ist("2021-06-17T00:00:00"))).toEqual(ist("2021-06-18T17:00:00"));
  });
  it("is on time at 16:59:59 the next day and overdue from 17:00", () => {
    const v = ist("2021-06-16T23:59:00");
    expect(isOverdueUnder(BY_FIVE_NEXT_DAY, v, ist("2021-06-17T16:59:59.999"))).toBe(false);
    expect(isOverdueUnder(BY_FIVE_NEXT_DAY, v, ist("2021-06-17T17:00:00"))).toBe(true);
    expect(isOverdueUnder(BY_FIVE_NEXT_DAY, ist("2021-06-17T00:00:00"), ist("2021-06-17T17:00:00"))).toBe(false);
  });
  it("has one vaccination-time threshold too: before 00:00 IST of the day after the last overdue date", () => {
    expect(vaccinatedBefore(BY_FIVE_NEXT_DAY, ist("2021-06-17T16:59:59.999"))).toEqual(ist("2021-06-16T00:00:00"));
    expect(vaccinatedBefore(BY_FIVE_NEXT_DAY, ist("2021-06-17T17:00:00"))).toEqual(ist("2021-06-17T00:00:00"));
    for (const now of [ist("2021-06-17T16:59:59.999"), ist("2021-06-17T17:00:00"), ist("2021-06-18T03:00:00")]) {
      const t = vaccinatedBefore(BY_FIVE_NEXT_DAY, now);
      for (const v of [ist("2021-06-15T12:00:00"), ist("2021-06-16T23:59:59.999"), ist("2021-06-17T00:00:00"), ist("2021-06-17T09:00:00")]) {
        expect(v < t, `${now.toISOString()} ${v.toISOString()}`).toBe(isOverdueUnder(BY_FIVE_NEXT_DAY, v, now));
      }
    }
  });
});

describe("rule checks", () => {
  it("refuses rules that cannot be met or make no sense", () => {
    expect(deadlineRuleProblem(FORTY_EIGHT_HOURS)).toBeNull();
    expect(deadlineRuleProblem(BY_FIVE_NEXT_DAY)).toBeNull();
    expect(deadlineRuleProblem({ kind: "hours", hours: 0 })).toBe("hours");
    expect(deadlineRuleProblem({ kind: "byTime", days: 0, minuteOfDay: 0 })).toBe("time");
    expect(deadlineRuleProblem({ kind: "byTime", days: 1, minuteOfDay: 1440 })).toBe("time");
  });
});
