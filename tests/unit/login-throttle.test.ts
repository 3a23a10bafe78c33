import { describe, expect, it } from "vitest";
import { FAILURE_MEMORY_MS, MAX_WAIT_MS, failuresAfter, msUntilNextAttempt, waitAfterFailures } from "@/server/domain/login-throttle";

const now = new Date("2021-06-23T06:30:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("login throttle", () => {
  it("lets the first three failures through without waiting", () => {
    expect(waitAfterFailures(0)).toBe(0);
    expect(waitAfterFailures(2)).toBe(0);
    expect(msUntilNextAttempt({ failures: 2, lastFailureAt: now }, now)).toBe(0);
  });
  it("doubles the wait from the third failure and caps it", () => {
    expect(waitAfterFailures(3)).toBe(2_000);
    expect(waitAfterFailures(4)).toBe(4_000);
    expect(waitAfterFailures(5)).toBe(8_000);
    expect(waitAfterFailures(30)).toBe(MAX_WAIT_MS);
  });
  it("counts the wait from the last failure", () => {
    expect(msUntilNextAttempt({ failures: 4, lastFailureAt: ago(1_000) }, now)).toBe(3_000);
    expect(msUntilNextAttempt({ failures: 4, lastFailureAt: ago(4_000) }, now)).toBe(0);
  });
  it("forgets failures after a quiet half hour", () => {
    expect(msUntilNextAttempt({ failures: 30, lastFailureAt: ago(FAILURE_MEMORY_MS) }, now)).toBe(0);
    expect(failuresAfter({ failures: 30, lastFailureAt: ago(FAILURE_MEMORY_MS) }, now)).toBe(1);
    expect(failuresAfter({ failures: 3, lastFailureAt: ago(1_000) }, now)).toBe(4);
    expect(failuresAfter(null, now)).toBe(1);
  });
});
