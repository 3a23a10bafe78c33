import "server-only";
import { decode } from "next-auth/jwt";
import { environment } from "@/server/config";
import type { Db } from "@/server/db/client";
import { userOfSession, type SessionOwner } from "@/server/auth/user-sessions";
import type { SessionPolicy } from "@/server/auth/session-policy";

/**
 * Reads the next-auth session cookie without Next's request scope, so one request pipeline (tRPC and REST)
 * can authenticate from a plain `Request`. Mirrors next-auth 4: the cookie is `__Secure-next-auth.session-token`
 * when NEXTAUTH_URL is https, else `next-auth.session-token`; a token larger than one cookie is split into
 * `<name>.0`, `<name>.1`, … and joined in that order.
 */
export const SESSION_COOKIE = "next-auth.session-token";

export type SessionCookieOptions = { secret?: string; secure?: boolean; policy?: SessionPolicy };

export function sessionCookieName(secure: boolean = isSecureSite()): string {
  return secure ? `__Secure-${SESSION_COOKIE}` : SESSION_COOKIE;
}

function isSecureSite(): boolean {
  return environment().NEXTAUTH_URL?.startsWith("https://") ?? false;
}

/** Cookie header → name/value pairs (the first of a repeated name wins, as browsers send the most specific first). */
export function parseCookieHeader(header: string | null | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (!name || cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      cookies.set(name, value);
    }
  }
  return cookies;
}

/** The session token: the whole cookie, or its chunks .0, .1, … (contiguous from 0) joined; null when absent. */
export function sessionTokenFrom(cookies: ReadonlyMap<string, string>, name: string): string | null {
  if (cookies.has(`${name}.0`)) {
    const chunks: string[] = [];
    for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`) ?? "");
    return chunks.join("") || null;
  }
  return cookies.get(name) || null;
}

/** The session id inside a session token, or null for a missing, forged, expired or pre-session-record token. */
export async function sessionIdFromToken(token: string | null, secret: string | undefined): Promise<string | null> {
  if (!token || !secret) return null;
  try {
    const payload = await decode({ token, secret });
    return typeof payload?.sid === "string" ? payload.sid : null;
  } catch {
    return null;
  }
}

/** The signed-in user of a set of cookies (from a Request or from Next's cookie store), or null. */
export async function userFromCookies(db: Db, cookies: ReadonlyMap<string, string>, now: Date, options: SessionCookieOptions = {}): Promise<SessionOwner | null> {
  const token = sessionTokenFrom(cookies, sessionCookieName(options.secure));
  const sessionId = await sessionIdFromToken(token, options.secret ?? environment().NEXTAUTH_SECRET);
  if (!sessionId) return null;
  return userOfSession(db, sessionId, now, options.policy);
}

/** The signed-in user of a plain `Request` (its Cookie header), or null. */
export function userFromSessionCookie(db: Db, req: Request, now: Date, options: SessionCookieOptions = {}): Promise<SessionOwner | null> {
  return userFromCookies(db, parseCookieHeader(req.headers.get("cookie")), now, options);
}
