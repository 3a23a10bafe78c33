import { describe, expect, it } from "vitest";
import {
  INITIAL_PROBE_MEMORY,
  PROBE_STATES,
  isOutage,
  isUsable,
  nextProbeState,
  type ProbeCheck,
  type ProbeMemory,
  type ProbeState,
  type ProbeStep,
} from "@/core/domain/probe-state";

const M = 60_000;
// 21 June 2021, 10:00 IST: the second mega camp, when the portal went down for about four hours.
const start = new Date("2021-06-21T04:30:00Z");
const at = (minutes: number) => new Date(start.getTime() + minutes * M);

type Outcome = "ok" | "fail" | "slow" | "keyword" | "slow+fail";
function check(outcome: Outcome, minute: number): ProbeCheck {
  return {
    ok: outcome === "ok" || outcome === "slow" || outcome === "keyword",
    slow: outcome === "slow" || outcome === "slow+fail",
    keywordMissing: outcome === "keyword",
    error: outcome === "fail" || outcome === "slow+fail" ? `timeout at ${minute}` : null,
    checkedAt: at(minute),
  };
}

/** Runs checks one minute apart; `maintenance` lists the minutes inside a maintenance window. */
function run(outcomes: Outcome[], retries: number, maintenance: number[] = [], from: ProbeMemory = INITIAL_PROBE_MEMORY): ProbeStep[] {
  const steps: ProbeStep[] = [];
  let memory = from;
  outcomes.forEach((outcome, minute) => {
    const step = nextProbeState(memory, check(outcome, minute), { retries }, maintenance.includes(minute));
    steps.push(step);
    memory = step.memory;
  });
  return steps;
}
const states = (steps: ProbeStep[]) => steps.map((s) => s.state);

describe("retries, then DOWN", () => {
  it("with 2 retries: two failures are PENDING, the third in a row is DOWN", () => {
    expect(states(run(["ok", "fail", "fail", "fail", "fail"], 2))).toEqual(["UP", "PENDING", "PENDING", "DOWN", "DOWN"]);
  });

  it("counts failures in a row: a success in between starts the count again", () => {
    expect(states(run(["fail", "fail", "ok", "fail", "fail", "fail"], 2))).toEqual(["PENDING", "PENDING", "UP", "PENDING", "PENDING", "DOWN"]);
  });

  it("with 0 retries: DOWN at the first failure, with no PENDING", () => {
    const steps = run(["ok", "fail"], 0);
    expect(states(steps)).toEqual(["UP", "DOWN"]);
    expect(steps[1]!.transition).toEqual({ from: "UP", to: "DOWN", at: at(1) });
  });

  it("with 1 retry: DOWN at the second failure", () => {
    expect(states(run(["fail", "fail"], 1))).toEqual(["PENDING", "DOWN"]);
  });

  it("stays DOWN on further failures: retries are not granted again during an outage", () => {
    // A memory restored as DOWN with its count lost (say, after a restart) still stays DOWN.
    const restored: ProbeMemory = { state: "DOWN", consecutiveFailures: 0, since: at(-30) };
    const steps = run(["fail", "fail"], 3, [], restored);
    expect(states(steps)).toEqual(["DOWN", "DOWN"]);
    expect(steps.map((s) => s.transition)).toEqual([null, null]);
    expect(steps[1]!.memory).toEqual({ state: "DOWN", consecutiveFailures: 2, since: at(-30) });
  });

  it("goes from DEGRADED to PENDING on a failure, as from UP", () => {
    expect(states(run(["slow", "fail", "fail"], 1))).toEqual(["DEGRADED", "PENDING", "DOWN"]);
  });

  it("treats a failed check as a failure even when it was also slow", () => {
    expect(states(run(["slow+fail"], 0))).toEqual(["DOWN"]);
  });

  it("records the failure count and when the state began", () => {
    const steps = run(["ok", "fail", "fail", "fail"], 2);
    expect(steps.map((s) => s.memory.consecutiveFailures)).toEqual([0, 1, 2, 3]);
    expect(steps.map((s) => s.memory.since)).toEqual([at(0), at(1), at(1), at(3)]);
  });

  it("refuses a retries value that target validation should have refused", () => {
    for (const retries of [-1, 1.5, Number.NaN]) {
      expect(() => nextProbeState(INITIAL_PROBE_MEMORY, check("ok", 0), { retries }, false)).toThrow(RangeError);
    }
  });
});

describe("DEGRADED: answered, but slow or without the keyword", () => {
  it("is DEGRADED when slower than the threshold", () => {
    expect(states(run(["ok", "slow", "ok"], 2))).toEqual(["UP", "DEGRADED", "UP"]);
  });

  it("is DEGRADED when the keyword is missing", () => {
    expect(states(run(["keyword"], 2))).toEqual(["DEGRADED"]);
  });

  it("resets the failure count, like any answer", () => {
    const steps = run(["fail", "fail", "slow", "fail", "fail"], 2);
    expect(states(steps)).toEqual(["PENDING", "PENDING", "DEGRADED", "PENDING", "PENDING"]);
    expect(steps[2]!.memory.consecutiveFailures).toBe(0);
  });
});

describe("transitions", () => {
  it("reports the first check of a new target as a transition from null", () => {
    const [first] = run(["ok"], 1);
    expect(first!.transition).toEqual({ from: null, to: "UP", at: at(0) });
  });

  it("reports recovery from DOWN to UP, and nothing while the state holds", () => {
    const steps = run(["ok", "fail", "fail", "fail", "ok", "ok"], 1);
    expect(steps.map((s) => s.transition)).toEqual([
      { from: null, to: "UP", at: at(0) },
      { from: "UP", to: "PENDING", at: at(1) },
      { from: "PENDING", to: "DOWN", at: at(2) },
      null,
      { from: "DOWN", to: "UP", at: at(4) },
      null,
    ]);
    expect(steps[4]!.memory).toEqual({ state: "UP", consecutiveFailures: 0, since: at(4) });
  });

  it("reports recovery from DOWN straight to DEGRADED (answering again, but slowly)", () => {
    const steps = run(["fail", "slow"], 0);
    expect(steps[1]!.transition).toEqual({ from: "DOWN", to: "DEGRADED", at: at(1) });
  });

  it("reports PENDING back to UP as a transition too; the alerting decides it is not worth a message", () => {
    const steps = run(["ok", "fail", "ok"], 2);
    expect(steps[2]!.transition).toEqual({ from: "PENDING", to: "UP", at: at(2) });
  });
});

describe("maintenance", () => {
  it("overrides every check result while it lasts", () => {
    const steps = run(["ok", "fail", "slow", "keyword", "ok"], 0, [1, 2, 3]);
    expect(states(steps)).toEqual(["UP", "MAINTENANCE", "MAINTENANCE", "MAINTENANCE", "UP"]);
    expect(steps.map((s) => s.transition?.to ?? null)).toEqual(["UP", "MAINTENANCE", null, null, "UP"]);
  });

  it("resets the failure count: failures before it do not count after it", () => {
    // Two failures, maintenance, then one failure: with 2 retries that is PENDING, not DOWN.
    const steps = run(["fail", "fail", "fail", "fail"], 2, [2]);
    expect(states(steps)).toEqual(["PENDING", "PENDING", "MAINTENANCE", "PENDING"]);
    expect(steps[2]!.memory.consecutiveFailures).toBe(0);
  });

  it("interrupts an outage: still failing after it, the target goes through its retries again", () => {
    const steps = run(["fail", "fail", "fail", "fail", "fail"], 1, [2]);
    expect(states(steps)).toEqual(["PENDING", "DOWN", "MAINTENANCE", "PENDING", "DOWN"]);
    expect(steps[2]!.transition).toEqual({ from: "DOWN", to: "MAINTENANCE", at: at(2) });
  });

  it("ends in DOWN at once with 0 retries when the target is still failing", () => {
    expect(states(run(["fail", "fail"], 0, [0]))).toEqual(["MAINTENANCE", "DOWN"]);
  });
});

describe("isUsable / isOutage", () => {
  const table: Record<ProbeState, [usable: boolean, outage: boolean]> = {
    UP: [true, false],
    DEGRADED: [false, true],
    PENDING: [false, false],
    DOWN: [false, true],
    MAINTENANCE: [false, false],
  };
  it.each(PROBE_STATES)("%s", (state) => {
    expect([isUsable(state), isOutage(state)]).toEqual(table[state]);
  });
});
