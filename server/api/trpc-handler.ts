import "server-only";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { runtime } from "@/server/api/runtime";
import { newRequestId } from "@/server/api/request-id";
import { authenticateRequest } from "@/server/api/request-auth";
import { assertBrowserWriteAllowed } from "@/server/api/csrf";
import { toTrpcError, type Context } from "@/server/api/trpc";
import { DISTRICT_HEADER } from "@/server/api/district-focus";
import { AppError } from "@/server/errors/app-error";
import { RETRY_AFTER_SECONDS } from "@/server/errors/classify";
import { withBodyLimited } from "@/server/api/body-limit";
import { logger } from "@/server/logger";
import { getDbLimiter } from "@/server/db/client";

/** No procedure takes more than a few kilobytes; a megabyte is a generous ceiling that a flood cannot pass. */
export const TRPC_MAX_BODY_BYTES = 1_000_000;

async function createContext(req: Request, requestId: string): Promise<Context> {
  const { db, replica, now } = runtime();
  try {
    // Reading the session is database work too: it queues with the rest (a full queue answers 503 "busy").
    const { user, credential } = await getDbLimiter().run(() => authenticateRequest(db, req, now()));
    if (credential === "session") assertBrowserWriteAllowed(req, "json");
    return { db, replica, user, now, requestId, district: req.headers.get(DISTRICT_HEADER) };
  } catch (error) {
    throw toTrpcError(error) ?? error;
  }
}

/** The /api/trpc endpoint: the same authentication, clock, error mapping and limits as the REST routes. */
export async function handleTrpc(req: Request): Promise<Response> {
  const requestId = newRequestId();
  let body: Request;
  try {
    body = await withBodyLimited(req, TRPC_MAX_BODY_BYTES);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return Response.json({ error: error.message, ...error.detail(requestId) }, { status: error.status, headers: { "x-request-id": requestId } });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: body,
    router: appRouter,
    createContext: () => createContext(body, requestId),
    responseMeta({ errors }) {
      const headers: Record<string, string> = { "cache-control": "no-store", "x-request-id": requestId };
      const retryable = errors.find((e) => e.code === "SERVICE_UNAVAILABLE" || e.code === "TOO_MANY_REQUESTS");
      if (retryable) headers["retry-after"] = String((retryable.cause as AppError | undefined)?.retryAfterSeconds ?? RETRY_AFTER_SECONDS);
      return { headers };
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") logger.error({ err: error.cause ?? error, path, requestId }, "tRPC procedure failed");
      // "busy" is load, counted by the queue (and shown by /api/health): a log line per refusal would add to it.
      else if (error.code === "SERVICE_UNAVAILABLE" && (error.cause as AppError | undefined)?.key !== "busy") logger.warn({ err: error.cause ?? error, path, requestId }, "database unavailable");
    },
  });
}

