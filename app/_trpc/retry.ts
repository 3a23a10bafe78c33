/**
 * When the browser asks again (issue 13). A 503 "busy" (the server's database queue is full, or a query ran into its
 * statement timeout) or "database unavailable" is worth retrying several times, after the Retry-After the server
 * sent, with jitter so that many open pages do not all come back in the same second; a refusal (4xx) never is;
 * anything else a couple of times, as before (weak village networks).
 */
type ErrorLike = {
  data?: { code?: string; httpStatus?: number; params?: Record<string, unknown> } | null;
  meta?: { response?: { headers?: { get(name: string): string | null } } } | null;
};

export const BUSY_RETRIES = 6;
const DEFAULT_BUSY_SECONDS = 2;
const REFUSALS = new Set(["FORBIDDEN", "UNAUTHORIZED", "NOT_FOUND", "BAD_REQUEST"]);

export function isBusyError(error: unknown): boolean {
  const data = (error as ErrorLike | null)?.data;
  return data?.code === "SERVICE_UNAVAILABLE" || data?.httpStatus === 503;
}

/** The server's Retry-After (header, else the seconds the message names), in seconds. */
export function retryAfterSeconds(error: unknown): number | null {
  const e = error as ErrorLike | null;
  const header = Number(e?.meta?.response?.headers?.get("retry-after"));
  if (Number.isFinite(header) && header > 0) return header;
  const param = Number(e?.data?.params?.seconds);
  return Number.isFinite(param) && param > 0 ? param : null;
}

export function shouldRetry(failures: number, error: unknown): boolean {
  if (isBusyError(error)) return failures < BUSY_RETRIES;
  const code = (error as ErrorLike | null)?.data?.code;
  return failures < 2 && !(code && REFUSALS.has(code));
}

/** `random` is injectable for tests; 1–1.5 × Retry-After for busy, TanStack Query's own back-off otherwise. */
export function retryDelayMs(failures: number, error: unknown, random: () => number = Math.random): number {
  if (isBusyError(error)) return Math.round((retryAfterSeconds(error) ?? DEFAULT_BUSY_SECONDS) * 1000 * (1 + 0.5 * random()));
  return Math.min(1000 * 2 ** failures, 30_000);
}
