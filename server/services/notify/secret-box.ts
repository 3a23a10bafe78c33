/**
 * Provider secrets (SMTP password, SMS gateway key, WhatsApp access token, Telegram bot token) at rest: AES-256-GCM
 * with a key from TEEKA_SECRETS_KEY, or — where it is not set (a demo, the tests) — derived from NEXTAUTH_SECRET
 * under its own label, as the helpdesk token key is, so that every instance of one install agrees. Changing either
 * makes stored secrets unreadable: the channel then reports "secret unreadable, set it again" rather than failing
 * silently.
 */
import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { appConfig } from "@/server/config";

const VERSION = "v1";

function key(): Buffer {
  const config = appConfig();
  const material = config.TEEKA_SECRETS_KEY ? `teeka-secrets:${config.TEEKA_SECRETS_KEY}` : `teeka-channel-secrets:${config.NEXTAUTH_SECRET}`;
  return createHash("sha256").update(material).digest();
}

export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** The secret, or null when it cannot be read (another key, a damaged value). */
export function openSecret(sealed: string | null): string | null {
  if (!sealed?.startsWith(`${VERSION}.`)) return null;
  try {
    const raw = Buffer.from(sealed.slice(VERSION.length + 1), "base64url");
    if (raw.length < 28) return null;
    const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
