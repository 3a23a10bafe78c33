/**
 * Repeated failed sign-ins are slowed down: after a few free tries each further attempt must wait
 * twice as long as the last, up to a cap. Pure, with `now` as a parameter.
 */
export const FREE_ATTEMPTS = 3;
export const MAX_WAIT_MS = 5 * 60_000;
const BASE_WAIT_MS = 2_000;
/** Failures older than this are forgotten. */
export const FAILURE_MEMORY_MS = 30 * 60_000;

export type ThrottleState = { failures: number; lastFailureAt: Date } | null;

export function waitAfterFailures(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_WAIT_MS, BASE_WAIT_MS * 2 ** (failures - FREE_ATTEMPTS));
}

/** Milliseconds the caller must still wait before another attempt is even checked; 0 means go ahead. */
export function msUntilNextAttempt(state: ThrottleState, now: Date): number {
  if (!state) return 0;
  const since = now.getTime() - state.lastFailureAt.getTime();
  if (since >= FAILURE_MEMORY_MS) return 0;
  return Math.max(0, waitAfterFailures(state.failures) - since);
}

export function failuresAfter(state: ThrottleState, now: Date): number {
  if (!state || now.getTime() - state.lastFailureAt.getTime() >= FAILURE_MEMORY_MS) return 1;
  return state.failures + 1;
}
