/**
 * One probe check against one target (issue 4). Never throws: every failure — bad URL, refused address, DNS,
 * TLS, timeout, oversized body — comes back as a CheckResult with a short reason, so the scheduler can record
 * it and move on.
 *
 * Decisions:
 * - Hard deadline: one timer aborts the request at `timeoutMs` and settles the result at the same moment,
 *   whatever the server (or a stuck DNS lookup, which cannot be aborted) does afterwards.
 * - Redirects are followed by hand, at most 5, each Location re-validated like the target itself. A redirect
 *   whose status is itself in `expectedStatus` is the answer and is not followed (a portal that is expected to
 *   send visitors to its login page).
 * - The body is read only when a keyword is set, and then at most 1 MB: a larger body is a failure
 *   ("response body over 1 MB") rather than a search of its first megabyte, because a 10 MB home page is
 *   itself unusable on a block's link. Without a keyword the body is cancelled once the headers are in.
 *   With HEAD there is no body, so the keyword is ignored (target validation should refuse that combination).
 * - `latencyMs` is the whole check: up to the final response's headers, plus the body read when a keyword is
 *   set. `ok` means "answered acceptably" (expected status, body within limits); slow and keyword-missing are
 *   separate flags on an ok result, which the state machine turns into DEGRADED.
 */
import { resolvedAddressAllowed, validateTargetUrl, type LookupFn } from "@/server/probes/target-url";

export type CheckTarget = {
  url: string;
  method: "GET" | "HEAD";
  expectedStatus: number[];
  keyword?: string | null;
  timeoutMs: number;
  slowMs: number;
};

export type CheckResult = {
  ok: boolean;
  slow: boolean;
  keywordMissing: boolean;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  checkedAt: Date;
};

export type CheckOptions = { now?: () => number; lookup?: LookupFn };

export const MAX_REDIRECTS = 5;
export const MAX_BODY_BYTES = 1024 * 1024;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = "TeekaMonitor-probe/1 (+uptime check)";

type Outcome = { statusCode: number | null; error: string | null; keywordMissing: boolean };

/** Thrown inside the check to end it with a reason; never escapes `runCheck`. */
class CheckFailure extends Error {
  constructor(
    readonly reason: string,
    readonly statusCode: number | null = null,
  ) {
    super(reason);
  }
}

export async function runCheck(target: CheckTarget, opts: CheckOptions = {}): Promise<CheckResult> {
  const now = opts.now ?? Date.now;
  const started = now();
  const checkedAt = new Date(started);
  const finish = (o: Outcome): CheckResult => {
    const latencyMs = Math.max(0, Math.round(now() - started));
    const ok = o.error === null;
    return { ok, slow: ok && latencyMs > target.slowMs, keywordMissing: ok && o.keywordMissing, statusCode: o.statusCode, latencyMs, error: o.error, checkedAt };
  };

  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeoutReason = `timed out after ${target.timeoutMs} ms`;
  const deadline = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new CheckFailure(timeoutReason));
      resolve({ statusCode: null, error: timeoutReason, keywordMissing: false });
    }, target.timeoutMs);
  });
  const work = probe(target, controller.signal, opts.lookup).catch(
    (err: unknown): Outcome => ({
      statusCode: err instanceof CheckFailure ? err.statusCode : null,
      error: err instanceof CheckFailure ? err.reason : describeFetchError(err),
      keywordMissing: false,
    }),
  );
  try {
    return finish(await Promise.race([work, deadline]));
  } finally {
    clearTimeout(timer);
    // Releases the connection (and any body still streaming) once the result is decided.
    controller.abort(new CheckFailure("done"));
  }
}

async function probe(target: CheckTarget, signal: AbortSignal, lookup: LookupFn | undefined): Promise<Outcome> {
  const first = validateTargetUrl(target.url);
  if (!first.ok) throw new CheckFailure(`invalid target: ${first.reason}`);
  let url = first.url;
  for (let hop = 0; ; hop++) {
    const dns = await resolvedAddressAllowed(url, lookup);
    if (!dns.ok) throw new CheckFailure(hop === 0 ? dns.reason : `redirect refused: ${dns.reason}`);
    // The overall timer owns cancellation; a late DNS answer must not start a request after the deadline.
    signal.throwIfAborted();
    const res = await fetch(url, {
      method: target.method,
      redirect: "manual",
      signal,
      cache: "no-store",
      headers: { "user-agent": USER_AGENT, accept: "text/html,*/*;q=0.8" },
    });
    const location = res.headers.get("location");
    if (REDIRECT_STATUSES.has(res.status) && location !== null && !target.expectedStatus.includes(res.status)) {
      discard(res);
      if (hop >= MAX_REDIRECTS) throw new CheckFailure("too many redirects", res.status);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new CheckFailure(`redirect to an invalid URL (HTTP ${res.status})`, res.status);
      }
      const verdict = validateTargetUrl(next.href);
      if (!verdict.ok) throw new CheckFailure(`redirect refused: ${verdict.reason}`, res.status);
      url = verdict.url;
      continue;
    }
    if (!target.expectedStatus.includes(res.status)) {
      discard(res);
      throw new CheckFailure(`HTTP ${res.status} (expected ${target.expectedStatus.join(", ")})`, res.status);
    }
    const keyword = target.keyword ?? "";
    if (keyword === "" || target.method === "HEAD" || res.body === null) {
      discard(res);
      return { statusCode: res.status, error: null, keywordMissing: false };
    }
    const declared = Number(res.headers.get("content-length") ?? "NaN");
    if (declared > MAX_BODY_BYTES) {
      discard(res);
      throw new CheckFailure("response body over 1 MB", res.status);
    }
    const body = await readCapped(res.body, MAX_BODY_BYTES);
    if (body === null) throw new CheckFailure("response body over 1 MB", res.status);
    const text = new TextDecoder().decode(body);
    return { statusCode: res.status, error: null, keywordMissing: !text.includes(keyword) };
  }
}

function discard(res: Response): void {
  res.body?.cancel().catch(() => undefined);
}

/**
 * Reads a stream up to `limit` bytes; null (and the stream cancelled) as soon as it goes over, so memory stays
 * at about `limit` plus one chunk whatever the server sends.
 */
export async function readCapped(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        reader.cancel().catch(() => undefined);
        return null;
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** Short reasons for the codes undici and Node's TLS layer put on `fetch failed`'s cause. */
const ERROR_REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset by the server",
  UND_ERR_SOCKET: "connection closed by the server",
  EPIPE: "connection closed by the server",
  ETIMEDOUT: "connection timed out",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  UND_ERR_HEADERS_TIMEOUT: "timed out waiting for response headers",
  UND_ERR_BODY_TIMEOUT: "timed out reading the response body",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ENOTFOUND: "DNS lookup failed: host not found",
  EAI_AGAIN: "DNS lookup failed: temporary failure",
  DEPTH_ZERO_SELF_SIGNED_CERT: "TLS: self-signed certificate",
  SELF_SIGNED_CERT_IN_CHAIN: "TLS: self-signed certificate in the chain",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "TLS: certificate issuer not trusted",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "TLS: certificate issuer not trusted",
  UNABLE_TO_GET_ISSUER_CERT: "TLS: certificate issuer not trusted",
  CERT_HAS_EXPIRED: "TLS: certificate expired",
  CERT_NOT_YET_VALID: "TLS: certificate not yet valid",
  CERT_REVOKED: "TLS: certificate revoked",
  ERR_TLS_CERT_ALTNAME_INVALID: "TLS: certificate does not match the host name",
  ERR_SSL_WRONG_VERSION_NUMBER: "TLS handshake failed (is the server speaking plain HTTP?)",
  EPROTO: "TLS handshake failed",
};

/** Walks the `cause` chain (and AggregateError's members, from happy-eyeballs connects) for a known code. */
export function describeFetchError(err: unknown): string {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  let innermost = "";
  while (queue.length > 0 && seen.size < 20) {
    const e = queue.shift();
    if (typeof e !== "object" || e === null || seen.has(e)) continue;
    seen.add(e);
    const code = "code" in e && typeof e.code === "string" ? e.code : "";
    const reason = ERROR_REASONS[code];
    if (reason) return reason;
    if (code.startsWith("HPE_")) return "invalid HTTP response";
    const message = e instanceof Error ? e.message : "";
    if (message === "bad port") return "port blocked by the HTTP client (fetch's bad-port list)";
    if (message && message !== "fetch failed") innermost = code ? `${code}: ${message}` : message;
    if ("cause" in e) queue.push(e.cause);
    if (e instanceof AggregateError) queue.push(...e.errors);
  }
  return (innermost || "request failed").slice(0, 200);
}
