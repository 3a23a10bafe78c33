/**
 * The handle a search result gives the browser for "open this person": an encrypted, authenticated token that
 * names a record, the user it was issued to and when it expires. The browser cannot read the record id from it,
 * forge one for another record, or pass it to another user; after 30 minutes the person has to be searched again.
 * The key comes from NEXTAUTH_SECRET, the same in every instance (never a per-process fallback: two instances would
 * reject each other's tokens).
 */
import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { appConfig } from "@/server/config";

export const HELPDESK_TOKEN_TTL_MS = 30 * 60_000;

function key(): Buffer {
  return createHash("sha256").update(`teeka-helpdesk-token:${appConfig().NEXTAUTH_SECRET}`).digest();
}

type Payload = { r: number; u: number; e: number };

export function issuePersonToken(recordId: number, userId: number, now: Date): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const payload: Payload = { r: recordId, u: userId, e: now.getTime() + HELPDESK_TOKEN_TTL_MS };
  const body = Buffer.concat([cipher.update(JSON.stringify(payload), "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

export type TokenCheck = { ok: true; recordId: number } | { ok: false; reason: "invalid" | "expired" };

export function readPersonToken(token: string, userId: number, now: Date): TokenCheck {
  try {
    const raw = Buffer.from(token, "base64url");
    if (raw.length < 29) return { ok: false, reason: "invalid" };
    const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    const payload = JSON.parse(text) as Payload;
    if (payload.u !== userId || !Number.isInteger(payload.r)) return { ok: false, reason: "invalid" };
    if (payload.e <= now.getTime()) return { ok: false, reason: "expired" };
    return { ok: true, recordId: payload.r };
  } catch {
    return { ok: false, reason: "invalid" };
  }
}
