import "server-only";
import type { Db } from "@/server/db/client";
import { userFromBearer, userFromSessionCookie, type SessionUser } from "@/server/auth/current-user";
import { AppError } from "@/server/errors/app-error";

export type Credential = "bearer" | "session";
export type Authenticated = { user: SessionUser | null; credential: Credential | null };

/**
 * Who sent this request, the same way for tRPC and REST: an Authorization header, when present, is the
 * credential (and must be valid: a bad token is a 401, never a silent fall-back to the browser's session);
 * otherwise the session cookie, checked against its session record. A request always acts as exactly one user.
 */
export async function authenticateRequest(db: Db, req: Request, now: Date): Promise<Authenticated> {
  const authorization = req.headers.get("authorization");
  if (authorization !== null) {
    const user = await userFromBearer(db, authorization, now);
    if (!user) throw new AppError("UNAUTHORIZED", "tokenInvalid");
    return { user, credential: "bearer" };
  }
  const user = await userFromSessionCookie(db, req, now);
  return { user, credential: user ? "session" : null };
}
