/**
 * When a signed-in session stops being valid. Pure, with `now` as a parameter; the database code in
 * user-sessions.ts reads a session row and asks this.
 */
import "server-only";
import { environment, parseVariable, ZIdleMinutes } from "@/server/config";

export type SessionPolicy = {
  /** A session unused for this long ends (measured from the last recorded use). */
  idleMs: number;
  /** A session ends this long after sign-in however busy it is. */
  maxAgeMs: number;
  /** The last use is recorded at most this often, so checking a session is normally a read only. */
  touchEveryMs: number;
};

export const SESSION_MAX_AGE_MS = 12 * 60 * 60_000;
export const TOUCH_EVERY_MS = 60_000;


/** The policy in force: the configured idle minutes (validated with the rest of the configuration), or a raw value. */
export function sessionPolicy(idle: string | number | undefined = environment().TEEKA_SESSION_IDLE_MINUTES): SessionPolicy {
  const minutes = typeof idle === "number" ? idle : idleMinutes(idle);
  return { idleMs: minutes * 60_000, maxAgeMs: SESSION_MAX_AGE_MS, touchEveryMs: TOUCH_EVERY_MS };
}

export function idleMinutes(raw: string | undefined): number {
  return parseVariable(ZIdleMinutes, raw);
}

export type SessionFacts = { createdAt: Date; lastSeenAt: Date; endedAt: Date | null; userDisabledAt: Date | null };

export type SessionVerdict =
  | { valid: true; touch: boolean }
  | { valid: false; reason: "ended" | "disabled" }
  /** Lapsed but not yet marked: `endedAt` is when it lapsed (not when it was noticed). */
  | { valid: false; reason: "idle" | "expired"; endedAt: Date };

/** Idle and expired count from the exact limit: 120:00 unused is ended, 119:59.999 is not. */
export function sessionVerdict(session: SessionFacts, now: Date, policy: SessionPolicy): SessionVerdict {
  if (session.endedAt) return { valid: false, reason: "ended" };
  if (session.userDisabledAt) return { valid: false, reason: "disabled" };
  const idleEnd = session.lastSeenAt.getTime() + policy.idleMs;
  const maxEnd = session.createdAt.getTime() + policy.maxAgeMs;
  const t = now.getTime();
  if (t >= idleEnd || t >= maxEnd) {
    return idleEnd <= maxEnd ? { valid: false, reason: "idle", endedAt: new Date(idleEnd) } : { valid: false, reason: "expired", endedAt: new Date(maxEnd) };
  }
  return { valid: true, touch: t - session.lastSeenAt.getTime() >= policy.touchEveryMs };
}
