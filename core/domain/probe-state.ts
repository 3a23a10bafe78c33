/**
 * The per-target probe state machine (issue 4). Pure: the caller hands in the previous memory, one check's
 * outcome and the clock; the function says what the target's state is now and whether it changed.
 *
 * Modelled on Uptime Kuma's retry → PENDING → DOWN, with two changes: "slow" and "keyword missing" are a state
 * of their own (DEGRADED) instead of UP or DOWN, and maintenance is a state rather than a pause, so that the
 * uptime figures can leave it out.
 */
export const PROBE_STATES = ["UP", "DEGRADED", "PENDING", "DOWN", "MAINTENANCE"] as const;
export type ProbeState = (typeof PROBE_STATES)[number];

/**
 * What the machine remembers between checks. `state` is null before the first check, so the first check of a
 * new target always reports a transition (from null) and the timeline starts where the probing started.
 * `since` is when `state` began, for "DOWN for more than N minutes" alerts.
 */
export type ProbeMemory = {
  state: ProbeState | null;
  consecutiveFailures: number;
  since: Date | null;
};

export type ProbeCheck = {
  /** The target answered with an expected status code within its timeout. */
  ok: boolean;
  /** Answered, but slower than the target's slow threshold. */
  slow: boolean;
  /** Answered, but the body lacked the target's keyword. */
  keywordMissing: boolean;
  error: string | null;
  checkedAt: Date;
};

export type ProbeTransition = { from: ProbeState | null; to: ProbeState; at: Date };

export type ProbeStep = { state: ProbeState; memory: ProbeMemory; transition: ProbeTransition | null };

export const INITIAL_PROBE_MEMORY: ProbeMemory = Object.freeze({ state: null, consecutiveFailures: 0, since: null });

/**
 * One check → the target's next state.
 *
 * - A failure (`ok: false`) with retries left is PENDING; the failure that exhausts them (number `retries + 1`
 *   in a row) is DOWN, so `retries: 0` means DOWN at the first failure. Once DOWN, further failures stay DOWN:
 *   retries only delay the first verdict, they are not re-granted while the outage lasts.
 * - A success resets the failure count and is UP, or DEGRADED when slow or the keyword was missing. A failed
 *   check is never DEGRADED, however slow it was.
 * - Maintenance overrides the check (its result may be anything while the portal is being worked on) and
 *   resets the failure count. Decision: failures before or during maintenance do not count after it, so the
 *   first failure after maintenance starts a fresh retry count. Maintenance splits incidents anyway, and a
 *   DOWN carried across it would be an outage nobody observed as such.
 * - Every change of state is a transition (PENDING → UP included); the callers decide which ones alert.
 */
export function nextProbeState(prev: ProbeMemory, check: ProbeCheck, target: { retries: number }, inMaintenance: boolean): ProbeStep {
  if (!Number.isInteger(target.retries) || target.retries < 0) {
    // Target validation must refuse these; guessing a value here would silently change when DOWN is declared.
    throw new RangeError(`retries must be a non-negative integer, got ${target.retries}`);
  }
  let state: ProbeState;
  let consecutiveFailures: number;
  if (inMaintenance) {
    state = "MAINTENANCE";
    consecutiveFailures = 0;
  } else if (check.ok) {
    state = check.slow || check.keywordMissing ? "DEGRADED" : "UP";
    consecutiveFailures = 0;
  } else {
    consecutiveFailures = prev.consecutiveFailures + 1;
    state = prev.state === "DOWN" || consecutiveFailures > target.retries ? "DOWN" : "PENDING";
  }
  const changed = state !== prev.state;
  const since = changed || prev.since === null ? check.checkedAt : prev.since;
  return {
    state,
    memory: { state, consecutiveFailures, since },
    transition: changed ? { from: prev.state, to: state, at: check.checkedAt } : null,
  };
}

/** Usable for data entry: answering, fast enough and serving the right page. */
export function isUsable(state: ProbeState): boolean {
  return state === "UP";
}

/** The issue defines an incident as a stretch of DOWN or DEGRADED; PENDING is not yet a verdict. */
export function isOutage(state: ProbeState): state is "DOWN" | "DEGRADED" {
  return state === "DOWN" || state === "DEGRADED";
}
