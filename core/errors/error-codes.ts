/**
 * The one vocabulary of refusals, shared by the server (which throws AppError with one of these codes) and the
 * browser (which translates the message key, never the English sentence). Browser-safe: no server imports.
 */
export const ERROR_CODES = [
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "LENGTH_REQUIRED",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "TOO_MANY_REQUESTS",
  "UNAVAILABLE",
  "INTERNAL",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LENGTH_REQUIRED: 411,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** Parameters of a message: interpolated into the catalogue's ICU text ({name}, plurals). */
export type ErrorParams = Record<string, string | number>;

/** What every error answer carries besides its English `error` sentence (REST body; tRPC `data`). */
export type ErrorDetail = { code: ErrorCode; key: string; params: ErrorParams; requestId?: string; issues?: IssueDetail[] };

/** One problem of an input: where, what (a message key or a validation code with its bounds), and the English. */
export type IssueDetail = { path: string; key?: string; params?: ErrorParams; code?: string; message: string };

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);
}
