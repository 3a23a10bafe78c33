import "server-only";
import { englishText, type ErrorKey } from "@/core/errors/english";
import { HTTP_STATUS, type ErrorCode, type ErrorDetail, type ErrorParams, type IssueDetail } from "@/core/errors/error-codes";

export { englishText, type ErrorKey };

/**
 * The one error type of the server. A service throws it with a code (what kind of refusal, hence the HTTP status)
 * and a message key with parameters (what to tell the person, in their language); each transport maps it once
 * (tRPC in server/api/trpc.ts, REST in server/api/rest/route.ts). Anything else thrown is a fault: the caller gets
 * a generic message with a request id, and only the server log gets the details.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly key: ErrorKey;
  readonly params: ErrorParams;
  /** For UNAVAILABLE and TOO_MANY_REQUESTS: when to try again (the Retry-After header). */
  readonly retryAfterSeconds?: number;
  /** Several problems at once (a form's fields), each with its own key or validation code, shown in its place. */
  readonly issues?: readonly IssueDetail[];

  constructor(
    code: ErrorCode,
    key: ErrorKey,
    params: ErrorParams = {},
    options: { retryAfterSeconds?: number; cause?: unknown; issues?: readonly FieldIssue[]; rawIssues?: readonly IssueDetail[] } = {},
  ) {
    super(englishText(key, params), { cause: options.cause });
    this.issues = options.rawIssues ?? options.issues?.map((i) => ({ ...i, message: englishText(i.key, i.params) }));
    this.name = "AppError";
    this.code = code;
    this.key = key;
    this.params = params;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }

  detail(requestId?: string): ErrorDetail {
    return {
      code: this.code,
      key: this.key,
      params: this.params,
      ...(this.issues ? { issues: [...this.issues] } : {}),
      ...(requestId ? { requestId } : {}),
    };
  }
}

export type FieldIssue = { path: string; key: ErrorKey; params: ErrorParams };

/** A refusal that lists several field problems; its sentence is theirs, joined. */
export function invalidFields(issues: readonly FieldIssue[]): AppError {
  return new AppError("BAD_REQUEST", "invalidInput", { issues: issues.map((i) => englishText(i.key, i.params)).join(" ") }, { issues });
}

export const badRequest = (key: ErrorKey, params?: ErrorParams) => new AppError("BAD_REQUEST", key, params);
export const notFound = (key: ErrorKey, params?: ErrorParams) => new AppError("NOT_FOUND", key, params);
export const forbidden = (key: ErrorKey = "notAllowed", params?: ErrorParams) => new AppError("FORBIDDEN", key, params);
export const conflict = (key: ErrorKey, params?: ErrorParams) => new AppError("CONFLICT", key, params);
