import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Db } from "@/server/db/client";
import { scopeFor, type Scope } from "@/server/auth/scope";
import type { SessionUser } from "@/server/auth/current-user";
import type { Role } from "@/server/generated/prisma/enums";

export type Context = {
  db: Db;
  user: SessionUser | null;
  /** The clock, injectable so that tests can pin it. */
  now: () => Date;
};

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Live updates run over server-sent events; pings keep proxies and phone networks from closing an idle
  // stream, and a client that hears nothing for 30 s reconnects (and resynchronises) on its own.
  sse: { ping: { enabled: true, intervalMs: 10_000 }, client: { reconnectAfterInactivityMs: 30_000 } },
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? error.cause.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`) : null;
    return { ...shape, data: { ...shape.data, zodError } };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * The helpdesk role looks up one beneficiary at a time and may do nothing else. Rather than trust every
 * procedure to check roles, the base of every procedure refuses a helpdesk caller anything outside this
 * allow-list, before any input is read. Add to it only read-one procedures written for the helpdesk.
 */
const HELPDESK_ALLOWED_PATHS: ReadonlySet<string> = new Set(["me"]);
// "preferences.": the user's own interface language (the helpdesk counter works in Hindi).
const HELPDESK_ALLOWED_PREFIXES: readonly string[] = ["helpdesk.", "preferences."];
export const HELPDESK_FORBIDDEN_MESSAGE = "The helpdesk role can look up one beneficiary at a time; this needs another role.";

export function helpdeskMayCall(path: string): boolean {
  return HELPDESK_ALLOWED_PATHS.has(path) || HELPDESK_ALLOWED_PREFIXES.some((prefix) => path.startsWith(prefix));
}

const baseProcedure = t.procedure.use(({ ctx, path, next }) => {
  if (ctx.user?.role === "HELPDESK" && !helpdeskMayCall(path)) throw new TRPCError({ code: "FORBIDDEN", message: HELPDESK_FORBIDDEN_MESSAGE });
  return next();
});

export const publicProcedure = baseProcedure;

/**
 * Signed in; the caller's scope (deny by default) is on the context from here on. A helpdesk user gets the
 * empty scope here (and reaches only the allow-listed procedures above); the helpdesk service reads with its
 * own explicit scope (lookupScopeFor).
 */
export const authedProcedure = baseProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  const scope: Scope = scopeFor(ctx.user);
  if (scope.kind === "none" && ctx.user.role !== "HELPDESK") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Your account has no block or district assigned." });
  }
  return next({ ctx: { ...ctx, user: ctx.user, scope } });
});

export function roleProcedure(...roles: Role[]) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.user.role)) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow this." });
    }
    return next();
  });
}
