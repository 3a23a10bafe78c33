import "server-only";
import type { Db } from "@/server/db/client";
import { verifyPassword } from "@/server/auth/password";
import { addressThrottleKey } from "@/server/auth/client-address";
import { ADDRESS_POLICY, USERNAME_POLICY, failuresAfter, msUntilNextAttempt, type ThrottlePolicy } from "@/core/domain/login-throttle";
import type { Role } from "@/server/generated/prisma/enums";

export type SignedInUser = { id: number; username: string; displayName: string; role: Role; blockId: number | null };

export type SignInResult =
  | { ok: true; user: SignedInUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMs: number };

// Compared against when the username is unknown, so both failures take the same time.
const DUMMY_HASH = "$2b$10$lL9CHHaS7r.10m6z7C4PBOHxcr7LzP6wUwCwagglAxC4nkmDyptmm";

// What no account can be called (see ZNewUser) shares one bucket: so a typed "ip:<address>" cannot count
// against that address's bucket, and a megabyte of text is not stored as a key.
const USERNAME_LIKE = /^[a-z0-9._-]{1,64}$/;
const NOT_A_USERNAME = "username:invalid";

/**
 * Checks a username and password; says nothing about which of the two was wrong, nor whether the account is
 * disabled. Both throttles apply, per username and per source address (`address` null: the shared bucket,
 * see client-address.ts); the longer wait wins.
 */
export async function signIn(db: Db, username: string, password: string, now: Date, address: string | null = null): Promise<SignInResult> {
  const typed = username.trim().toLowerCase();
  const key = USERNAME_LIKE.test(typed) ? typed : NOT_A_USERNAME;
  const buckets: { key: string; policy: ThrottlePolicy }[] = [
    { key, policy: USERNAME_POLICY },
    { key: addressThrottleKey(address), policy: ADDRESS_POLICY },
  ];
  const rows = await db.loginThrottle.findMany({ where: { key: { in: buckets.map((b) => b.key) } } });
  const stateOf = (k: string) => rows.find((r) => r.key === k) ?? null;
  const wait = Math.max(...buckets.map((b) => msUntilNextAttempt(stateOf(b.key), now, b.policy)));
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterMs: wait };

  const user = key === NOT_A_USERNAME ? null : await db.user.findUnique({ where: { username: key } });
  const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !valid || user.disabledAt) {
    await db.$transaction(
      buckets.map((b) => {
        const failures = failuresAfter(stateOf(b.key), now, b.policy);
        return db.loginThrottle.upsert({ where: { key: b.key }, create: { key: b.key, failures, lastFailureAt: now }, update: { failures, lastFailureAt: now } });
      }),
    );
    return { ok: false, reason: "invalid" };
  }
  // Only the username's count is cleared: a success must not reset the address's, or a guesser holding one
  // valid account could sign in with it between guesses to start afresh.
  if (stateOf(key)) await db.loginThrottle.delete({ where: { key } });
  return {
    ok: true,
    user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, blockId: user.blockId },
  };
}
