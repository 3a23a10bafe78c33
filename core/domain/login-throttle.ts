/**
 * Repeated failed sign-ins are slowed down: after some free tries each further attempt must wait
 * twice as long as the last, up to a cap. Two budgets apply to every attempt, one per username and one per
 * source address, and the longer wait wins. Pure, with `now` as a parameter.
 */
export type ThrottlePolicy = {
  /** Failures that cost nothing; the next attempt after this many waits `baseWaitMs`. */
  freeFailures: number;
  baseWaitMs: number;
  maxWaitMs: number;
  /** After this long without a failure, all failures are forgotten. */
  forgetAfterMs: number;
  /** One failure is forgiven per this much time since the last failure; null: none until forgotten. */
  forgiveEveryMs: number | null;
};

export const FREE_ATTEMPTS = 3;
export const MAX_WAIT_MS = 5 * 60_000;
const BASE_WAIT_MS = 2_000;
/** Failures older than this are forgotten. */
export const FAILURE_MEMORY_MS = 30 * 60_000;

/** Per username: guessing one account's password gets slow after 3 tries. */
export const USERNAME_POLICY: ThrottlePolicy = {
  freeFailures: FREE_ATTEMPTS,
  baseWaitMs: BASE_WAIT_MS,
  maxWaitMs: MAX_WAIT_MS,
  forgetAfterMs: FAILURE_MEMORY_MS,
  forgiveEveryMs: null,
};

/**
 * Per source address: trying one password against every username gets slow after 20 failures. More generous
 * than per username because a district office's 20–30 staff share one NAT address and mistype at the morning
 * sign-in; one failure is forgiven every 3 minutes, so such an office (a typo every few minutes at worst) never
 * accumulates a wait, while a guesser past the free 20 settles at one attempt per 256 s (about 14 an hour).
 */
export const ADDRESS_POLICY: ThrottlePolicy = {
  freeFailures: 20,
  baseWaitMs: BASE_WAIT_MS,
  maxWaitMs: MAX_WAIT_MS,
  forgetAfterMs: FAILURE_MEMORY_MS,
  forgiveEveryMs: 3 * 60_000,
};

export type ThrottleState = { failures: number; lastFailureAt: Date } | null;

export function waitAfterFailures(failures: number, policy: ThrottlePolicy = USERNAME_POLICY): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(policy.maxWaitMs, policy.baseWaitMs * 2 ** (failures - policy.freeFailures));
}

/** Milliseconds the caller must still wait before another attempt is even checked; 0 means go ahead. */
export function msUntilNextAttempt(state: ThrottleState, now: Date, policy: ThrottlePolicy = USERNAME_POLICY): number {
  if (!state) return 0;
  const since = now.getTime() - state.lastFailureAt.getTime();
  if (since >= policy.forgetAfterMs) return 0;
  const wait = waitAfterFailures(state.failures, policy);
  // A clock behind the last failure (another app instance's) must not turn a free attempt into a wait.
  return wait === 0 ? 0 : Math.max(0, wait - Math.max(0, since));
}

/** The failure count to store after one more failure at `now`. */
export function failuresAfter(state: ThrottleState, now: Date, policy: ThrottlePolicy = USERNAME_POLICY): number {
  if (!state) return 1;
  const since = now.getTime() - state.lastFailureAt.getTime();
  if (since >= policy.forgetAfterMs) return 1;
  const forgiven = policy.forgiveEveryMs ? Math.floor(Math.max(0, since) / policy.forgiveEveryMs) : 0;
  return Math.max(0, state.failures - forgiven) + 1;
}
