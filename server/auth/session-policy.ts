/**
 * When a signed-in session stops being valid. Pure, with `now` as a parameter; the database code in
 * user-sessions.ts reads a session row and asks this.
 */
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

/**
 * Two hours: a DIO's day has a lunch break, a review meeting or a camp visit away from the desk, and being
 * asked to sign in again after each of those would teach people to leave the password on a sticky note; a
 * laptop left open in a shared office or a phone left at a camp should not stay signed in for the afternoon.
 */
export const DEFAULT_IDLE_MINUTES = 120;
const MIN_IDLE_MINUTES = 5;
const MAX_IDLE_MINUTES = 12 * 60;

export function sessionPolicy(idleMinutesRaw: string | undefined = process.env.TEEKA_SESSION_IDLE_MINUTES): SessionPolicy {
  return { idleMs: idleMinutes(idleMinutesRaw) * 60_000, maxAgeMs: SESSION_MAX_AGE_MS, touchEveryMs: TOUCH_EVERY_MS };
}

export function idleMinutes(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_IDLE_MINUTES;
  const minutes = Number(raw);
  if (!Number.isInteger(minutes) || minutes < MIN_IDLE_MINUTES || minutes > MAX_IDLE_MINUTES) {
    throw new Error(
      `Invalid configuration: TEEKA_SESSION_IDLE_MINUTES must be a whole number of minutes from ${MIN_IDLE_MINUTES} to ${MAX_IDLE_MINUTES} (got "${raw}").`,
    );
  }
  return minutes;
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
