import "server-only";
import { invalidateScope } from "@/server/services/read-models/read-model-cache";
import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Db } from "@/server/db/client";
import { scopeOf, type Scope } from "@/server/auth/scope";
import { can, type Capability } from "@/server/auth/policy";
import type { SessionUser } from "@/server/auth/current-user";
import { AppError, englishText } from "@/server/errors/app-error";
import { classifyError } from "@/server/errors/classify";
import { assertNoNul } from "@/server/api/input-guards";
import { focusScope } from "@/server/api/district-focus";
import { issueDetail, validationError } from "@/server/errors/zod-issues";
import type { ErrorCode, ErrorDetail } from "@/core/errors/error-codes";

export type Context = {
  db: Db;
  user: SessionUser | null;
  /** The clock, injectable so that tests can pin it. */
  now: () => Date;
  /** Ties the answer and the server's log lines about this request together. */
  requestId?: string;
  /** The district a state officer's page looks at (X-Teeka-District), narrowing the scope; see district-focus.ts. */
  district?: string | null;
};

export type Meta = { capability?: Capability };

const TRPC_CODE: Record<ErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  LENGTH_REQUIRED: "BAD_REQUEST",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

/** An AppError (or the database being down) as the TRPCError its code stands for; anything else unchanged. */
export function toTrpcError(error: unknown): TRPCError | null {
  const appError = classifyError(error instanceof TRPCError && !(error.cause instanceof ZodError) ? (error.cause ?? error) : error);
  return appError ? new TRPCError({ code: TRPC_CODE[appError.code], message: appError.message, cause: appError }) : null;
}

function detailOf(error: TRPCError, requestId: string | undefined): ErrorDetail | null {
  if (error.cause instanceof AppError) return error.cause.detail(requestId);
  if (error.cause instanceof ZodError) return validationError(error.cause).detail(requestId);
  return null;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    // Live updates run over server-sent events; pings keep proxies and phone networks from closing an idle
    // stream, and a client that hears nothing for 30 s reconnects (and resynchronises) on its own.
    sse: { ping: { enabled: true, intervalMs: 10_000 }, client: { reconnectAfterInactivityMs: 30_000 } },
    errorFormatter({ shape, error, ctx }) {
      const requestId = ctx?.requestId;
      const zodError = error.cause instanceof ZodError ? error.cause.issues.map((i) => { const d = issueDetail(i); return `${d.path}: ${d.message}`; }) : null;
      // A fault is not the caller's business: a generic sentence and the request id; the details are in the log.
      if (error.code === "INTERNAL_SERVER_ERROR") {
        const params = { requestId: requestId ?? "-" };
        return { message: englishText("internal", params), code: shape.code, data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, zodError: null, key: "internal", params, requestId } };
      }
      const { stack: _stack, ...data } = shape.data;
      void _stack;
      // data.code stays tRPC's own code (what the client's links and retries read); the key says the rest.
      return { ...shape, data: { ...data, zodError, ...(detailOf(error, requestId) ?? {}), code: shape.data.code } };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}

/** A subscription's stream with the same error mapping: its errors are thrown while it runs, after the middleware. */
async function* mappedStream(stream: AsyncIterable<unknown>): AsyncGenerator<unknown> {
  try {
    yield* stream;
  } catch (error) {
    throw toTrpcError(error) ?? error;
  }
}

/** One mapping of server errors for every procedure: AppError → its code; database down → 503; the rest → 500. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTrpcError(result.error);
    if (mapped) throw mapped;
    return result;
  }
  return isAsyncIterable(result.data) ? { ...result, data: mappedStream(result.data) } : result;
});

export const publicProcedure = t.procedure.use(mapErrors);

/** Refused before any input is read: not signed in, lacking the capability, or no scope at all. */
function authorize(capability: Capability) {
  return t.middleware(async ({ ctx, next }) => {
    const user = ctx.user;
    if (!user) throw new AppError("UNAUTHORIZED", "signInRequired");
    if (!can(user, capability)) throw new AppError("FORBIDDEN", user.role === "HELPDESK" ? "helpdeskOnly" : "notAllowed");
    const scope: Scope = await focusScope(ctx.db, await scopeOf(ctx.db, user), ctx.district);
    if (scope.kind === "none" && user.role !== "HELPDESK") throw new AppError("FORBIDDEN", "noScope");
    return next({ ctx: { ...ctx, user, scope } });
  });
}

/** After a mutation, this instance's read models of the caller's places are stale at once (other instances hear the NOTIFY). */
const invalidateAfterWrite = t.middleware(async ({ ctx, type, next }) => {
  try {
    return await next();
  } finally {
    if (type === "mutation" && "scope" in ctx) invalidateScope((ctx as { scope: Scope }).scope);
  }
});

/** Text with a NUL character can be stored nowhere (PostgreSQL refuses it): refused for every procedure, up front. */
const refuseNul = t.middleware(async ({ getRawInput, next }) => {
  assertNoNul(await getRawInput());
  return next();
});

/**
 * The builder of every procedure that needs a signed-in user: `authorized("records.mark").input(…).mutation(…)`.
 * The capability is kept in the procedure's meta, so tests can enumerate the router and check each one.
 */
export function authorized(capability: Capability) {
  return publicProcedure.meta({ capability }).use(authorize(capability)).use(refuseNul).use(invalidateAfterWrite);
}
