/**
 * How the sign-in endpoint says why it refused: next-auth hands the browser only a string, so it is a code, not a
 * sentence (the page says it in its own language). One code for any wrong username or password, on purpose.
 */
export const SIGN_IN_INVALID = "invalid";
const THROTTLED = "throttled:";

export function throttledCode(retryAfterMs: number): string {
  return `${THROTTLED}${Math.ceil(retryAfterMs / 1000)}`;
}

export type SignInRefusal = { kind: "invalid" } | { kind: "throttled"; seconds: number };

/** The refusal a code stands for; anything unknown (next-auth's own "CredentialsSignin") reads as invalid. */
export function signInRefusal(code: string): SignInRefusal {
  if (code.startsWith(THROTTLED)) {
    const seconds = Number(code.slice(THROTTLED.length));
    if (Number.isInteger(seconds) && seconds > 0) return { kind: "throttled", seconds };
  }
  return { kind: "invalid" };
}
