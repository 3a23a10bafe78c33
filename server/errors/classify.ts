import "server-only";
import { AppError } from "@/server/errors/app-error";

/** How long a client should wait before trying again when the database is unreachable or saturated. */
export const RETRY_AFTER_SECONDS = 5;

// PostgreSQL SQLSTATEs and socket errors that mean "the database cannot serve this now", not "this request is
// wrong": connection exceptions (08…), shutting down / starting up (57P01–57P03), too many connections (53300).
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "57P01", "57P02", "57P03", "53300", "08000", "08001", "08003", "08004", "08006", "P1001", "P1002", "P1017", "P2024"]);
const UNREACHABLE_TEXT = /connection terminated|can't reach database|connect ECONNREFUSED|timeout exceeded when trying to connect|Connection refused|the database system is (shutting down|starting up)|too many clients|server closed the connection/i;
// 57014: the statement ran into statement_timeout (or was cancelled) — the database is overloaded, not broken.
const BUSY_CODES = new Set(["57014"]);

function* causes(error: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    yield current as Record<string, unknown>;
    // Prisma's driver adapter puts PostgreSQL's error under meta.driverAdapterError.cause (e.g. 57014 there).
    const next = current as { cause?: unknown; originalError?: unknown; meta?: { driverAdapterError?: unknown } };
    current = next.cause ?? next.originalError ?? next.meta?.driverAdapterError;
  }
}

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (const e of causes(error)) {
    for (const field of ["code", "errorCode", "originalCode"]) if (typeof e[field] === "string") codes.push(e[field]);
  }
  return codes;
}

/** Whether an error means the database is unreachable (so the answer is 503 "try again", not 500). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (codesOf(error).some((c) => UNREACHABLE_CODES.has(c))) return true;
  for (const e of causes(error)) if (typeof e.message === "string" && UNREACHABLE_TEXT.test(e.message)) return true;
  return false;
}

/**
 * An AppError as is; the database being down or overloaded as UNAVAILABLE with Retry-After; null for anything
 * else (a fault, answered 500 with a request id).
 */
export function classifyError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (codesOf(error).some((c) => BUSY_CODES.has(c))) return new AppError("UNAVAILABLE", "busy", { seconds: RETRY_AFTER_SECONDS }, { retryAfterSeconds: RETRY_AFTER_SECONDS, cause: error });
  if (isDatabaseUnavailable(error)) {
    return new AppError("UNAVAILABLE", "databaseUnavailable", { seconds: RETRY_AFTER_SECONDS }, { retryAfterSeconds: RETRY_AFTER_SECONDS, cause: error });
  }
  return null;
}
