import "server-only";
import { decode } from "next-auth/jwt";
import type { Db } from "@/server/db/client";
import { loadSessionUser, userFromBearer, type SessionUser } from "@/server/auth/current-user";
import { AppError } from "@/server/errors/app-error";

export type Credential = "bearer" | "session";
export type Authenticated = { user: SessionUser | null; credential: Credential | null };

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function cookieValues(req: Request): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

/** next-auth's session cookie, joined again if it was split into chunks (name.0, name.1, …). */
function sessionToken(req: Request): string | null {
  const cookies = cookieValues(req);
  for (const name of SESSION_COOKIES) {
    const whole = cookies.get(name);
    if (whole) return whole;
    const chunks: string[] = [];
    for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`)!);
    if (chunks.length) return chunks.join("");
  }
  return null;
}

async function userFromSessionCookie(db: Db, req: Request): Promise<SessionUser | null> {
  const token = sessionToken(req);
  const secret = process.env.NEXTAUTH_SECRET;
  if (!token || !secret) return null;
  const claims = await decode({ token, secret }).catch(() => null);
  const userId = typeof claims?.userId === "number" ? claims.userId : null;
  return userId === null ? null : loadSessionUser(db, userId);
}

/**
 * Who sent this request, the same way for tRPC and REST: an Authorization header, when present, is the
 * credential (and must be valid: a bad token is a 401, never a silent fall-back to the browser's session);
 * otherwise the session cookie. A request therefore always acts as exactly one user.
 */
export async function authenticateRequest(db: Db, req: Request, now: Date): Promise<Authenticated> {
  const authorization = req.headers.get("authorization");
  if (authorization !== null) {
    const user = await userFromBearer(db, authorization, now);
    if (!user) throw new AppError("UNAUTHORIZED", "tokenInvalid");
    return { user, credential: "bearer" };
  }
  const user = await userFromSessionCookie(db, req);
  return { user, credential: user ? "session" : null };
}
