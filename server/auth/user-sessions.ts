import "server-only";
import { randomUUID } from "node:crypto";
import { Prisma } from "@/server/generated/prisma/client";
import type { Role, SessionEndReason } from "@/server/generated/prisma/enums";
import type { Db } from "@/server/db/client";
import { sessionPolicy, sessionVerdict, type SessionPolicy } from "@/server/auth/session-policy";

/**
 * The signed-in user as every request sees it (their interface language included, so pages need no second read),
 * with their place: `stateId` is the user's state (a state officer's own, everyone else's district's).
 */
export type SessionOwner = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  stateId: number | null;
  districtId: number | null;
  blockId: number | null;
  locale: string;
};

/** A user row with its district's state, as the session and the API token loaders read it. */
export type UserWithPlace = Omit<SessionOwner, "stateId"> & { stateId: number | null; district: { stateId: number } | null };

export function sessionOwnerOf(user: UserWithPlace): SessionOwner {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    stateId: user.stateId ?? user.district?.stateId ?? null,
    districtId: user.districtId,
    blockId: user.blockId,
    locale: user.locale,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_USER_AGENT = 300;

/** Records a new session at sign-in; its id goes into the session cookie (and nothing else identifies it). */
export async function startSession(db: Db, userId: number, now: Date, userAgent?: string | null): Promise<string> {
  const id = randomUUID();
  await db.userSession.create({
    data: { id, userId, createdAt: now, lastSeenAt: now, userAgent: userAgent ? userAgent.slice(0, MAX_USER_AGENT) : null },
  });
  return id;
}

/** Ends one session (sign-out); a second sign-out of the same session changes nothing. */
export async function endSession(db: Db, sessionId: string, reason: SessionEndReason, now: Date): Promise<boolean> {
  if (!UUID.test(sessionId)) return false;
  const result = await db.userSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: now, endReason: reason } });
  return result.count > 0;
}

/** Ends every open session of a user (disabled, password changed); returns how many were open. */
export async function endSessionsOfUser(db: Db | Prisma.TransactionClient, userId: number, reason: SessionEndReason, now: Date): Promise<number> {
  const result = await db.userSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: now, endReason: reason } });
  return result.count;
}

type Row = {
  createdAt: Date;
  lastSeenAt: Date;
  endedAt: Date | null;
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  stateId: number | null;
  districtId: number | null;
  blockId: number | null;
  locale: string;
  disabledAt: Date | null;
};

/**
 * The user of a live session, or null. One indexed read (session joined with its user) per request; a write
 * only once a minute per session (last use) or when the session has just lapsed (marked ended, with why).
 */
export async function userOfSession(db: Db, sessionId: string, now: Date, policy: SessionPolicy = sessionPolicy()): Promise<SessionOwner | null> {
  if (!UUID.test(sessionId)) return null;
  const rows = await db.$queryRaw<Row[]>`
    SELECT s.created_at AS "createdAt", s.last_seen_at AS "lastSeenAt", s.ended_at AS "endedAt",
           u.id AS "userId", u.username, u.display_name AS "displayName", u.role::text AS role,
           COALESCE(u.state_id, d.state_id) AS "stateId", u.district_id AS "districtId", u.block_id AS "blockId",
           u.locale, u.disabled_at AS "disabledAt"
    FROM user_sessions s JOIN users u ON u.id = s.user_id LEFT JOIN districts d ON d.id = u.district_id
    WHERE s.id = ${sessionId}::uuid`;
  const row = rows[0];
  if (!row) return null;
  const verdict = sessionVerdict({ ...row, userDisabledAt: row.disabledAt }, now, policy);
  if (!verdict.valid) {
    if (verdict.reason === "idle" || verdict.reason === "expired") {
      await db.userSession.updateMany({
        where: { id: sessionId, endedAt: null },
        data: { endedAt: verdict.endedAt, endReason: verdict.reason === "idle" ? "IDLE" : "EXPIRED" },
      });
    }
    return null;
  }
  if (verdict.touch) {
    // Conditional, so two requests in the same minute (or two app instances) write once.
    await db.userSession.updateMany({
      where: { id: sessionId, endedAt: null, lastSeenAt: { lte: new Date(now.getTime() - policy.touchEveryMs) } },
      data: { lastSeenAt: now },
    });
  }
  const { userId: id, username, displayName, role, stateId, districtId, blockId, locale } = row;
  return { id, username, displayName, role, stateId, districtId, blockId, locale };
}
