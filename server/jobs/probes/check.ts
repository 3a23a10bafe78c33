/**
 * One probe check against one target (issue 4). Never throws: every failure — bad URL, refused address, DNS,
 * TLS, timeout, oversized body — comes back as a CheckResult with a short reason, so the scheduler can record
 * it and move on.
 *
 * Decisions:
 * - Hard deadline: one timer per check settles the result at `timeoutMs` and destroys whatever request of the
 *   check is still open, whatever the server (or a stuck DNS lookup, which cannot be aborted) does afterwards.
 * - Redirects are followed by hand, at most 5, each Location re-validated like the target itself. A redirect
 *   whose status is itself in `expectedStatus` is the answer and is not followed (a portal that is expected to
 *   send visitors to its login page).
 * - The body is read only when a keyword is set, and then at most 1 MB (after decompression): a larger body is
 *   a failure ("response body over 1 MB") rather than a search of its first megabyte, because a 10 MB home page
 *   is itself unusable on a block's link. With HEAD there is no body, so the keyword is ignored (target
 *   validation should refuse that combination).
 * - `latencyMs` is the whole check: up to the final response's headers, plus the body read when a keyword is
 *   set. `ok` means "answered acceptably" (expected status, body within limits); slow and keyword-missing are
 *   separate flags on an ok result, which the state machine turns into DEGRADED.
 *
 * Cost (the scheduler runs ~40 checks a second for 200 targets): `node:http`/`node:https` with shared keep-alive
 * agents instead of `fetch` (measured with `npm run bench:probes -- --micro`: ~85 µs of CPU per keyword check
 * against ~500 µs with fetch, its AbortSignal and the Error built on every success), plain-object outcomes and
 * one timer per check.
 * - Connections are reused per origin (keep-alive, LIFO). A body that is not needed is drained when small
 *   (≤ 64 KB) so its connection can be reused, else the connection is closed; a timed-out or over-limit
 *   request always has its socket destroyed, never returned to the pool.
 * - A reused connection the server had already closed (idle keep-alive timeout) fails with ECONNRESET before
 *   any answer; such a request is retried once on a fresh connection, as Node's documentation recommends,
 *   so a server's idle timeout never becomes a spurious failure.
 * - Addresses are resolved and validated at connect time (`guardedLookup`), so the address checked is the
 *   address connected to (no DNS-rebinding gap); a reused connection was validated when it was opened.
 */
import "server-only";
import http from "node:http";
import https from "node:https";
import zlib from "node:zlib";
import { guardedLookup, isRefusedLookup, validateTargetUrl, type LookupFn, type UrlVerdict } from "@/server/services/probes/target-url";

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

/** `lookup` replaces DNS (tests); its answers are validated like real ones, at connect time. */
export type CheckOptions = { now?: () => number; lookup?: LookupFn };

export const MAX_REDIRECTS = 5;
export const MAX_BODY_BYTES = 1024 * 1024;
/** A body the check does not need is drained up to this size to keep its connection; beyond, it is closed. */
export const DRAIN_LIMIT_BYTES = 64 * 1024;
/** Idle keep-alive connections are closed after this; below the 5 s default idle timeout of Node and nginx-ish servers. */
export const FREE_SOCKET_TIMEOUT_MS = 4000;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Statuses that never carry a body (fetch's "null body status"): ok without a keyword search. */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);
const USER_AGENT = "TeekaMonitor-probe/1 (+uptime check)";
const HEADERS = { "user-agent": USER_AGENT, accept: "text/html,*/*;q=0.8" };
/** Only when the body is read: then it is decoded, as fetch did, and the 1 MB limit applies to the decoded bytes. */
const HEADERS_READING_BODY = { ...HEADERS, "accept-encoding": "gzip, deflate, br" };

type Agents = { http: http.Agent; https: https.Agent };
let defaultAgents: Agents | null = null;
/** Agents per injected lookup (tests), so that a connection opened through one resolver is never reused by another. */
const agentsByLookup = new WeakMap<LookupFn, Agents>();

function agentsFor(lookup: LookupFn | undefined): Agents {
  if (lookup === undefined) return (defaultAgents ??= makeAgents(undefined));
  let agents = agentsByLookup.get(lookup);
  if (agents === undefined) {
    agents = makeAgents(lookup);
    agentsByLookup.set(lookup, agents);
  }
  return agents;
}

function makeAgents(lookup: LookupFn | undefined): Agents {
  const options = {
    keepAlive: true,
    // Per origin. Each target has at most one check in flight, so this only bounds many targets on one host.
    maxSockets: 128,
    // The checks of one scheduler slot start together, so one origin (a portal probed on many paths) may need a
    // dozen connections at once every slot; keeping fewer idle would close and reopen the extra ones each time.
    maxFreeSockets: 32,
    maxTotalSockets: 1024,
    scheduling: "lifo" as const,
    // For idle (pooled) connections: the agent closes them after this long. Active requests are bounded by the
    // check's own deadline.
    timeout: FREE_SOCKET_TIMEOUT_MS,
    lookup: guardedLookup(lookup),
  };
  return { http: new http.Agent(options), https: new https.Agent(options) };
}

/**
 * The verdict on a target URL is a pure function of the string and targets are checked every few seconds, so
 * it is kept (parsing a URL is a visible part of a check's cost). Bounded: cleared when it grows past 2,000
 * URLs. The URL objects are never modified.
 */
const targetVerdicts = new Map<string, UrlVerdict>();
function validatedTarget(raw: string): UrlVerdict {
  let verdict = targetVerdicts.get(raw);
  if (verdict === undefined) {
    verdict = validateTargetUrl(raw);
    if (targetVerdicts.size >= 2000) targetVerdicts.clear();
    targetVerdicts.set(raw, verdict);
  }
  return verdict;
}

export function runCheck(target: CheckTarget, opts: CheckOptions = {}): Promise<CheckResult> {
  return new Promise<CheckResult>((resolve) => {
    try {
      startCheck(target, opts, resolve);
    } catch (err) {
      // Not expected (every known failure is handled inside); keeps the "never throws" promise all the same.
      const at = (opts.now ?? Date.now)();
      resolve({ ok: false, slow: false, keywordMissing: false, statusCode: null, latencyMs: 0, error: describeFetchError(err), checkedAt: new Date(at) });
    }
  });
}

function startCheck(target: CheckTarget, opts: CheckOptions, resolve: (r: CheckResult) => void): void {
  const now = opts.now ?? Date.now;
  const started = now();
  const checkedAt = new Date(started);
  const keyword = target.keyword ?? "";
  const readsBody = keyword !== "" && target.method === "GET";
  const agents = agentsFor(opts.lookup);
  let settled = false;
  // Set once the URL is valid; `settle` may run before that (invalid target).
  let timer: ReturnType<typeof setTimeout> | undefined = undefined;
  /** Requests of this check not finished yet (the current one, and bodies still draining after a decision). */
  const open: http.ClientRequest[] = [];
  let url: URL;
  let hop = 0;
  let retried = false;

  const settle = (statusCode: number | null, error: string | null, keywordMissing: boolean) => {
    if (settled) return;
    settled = true;
    const latencyMs = Math.max(0, Math.round(now() - started));
    const ok = error === null;
    resolve({ ok, slow: ok && latencyMs > target.slowMs, keywordMissing: ok && keywordMissing, statusCode, latencyMs, error, checkedAt });
    if (open.length === 0) clearTimeout(timer);
  };

  const closed = (req: http.ClientRequest) => {
    const i = open.indexOf(req);
    if (i !== -1) open.splice(i, 1);
    if (settled && open.length === 0) clearTimeout(timer);
  };

  const first = validatedTarget(target.url);
  if (!first.ok) return settle(null, `invalid target: ${first.reason}`, false);
  url = first.url;

  timer = setTimeout(() => {
    settle(null, `timed out after ${target.timeoutMs} ms`, false);
    // A hung, trickling or draining request gives its socket up rather than return it to the pool.
    for (const req of open.splice(0)) req.destroy();
  }, target.timeoutMs);

  const send = () => {
    const secure = url.protocol === "https:";
    const host = url.hostname;
    let req: http.ClientRequest;
    try {
      req = (secure ? https : http).request({
        agent: secure ? agents.https : agents.http,
        hostname: host.charCodeAt(0) === 91 /* [ */ ? host.slice(1, -1) : host,
        port: url.port === "" ? undefined : Number(url.port),
        path: url.pathname + url.search,
        method: target.method,
        headers: readsBody ? HEADERS_READING_BODY : HEADERS,
      });
    } catch (err) {
      // Not expected for a validated URL; send() also runs from event handlers, where a throw would escape.
      return settle(null, describeFetchError(err), false);
    }
    open.push(req);
    let answered = false;
    req.on("close", () => closed(req));
    req.on("error", (err: NodeJS.ErrnoException) => {
      if (settled) return;
      if (!answered && !retried && req.reusedSocket && (err.code === "ECONNRESET" || err.code === "EPIPE")) {
        // The pooled connection was closed by the server while idle: one fresh try.
        retried = true;
        closed(req);
        send();
        return;
      }
      if (isRefusedLookup(err)) settle(null, hop === 0 ? err.probeReason : `redirect refused: ${err.probeReason}`, false);
      else settle(null, describeFetchError(err), false);
    });
    req.on("response", (res) => {
      answered = true;
      if (settled) return void req.destroy();
      onResponse(req, res);
    });
    req.end();
  };

  const onResponse = (req: http.ClientRequest, res: http.IncomingMessage) => {
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (REDIRECT_STATUSES.has(status) && location !== undefined && !target.expectedStatus.includes(status)) {
      release(req, res, status);
      if (hop >= MAX_REDIRECTS) return settle(status, "too many redirects", false);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        return settle(status, `redirect to an invalid URL (HTTP ${status})`, false);
      }
      const verdict = validateTargetUrl(next.href);
      if (!verdict.ok) return settle(status, `redirect refused: ${verdict.reason}`, false);
      url = verdict.url;
      hop += 1;
      retried = false;
      return send();
    }
    if (!target.expectedStatus.includes(status)) {
      release(req, res, status);
      return settle(status, `HTTP ${status} (expected ${target.expectedStatus.join(", ")})`, false);
    }
    if (!readsBody || NULL_BODY_STATUSES.has(status)) {
      settle(status, null, false);
      return release(req, res, status);
    }
    if (Number(res.headers["content-length"]) > MAX_BODY_BYTES) {
      req.destroy();
      return settle(status, "response body over 1 MB", false);
    }
    readBody(req, res, status);
  };

  /** Reads the (decoded) body up to MAX_BODY_BYTES and settles with the keyword verdict. */
  const readBody = (req: http.ClientRequest, res: http.IncomingMessage, status: number) => {
    const decoder = decoderFor(res.headers["content-encoding"]);
    const stream: NodeJS.ReadableStream = decoder ? res.pipe(decoder) : res;
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on("data", (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.destroy();
        decoder?.destroy();
        return settle(status, "response body over 1 MB", false);
      }
      chunks.push(chunk);
    });
    stream.on("end", () => {
      if (settled) return;
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      settle(status, null, body.indexOf(keyword) === -1);
    });
    if (decoder) {
      decoder.on("error", (err) => {
        req.destroy();
        settle(status, `invalid compressed body (${describeFetchError(err)})`, false);
      });
    }
    res.on("close", () => {
      if (!res.complete) settle(null, "connection closed by the server", false);
    });
  };

  send();
}

/**
 * Lets go of a response whose body is not needed: small bodies are drained so the connection goes back to the
 * pool, anything larger (or of unknown length that turns out larger) closes the connection.
 */
function release(req: http.ClientRequest, res: http.IncomingMessage, status: number): void {
  const declared = Number(res.headers["content-length"]);
  if (req.method === "HEAD" || NULL_BODY_STATUSES.has(status) || declared <= DRAIN_LIMIT_BYTES) {
    res.resume();
    return;
  }
  if (!Number.isNaN(declared)) {
    req.destroy();
    return;
  }
  let drained = 0;
  res.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) req.destroy();
  });
}

/** A decoder for the response's (single) Content-Encoding; null for identity, unknown or stacked codings (read as is). */
function decoderFor(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  if (encoding === undefined) return null;
  // Lenient flushing, like undici's: a body cut short still yields what was decoded.
  const lenient = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (encoding.trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return zlib.createGunzip(lenient);
    case "deflate":
      return zlib.createInflate(lenient);
    case "br":
      return zlib.createBrotliDecompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    default:
      return null;
  }
}

/**
 * (A web-stream helper from the fetch-based check; runCheck now reads node streams with the same limit inline.)
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

/** Short reasons for the codes Node's net, http and TLS layers (and undici, for `fetch` errors) put on errors. */
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

/**
 * Walks the `cause` chain (and AggregateError's members, from happy-eyeballs connects) for a known code. Named
 * for `fetch`'s nested errors; Node's http errors are the flat case.
 */
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
