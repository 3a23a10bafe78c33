import "server-only";
import { z } from "zod";
import { getDb, type Db } from "@/server/db/client";
import { userFromBearer, userFromSession, type SessionUser } from "@/server/auth/current-user";
import { scopeFor, type Scope } from "@/server/auth/scope";

export type RestCaller = { db: Db; user: SessionUser; scope: Scope; now: Date };

export function problem(status: number, error: string, extra: Record<string, unknown> = {}) {
  return Response.json({ error, ...extra }, { status, headers: { "cache-control": "no-store" } });
}

/** The caller of a /api/v1 route: a bearer token or the browser session; otherwise a 401/403 response. */
export async function authenticate(req: Request): Promise<RestCaller | Response> {
  const db = getDb();
  const now = new Date();
  const user = (await userFromBearer(db, req.headers.get("authorization"), now)) ?? (await userFromSession(db));
  if (!user) return problem(401, "Sign in, or send Authorization: Bearer <token>.");
  // The helpdesk looks up one beneficiary at a time in the app; it has no use for the API, least of all lists.
  if (user.role === "HELPDESK") return problem(403, "The helpdesk role has no API access; use the Helpdesk page to look up one beneficiary.");
  const scope = scopeFor(user);
  if (scope.kind === "none") return problem(403, "Your account has no block or district assigned.");
  return { db, user, scope, now };
}

/** Reads a JSON body, or answers 400/413/415 with a reason. */
export async function readJson(req: Request, maxBytes = 1_000_000): Promise<unknown | Response> {
  if (!(req.headers.get("content-type") ?? "").includes("application/json")) return problem(415, "Send the body as application/json.");
  const text = await req.text();
  if (text.length > maxBytes) return problem(413, `The body is larger than ${maxBytes} bytes.`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return problem(400, "The body is not valid JSON.");
  }
}

/**
 * A route's query string checked against its schema: each parameter at most once, unknown ones named, every
 * problem answered 400 with what was wrong. `ignore` lists parameters a route tolerates but does not use
 * (e.g. a screen's page number on an export of all pages).
 */
export function parseQuery<T extends z.ZodRawShape>(req: Request, shape: T, ignore: readonly string[] = []): z.infer<z.ZodObject<T>> | Response {
  const url = new URL(req.url);
  const keys = [...url.searchParams.keys()].filter((k) => !ignore.includes(k));
  if (new Set(keys).size !== keys.length) return problem(400, "Each query parameter may appear once.");
  const parsed = z.strictObject(shape).safeParse(Object.fromEntries(keys.map((k) => [k, url.searchParams.get(k)])));
  if (parsed.success) return parsed.data;
  const accepted = Object.keys(shape).join(", ") || "none";
  return problem(
    400,
    parsed.error.issues
      .map((i) => (i.code === "unrecognized_keys" ? `Unknown parameter(s): ${i.keys.join(", ")}; accepted: ${accepted}.` : i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
      .join(" "),
  );
}
