import type { Db } from "@/server/db/client";
import { verifyPassword } from "@/server/auth/password";
import { failuresAfter, msUntilNextAttempt } from "@/server/domain/login-throttle";
import type { Role } from "@/server/generated/prisma/enums";

export type SignedInUser = { id: number; username: string; displayName: string; role: Role; blockId: number | null };

export type SignInResult =
  | { ok: true; user: SignedInUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMs: number };

// Compared against when the username is unknown, so both failures take the same time.
const DUMMY_HASH = "$2b$10$lL9CHHaS7r.10m6z7C4PBOHxcr7LzP6wUwCwagglAxC4nkmDyptmm";

/** Checks a username and password; says nothing about which of the two was wrong. */
export async function signIn(db: Db, username: string, password: string, now: Date): Promise<SignInResult> {
  const key = username.trim().toLowerCase();
  const throttle = await db.loginThrottle.findUnique({ where: { key } });
  const wait = msUntilNextAttempt(throttle, now);
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterMs: wait };

  const user = await db.user.findUnique({ where: { username: key } });
  const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !valid) {
    const failures = failuresAfter(throttle, now);
    await db.loginThrottle.upsert({
      where: { key },
      create: { key, failures, lastFailureAt: now },
      update: { failures, lastFailureAt: now },
    });
    return { ok: false, reason: "invalid" };
  }
  if (throttle) await db.loginThrottle.delete({ where: { key } });
  return {
    ok: true,
    user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, blockId: user.blockId },
  };
}
