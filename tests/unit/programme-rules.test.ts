import { describe, expect, it } from "vitest";
import { deadlineOf, type DeadlineRule } from "@/core/domain/deadline-rule";
import { deadlineName, deadlineNoLater, rulesProblem, wideningProblem, PROGRAMME_DEFAULT } from "@/core/domain/programme-rules";

const H48: DeadlineRule = { kind: "hours", hours: 48 };
const BY_17_NEXT: DeadlineRule = { kind: "byTime", days: 1, minuteOfDay: 17 * 60 };
const work = { startMinute: 480, endMinute: 1320 };

/** Brute force: the deadline no later for every minute of two IST days (and the last millisecond of each). */
function noLaterBySampling(narrow: DeadlineRule, wide: DeadlineRule): boolean {
  const start = Date.parse("2021-06-20T18:30:00.000Z"); // 00:00 IST, 21 June
  for (let m = 0; m <= 2 * 24 * 60; m++) {
    for (const v of [start + m * 60_000, start + m * 60_000 - 1]) {
      if (deadlineOf(narrow, new Date(v)).getTime() > deadlineOf(wide, new Date(v)).getTime()) return false;
    }
  }
  return true;
}

describe("a district's rules only narrow the state's", () => {
  const rules: DeadlineRule[] = [
    H48,
    { kind: "hours", hours: 24 },
    { kind: "hours", hours: 41 },
    { kind: "hours", hours: 17 },
    { kind: "hours", hours: 16 },
    BY_17_NEXT,
    { kind: "byTime", days: 1, minuteOfDay: 17 * 60 + 1 },
    { kind: "byTime", days: 2, minuteOfDay: 0 },
    { kind: "byTime", days: 2, minuteOfDay: 60 },
    { kind: "byTime", days: 0, minuteOfDay: 23 * 60 },
    { kind: "byTime", days: 3, minuteOfDay: 0 },
  ];
  it("agrees with comparing the deadlines of every vaccination time", () => {
    for (const narrow of rules) for (const wide of rules) expect(deadlineNoLater(narrow, wide), `${JSON.stringify(narrow)} vs ${JSON.stringify(wide)}`).toBe(noLaterBySampling(narrow, wide));
  });

  it("names the part that widens", () => {
    expect(wideningProblem({ deadline: BY_17_NEXT, work }, PROGRAMME_DEFAULT)).toBeNull();
    expect(wideningProblem({ deadline: { kind: "hours", hours: 49 }, work }, PROGRAMME_DEFAULT)).toBe("deadline");
    expect(wideningProblem({ deadline: { kind: "byTime", days: 2, minuteOfDay: 1 }, work }, PROGRAMME_DEFAULT)).toBe("deadline");
    expect(wideningProblem({ deadline: H48, work: { startMinute: 479, endMinute: 1320 } }, PROGRAMME_DEFAULT)).toBe("work");
    expect(wideningProblem({ deadline: H48, work: { startMinute: 480, endMinute: 1321 } }, PROGRAMME_DEFAULT)).toBe("work");
  });

  it("checks a rule's own figures", () => {
    expect(rulesProblem(PROGRAMME_DEFAULT)).toBeNull();
    expect(rulesProblem({ deadline: { kind: "hours", hours: 0 }, work })).toBe("deadline.hours");
    expect(rulesProblem({ deadline: { kind: "byTime", days: 0, minuteOfDay: 0 }, work })).toBe("deadline.time");
    expect(rulesProblem({ deadline: H48, work: { startMinute: 600, endMinute: 659 } })).toBe("work.order");
    expect(rulesProblem({ deadline: H48, work: { startMinute: 0, endMinute: 1441 } })).toBe("work.range");
  });

  it("names the rule in both languages", () => {
    expect([deadlineName(H48, "en"), deadlineName(H48, "hi")]).toEqual(["48 h", "48 घंटे"]);
    expect([deadlineName(BY_17_NEXT, "en"), deadlineName(BY_17_NEXT, "hi")]).toEqual(["by 17:00 the next day", "अगले दिन 17:00 तक"]);
  });
});
