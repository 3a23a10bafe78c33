import "server-only";
import { cookies } from "next/headers";
import { getDb, type Db } from "@/server/db/client";
import { userForApiToken } from "@/server/auth/api-tokens";
import { userFromCookies } from "@/server/auth/session-cookie";
import type { SessionOwner } from "@/server/auth/user-sessions";

export type SessionUser = SessionOwner;

export { userFromSessionCookie } from "@/server/auth/session-cookie";

/**
 * The signed-in user of the current request (Next's request scope: server pages, route handlers). The
 * cookie's session record and the user are read from the database on every request, so signing out,
 * disabling the user, a new password, a changed role or a removed account take effect at once rather than
 * when the cookie expires. Outside a request, use `userFromSessionCookie(db, req, now)`.
 */
export async function userFromSession(db: Db = getDb(), now: Date = new Date()): Promise<SessionUser | null> {
  const jar = new Map<string, string>();
  for (const c of (await cookies()).getAll()) if (!jar.has(c.name)) jar.set(c.name, c.value);
  return userFromCookies(db, jar, now);
}

export async function userFromBearer(db: Db, header: string | null, now: Date): Promise<SessionUser | null> {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match?.[1]) return null;
  return userForApiToken(db, match[1], now);
}
