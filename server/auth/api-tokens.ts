import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/server/db/client";
import { sessionOwnerOf } from "@/server/auth/user-sessions";

const TOKEN_PREFIX = "tm_";

export function hashToken(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export type ApiTokenInfo = { id: number; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

/** Returns the secret once; only its hash is stored, so it cannot be shown again. */
export async function createApiToken(db: Db, userId: number, name: string): Promise<{ token: string; info: ApiTokenInfo }> {
  const token = `${TOKEN_PREFIX}${randomBytes(24).toString("base64url")}`;
  const row = await db.apiToken.create({
    data: { userId, name, prefix: token.slice(0, 10), tokenHash: hashToken(token) },
  });
  return { token, info: toInfo(row) };
}

export async function listApiTokens(db: Db, userId: number): Promise<ApiTokenInfo[]> {
  const rows = await db.apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" } });
  return rows.map(toInfo);
}

/** Revokes only the caller's own token; returns false when there is no such token of theirs. */
export async function revokeApiToken(db: Db, userId: number, tokenId: number, now: Date): Promise<boolean> {
  const result = await db.apiToken.updateMany({ where: { id: tokenId, userId, revokedAt: null }, data: { revokedAt: now } });
  return result.count > 0;
}

/** The user behind a live token, or null; a disabled user's tokens are refused (and work again if re-enabled). */
export async function userForApiToken(db: Db, token: string, now: Date) {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: { include: { district: { select: { stateId: true } } } } } });
  if (!row || row.revokedAt || row.user.disabledAt) return null;
  await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  return sessionOwnerOf(row.user);
}

function toInfo(row: { id: number; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): ApiTokenInfo {
  return { id: row.id, name: row.name, prefix: row.prefix, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt, revokedAt: row.revokedAt };
}
