import { getServerSession } from "next-auth";
import { authOptions } from "@/server/auth/options";
import { getDb, type Db } from "@/server/db/client";
import { userForApiToken } from "@/server/services/api-tokens";
import type { Role } from "@/server/generated/prisma/enums";

export type SessionUser = { id: number; username: string; displayName: string; role: Role; blockId: number | null };

/**
 * The signed-in user, re-read from the database on every request so that a changed role or a
 * removed account takes effect at once rather than when the session cookie expires.
 */
export async function userFromSession(db: Db = getDb()): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const userId = (session as { userId?: number } | null)?.userId;
  if (!userId) return null;
  return loadSessionUser(db, userId);
}

export async function userFromBearer(db: Db, header: string | null, now: Date): Promise<SessionUser | null> {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match?.[1]) return null;
  const user = await userForApiToken(db, match[1], now);
  return user ? toSessionUser(user) : null;
}

/** The user behind a session's user id, re-read on every request. */
export async function loadSessionUser(db: Db, id: number): Promise<SessionUser | null> {
  const user = await db.user.findUnique({ where: { id } });
  return user ? toSessionUser(user) : null;
}

function toSessionUser(user: SessionUser & Record<string, unknown>): SessionUser {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, blockId: user.blockId };
}
