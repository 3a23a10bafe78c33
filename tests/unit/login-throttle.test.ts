import { describe, expect, it } from "vitest";
import { ADDRESS_POLICY, FAILURE_MEMORY_MS, MAX_WAIT_MS, failuresAfter, msUntilNextAttempt, waitAfterFailures } from "@/core/domain/login-throttle";

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

describe("login throttle per source address", () => {
  const P = ADDRESS_POLICY;
  it("lets 20 failures through and makes the 21st attempt wait 2 s, doubling to the cap", () => {
    expect(waitAfterFailures(19, P)).toBe(0);
    expect(msUntilNextAttempt({ failures: 19, lastFailureAt: now }, now, P)).toBe(0);
    expect(waitAfterFailures(20, P)).toBe(2_000);
    expect(msUntilNextAttempt({ failures: 20, lastFailureAt: now }, now, P)).toBe(2_000);
    expect(waitAfterFailures(21, P)).toBe(4_000);
    expect(waitAfterFailures(40, P)).toBe(MAX_WAIT_MS);
  });
  it("forgives one failure per 3 minutes since the last: not at 2:59.999, at 3:00", () => {
    expect(failuresAfter({ failures: 20, lastFailureAt: ago(3 * 60_000 - 1) }, now, P)).toBe(21);
    expect(failuresAfter({ failures: 20, lastFailureAt: ago(3 * 60_000) }, now, P)).toBe(20);
    expect(failuresAfter({ failures: 20, lastFailureAt: ago(9 * 60_000) }, now, P)).toBe(18);
    expect(failuresAfter({ failures: 2, lastFailureAt: ago(29 * 60_000) }, now, P)).toBe(1);
    expect(failuresAfter({ failures: 30, lastFailureAt: ago(FAILURE_MEMORY_MS) }, now, P)).toBe(1);
  });
  it("keeps an office that mistypes every 3 minutes at one failure all day", () => {
    let state = null as { failures: number; lastFailureAt: Date } | null;
    for (let i = 0; i < 200; i++) {
      const at = new Date(now.getTime() + i * 3 * 60_000);
      expect(msUntilNextAttempt(state, at, P)).toBe(0);
      state = { failures: failuresAfter(state, at, P), lastFailureAt: at };
    }
    expect(state?.failures).toBe(1);
  });
  it("holds a guesser who retries as soon as allowed to one attempt per 256 s", () => {
    let state = null as { failures: number; lastFailureAt: Date } | null;
    let t = now.getTime();
    for (let i = 0; i < 60; i++) {
      t += msUntilNextAttempt(state, new Date(t), P);
      state = { failures: failuresAfter(state, new Date(t), P), lastFailureAt: new Date(t) };
    }
    expect(msUntilNextAttempt(state, new Date(t), P)).toBe(256_000);
  });
});

describe("login throttle with a clock behind the last failure", () => {
  it("does not make a free attempt wait, and waits no longer than the full wait", () => {
    const later = new Date(now.getTime() + 2_000);
    expect(msUntilNextAttempt({ failures: 2, lastFailureAt: later }, now)).toBe(0);
    expect(msUntilNextAttempt({ failures: 4, lastFailureAt: later }, now)).toBe(4_000);
  });
});
