/**
 * runCheck against the local portal simulator and small ad-hoc servers, all on 127.0.0.1. No database: this
 * file lives in the integration project only because it opens sockets and takes a few seconds.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gzipSync } from "node:zlib";
import { DRAIN_LIMIT_BYTES, MAX_BODY_BYTES, describeFetchError, readCapped, runCheck, type CheckTarget } from "@/server/jobs/probes/check";
import { resolvedAddressAllowed } from "@/server/services/probes/target-url";
import { SIM_KEYWORD, startPortalSimulator, type PortalSimulator } from "@/scripts/lib/portal-simulator";
import { freePort } from "@/scripts/lib/free-port";

const SLOW_DELAY_MS = 1300;
let sim: PortalSimulator;
let healthy: PortalSimulator;

const target = (over: Partial<CheckTarget> = {}): CheckTarget => ({
  url: sim.url,
  method: "GET",
  expectedStatus: [200],
  keyword: null,
  timeoutMs: 3000,
  slowMs: 1000,
  ...over,
});

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

/** A one-route server for redirect cases the simulator has no mode for. */
async function startServer(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // After an aborted request undici opens one idle spare connection (closed by its 4 s keep-alive);
        // don't let it hold the test up.
        server.closeAllConnections();
      }),
  };
}

beforeAll(async () => {
  sim = await startPortalSimulator({ slowDelayMs: SLOW_DELAY_MS });
  healthy = await startPortalSimulator({ mode: "up" });
});
afterAll(async () => {
  await sim.close();
  await healthy.close();
});

describe("runCheck against the simulator", () => {
  it("up → ok, with the keyword found", async () => {
    sim.setMode("up");
    const r = await runCheck(target({ keyword: SIM_KEYWORD }));
    expect(r).toMatchObject({ ok: true, slow: false, keywordMissing: false, statusCode: 200, error: null });
    expect(r.latencyMs).toBeLessThan(1000);
  });

  it("up with HEAD → ok without reading a body", async () => {
    sim.setMode("up");
    expect(await runCheck(target({ method: "HEAD" }))).toMatchObject({ ok: true, statusCode: 200 });
  });

  it("keyword absent → ok but keywordMissing (DEGRADED, not DOWN)", async () => {
    sim.setMode("up");
    const r = await runCheck(target({ keyword: "Aarogya Setu" }));
    expect(r).toMatchObject({ ok: true, keywordMissing: true, statusCode: 200, error: null });
  });

  it("slow with slowMs=1000 → ok and slow", async () => {
    sim.setMode("slow");
    const r = await runCheck(target({ slowMs: 1000, timeoutMs: 5000 }));
    expect(r).toMatchObject({ ok: true, slow: true, statusCode: 200, error: null });
    expect(r.latencyMs).toBeGreaterThanOrEqual(SLOW_DELAY_MS - 50);
  });

  it("down → HTTP 503 (expected 200)", async () => {
    sim.setMode("down");
    const r = await runCheck(target());
    expect(r).toMatchObject({ ok: false, slow: false, keywordMissing: false, statusCode: 503, error: "HTTP 503 (expected 200)" });
  });

  it("wrong-status → HTTP 500, unless 500 is expected", async () => {
    sim.setMode("wrong-status");
    expect(await runCheck(target({ expectedStatus: [200, 204] }))).toMatchObject({ ok: false, statusCode: 500, error: "HTTP 500 (expected 200, 204)" });
    expect(await runCheck(target({ expectedStatus: [200, 500] }))).toMatchObject({ ok: true, statusCode: 500 });
  });

  it("hang with timeoutMs=800 → settles within ~1.2 s with a timeout error", async () => {
    sim.setMode("hang");
    const { value: r, ms } = await timed(() => runCheck(target({ timeoutMs: 800 })));
    expect(ms).toBeLessThan(1200);
    expect(ms).toBeGreaterThanOrEqual(790);
    expect(r).toMatchObject({ ok: false, statusCode: null, error: "timed out after 800 ms" });
    expect(r.latencyMs).toBeGreaterThanOrEqual(790);
  });

  it("trickle with a keyword → timeout while reading the body", async () => {
    sim.setMode("trickle");
    const { value: r, ms } = await timed(() => runCheck(target({ keyword: SIM_KEYWORD, timeoutMs: 1500 })));
    expect(ms).toBeLessThan(1900);
    expect(r).toMatchObject({ ok: false, error: "timed out after 1500 ms" });
  });

  it("trickle without a keyword → ok once the headers are in (the body is not awaited)", async () => {
    sim.setMode("trickle");
    const r = await runCheck(target({ timeoutMs: 1500 }));
    expect(r).toMatchObject({ ok: true, statusCode: 200 });
    expect(r.latencyMs).toBeLessThan(500);
  });

  it("big-body with a keyword → failure 'response body over 1 MB', although the keyword comes first", async () => {
    sim.setMode("big-body");
    const before = process.memoryUsage().arrayBuffers;
    const { value: r, ms } = await timed(() => runCheck(target({ keyword: SIM_KEYWORD, timeoutMs: 5000 })));
    expect(r).toMatchObject({ ok: false, statusCode: 200, error: "response body over 1 MB" });
    expect(ms).toBeLessThan(3000);
    // Loose bound (GC timing varies); the exact bound is checked on readCapped below.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(8 * 1024 * 1024);
  });

  it("redirect-loop → too many redirects", async () => {
    sim.setMode("redirect-loop");
    expect(await runCheck(target())).toMatchObject({ ok: false, statusCode: 302, error: "too many redirects" });
  });

  it("a hanging check does not delay a concurrent healthy one", async () => {
    sim.setMode("hang");
    const [hung, ok] = await Promise.all([
      runCheck(target({ timeoutMs: 1000 })),
      runCheck(target({ url: healthy.url, keyword: SIM_KEYWORD, timeoutMs: 1000 })),
    ]);
    expect(hung.error).toBe("timed out after 1000 ms");
    expect(ok).toMatchObject({ ok: true, error: null });
    expect(ok.latencyMs).toBeLessThan(300);
  });

  it("mode can be switched over HTTP", async () => {
    const post = await fetch(`${sim.url}__sim/mode`, { method: "POST", body: JSON.stringify({ mode: "down" }) });
    expect(await post.json()).toEqual({ mode: "down" });
    expect(sim.mode()).toBe("down");
    expect((await fetch(`${sim.url}__sim/mode`).then((r) => r.json())) as unknown).toEqual({ mode: "down" });
    const bad = await fetch(`${sim.url}__sim/mode`, { method: "POST", body: JSON.stringify({ mode: "sideways" }) });
    expect(bad.status).toBe(400);
    expect(sim.mode()).toBe("down");
  });
});

describe("runCheck: redirects, addresses and connection errors", () => {
  it("follows a relative redirect, and does not follow one whose status is expected", async () => {
    const s = await startServer((req, res) => {
      if (req.url === "/start") res.writeHead(302, { location: "/final" }).end();
      else res.writeHead(200, { "content-type": "text/html" }).end(`<p>${SIM_KEYWORD}</p>`);
    });
    try {
      expect(await runCheck(target({ url: `${s.url}/start`, keyword: SIM_KEYWORD }))).toMatchObject({ ok: true, statusCode: 200, keywordMissing: false });
      expect(await runCheck(target({ url: `${s.url}/start`, expectedStatus: [302] }))).toMatchObject({ ok: true, statusCode: 302 });
    } finally {
      await s.close();
    }
  });

  it("refuses a redirect to 169.254.169.254, literal or through DNS", async () => {
    const s = await startServer((req, res) => {
      const location = req.url === "/literal" ? "http://169.254.169.254/latest/meta-data/" : "http://evil.test/latest/meta-data/";
      res.writeHead(301, { location }).end();
    });
    const lookup = async () => [{ address: "169.254.169.254", family: 4 }];
    try {
      const literal = await runCheck(target({ url: `${s.url}/literal` }));
      expect(literal).toMatchObject({ ok: false, statusCode: 301, error: "redirect refused: cloud metadata address 169.254.169.254 is not allowed" });
      const named = await runCheck(target({ url: `${s.url}/named` }), { lookup });
      expect(named.error).toBe("redirect refused: evil.test resolves to 169.254.169.254: cloud metadata address 169.254.169.254 is not allowed");
    } finally {
      await s.close();
    }
  });

  it("refuses an invalid or forbidden target before any request", async () => {
    expect(await runCheck(target({ url: "ftp://127.0.0.1/" }))).toMatchObject({ ok: false, error: 'invalid target: scheme "ftp" is not allowed (http or https only)' });
    expect((await runCheck(target({ url: "http://[fe80::1]/" }))).error).toMatch(/^invalid target: link-local/);
  });

  it("connection refused and DNS failure → readable reasons", async () => {
    const closedPort = await freePort();
    expect(await runCheck(target({ url: `http://127.0.0.1:${closedPort}/` }))).toMatchObject({ ok: false, statusCode: null, error: "connection refused" });
    const lookup = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND portal.invalid"), { code: "ENOTFOUND" });
    };
    expect((await runCheck(target({ url: "http://portal.invalid/" }), { lookup })).error).toBe("DNS lookup failed: host portal.invalid not found");
  });

  it("a connection closed without an answer → readable reason", async () => {
    const s = await startServer((req) => req.socket.destroy());
    try {
      expect((await runCheck(target({ url: s.url }))).error).toMatch(/^connection (closed|reset) by the server$/);
    } finally {
      await s.close();
    }
  });

  it("a timed-out check closes its connection instead of leaking it", async () => {
    let serverSideClosed = false;
    const s = await startServer((req) => req.socket.once("close", () => (serverSideClosed = true)));
    try {
      expect((await runCheck(target({ url: s.url, timeoutMs: 300 }))).error).toBe("timed out after 300 ms");
      for (let i = 0; i < 20 && !serverSideClosed; i++) await new Promise((r) => setTimeout(r, 25));
      expect(serverSideClosed).toBe(true);
    } finally {
      await s.close();
    }
  });

  it("uses the injected clock for checkedAt and latency", async () => {
    sim.setMode("up");
    let t = Date.UTC(2021, 5, 21, 4, 30);
    const r = await runCheck(target(), { now: () => (t += 250) - 250 });
    expect(r.checkedAt.toISOString()).toBe("2021-06-21T04:30:00.000Z");
    expect(r.latencyMs).toBe(250);
  });
});

/** A one-route server that counts its connections and requests: the keep-alive pool is visible from there. */
async function countingServer(handler: http.RequestListener) {
  let connections = 0;
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    handler(req, res);
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connections: () => connections,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const page = (extra = "") => `<!doctype html><p>${SIM_KEYWORD} portal</p>${extra}`;

describe("runCheck: connections (keep-alive pool, connect-time address check)", () => {
  it("reuses one connection for consecutive checks, with and without a keyword, and sends the User-Agent", async () => {
    const agents: string[] = [];
    const s = await countingServer((req, res) => {
      agents.push(req.headers["user-agent"] ?? "");
      res.writeHead(200, { "content-type": "text/html" }).end(page());
    });
    try {
      for (let i = 0; i < 5; i++) {
        expect(await runCheck(target({ url: `${s.url}/?i=${i}`, keyword: i % 2 ? SIM_KEYWORD : null }))).toMatchObject({ ok: true, keywordMissing: false });
      }
      expect(await runCheck(target({ url: s.url, method: "HEAD" }))).toMatchObject({ ok: true, statusCode: 200 });
      expect(s.requests()).toBe(6);
      expect(s.connections()).toBe(1);
      expect(new Set(agents)).toEqual(new Set(["TeekaMonitor-probe/1 (+uptime check)"]));
    } finally {
      await s.close();
    }
  });

  it("retries once on a fresh connection when a reused one turns out closed (idle keep-alive race)", async () => {
    // The second request on any connection gets the connection destroyed without an answer: exactly what a
    // client sees when the server closed an idle connection just as the request went out.
    const perSocket = new WeakMap<object, number>();
    const s = await countingServer((req, res) => {
      const n = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, n);
      if (n > 1) return void req.socket.destroy();
      res.writeHead(200).end("ok");
    });
    try {
      expect(await runCheck(target({ url: s.url }))).toMatchObject({ ok: true });
      expect(await runCheck(target({ url: s.url }))).toMatchObject({ ok: true, error: null });
      expect(s.connections()).toBe(2);
      expect(s.requests()).toBe(3);
    } finally {
      await s.close();
    }
  });

  it("drains a small unneeded body to keep the connection, closes it for a large one", async () => {
    const s = await countingServer((req, res) => {
      const size = req.url === "/large" ? DRAIN_LIMIT_BYTES * 4 : 100;
      res.writeHead(200, { "content-length": String(size) }).end(Buffer.alloc(size, "x"));
    });
    try {
      for (let i = 0; i < 3; i++) expect(await runCheck(target({ url: `${s.url}/small` }))).toMatchObject({ ok: true });
      expect(s.connections()).toBe(1);
      for (let i = 0; i < 2; i++) expect(await runCheck(target({ url: `${s.url}/large` }))).toMatchObject({ ok: true });
      // The first large body closes the pooled connection, the second one the fresh one it had to open.
      expect(s.connections()).toBe(2);
      expect(await runCheck(target({ url: `${s.url}/small` }))).toMatchObject({ ok: true });
      expect(s.connections()).toBe(3);
    } finally {
      await s.close();
    }
  });

  it("reads a body of exactly 1 MB, fails one byte more (declared or not) and closes that connection", async () => {
    const s = await countingServer((req, res) => {
      const size = req.url === "/exact" ? MAX_BODY_BYTES : MAX_BODY_BYTES + 1;
      const body = Buffer.alloc(size, " ");
      body.write(SIM_KEYWORD, size - 10);
      if (req.url === "/chunked") res.writeHead(200).write(body, () => res.end());
      else res.writeHead(200, { "content-length": String(size) }).end(body);
    });
    try {
      expect(await runCheck(target({ url: `${s.url}/exact`, keyword: SIM_KEYWORD }))).toMatchObject({ ok: true, keywordMissing: false });
      expect(await runCheck(target({ url: `${s.url}/declared`, keyword: SIM_KEYWORD }))).toMatchObject({ ok: false, statusCode: 200, error: "response body over 1 MB" });
      expect(await runCheck(target({ url: `${s.url}/chunked`, keyword: SIM_KEYWORD }))).toMatchObject({ ok: false, statusCode: 200, error: "response body over 1 MB" });
      // Neither over-limit connection went back to the pool.
      expect(await runCheck(target({ url: `${s.url}/exact`, keyword: SIM_KEYWORD }))).toMatchObject({ ok: true });
      expect(s.connections()).toBe(3);
    } finally {
      await s.close();
    }
  });

  it("decodes a gzip body for the keyword (asking for it only when the body is read)", async () => {
    const asked: (string | undefined)[] = [];
    const s = await countingServer((req, res) => {
      asked.push(req.headers["accept-encoding"]);
      res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" }).end(gzipSync(page()));
    });
    try {
      expect(await runCheck(target({ url: s.url, keyword: SIM_KEYWORD }))).toMatchObject({ ok: true, keywordMissing: false });
      expect(await runCheck(target({ url: s.url, keyword: "absent" }))).toMatchObject({ ok: true, keywordMissing: true });
      expect(await runCheck(target({ url: s.url }))).toMatchObject({ ok: true });
      expect(asked).toEqual(["gzip, deflate, br", "gzip, deflate, br", undefined]);
    } finally {
      await s.close();
    }
  });

  it("checks the resolved address at connect time: a rebinding DNS answer cannot reach 169.254.169.254", async () => {
    const s = await countingServer((_req, res) => res.writeHead(200, { connection: "close" }).end(page()));
    let calls = 0;
    // A rebinding resolver: an allowed address first, the metadata address from then on.
    const rebinding = async () => [{ address: calls++ === 0 ? "127.0.0.1" : "169.254.169.254", family: 4 }];
    const url = `http://rebind.test:${s.port}/`;
    try {
      // Validation when the target is saved sees the allowed answer …
      expect(await resolvedAddressAllowed(new URL(url), rebinding)).toEqual({ ok: true });
      // … the check resolves again when it connects, and refuses what it gets.
      const r = await runCheck(target({ url }), { lookup: rebinding });
      expect(r).toMatchObject({ ok: false, statusCode: null, error: "rebind.test resolves to 169.254.169.254: cloud metadata address 169.254.169.254 is not allowed" });
      expect(s.connections()).toBe(0);
    } finally {
      await s.close();
    }
  });

  it("validates every new connection: allowed once, refused when the next connection resolves elsewhere", async () => {
    const s = await countingServer((_req, res) => res.writeHead(200, { connection: "close" }).end(page()));
    let calls = 0;
    const rebinding = async () => [{ address: calls++ === 0 ? "127.0.0.1" : "169.254.169.254", family: 4 }];
    const mixed = async () => [
      { address: "127.0.0.1", family: 4 },
      { address: "169.254.169.254", family: 4 },
    ];
    const url = `http://rebind.test:${s.port}/`;
    try {
      expect(await runCheck(target({ url, keyword: SIM_KEYWORD }), { lookup: rebinding })).toMatchObject({ ok: true, keywordMissing: false });
      // The server closed that connection, so the next check connects (and resolves) again.
      expect((await runCheck(target({ url }), { lookup: rebinding })).error).toMatch(/^rebind\.test resolves to 169\.254\.169\.254: cloud metadata/);
      // One refused address among several refuses the host: the socket may pick any of them.
      expect((await runCheck(target({ url }), { lookup: mixed })).error).toMatch(/^rebind\.test resolves to 169\.254\.169\.254/);
      expect(s.connections()).toBe(1);
    } finally {
      await s.close();
    }
  });
});

const TLS_FIXTURES = path.resolve(import.meta.dirname, "../fixtures/tls");

describe("runCheck over TLS", () => {
  it("a self-signed certificate → TLS failure reason", async () => {
    // A committed throwaway certificate (tests/fixtures/tls), so the test needs no openssl and never skips.
    const key = readFileSync(path.join(TLS_FIXTURES, "self-signed-key.pem"));
    const cert = readFileSync(path.join(TLS_FIXTURES, "self-signed-cert.pem"));
    const server = https.createServer({ key, cert }, (_req, res) => res.end(SIM_KEYWORD));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      expect(await runCheck(target({ url: `https://127.0.0.1:${port}/` }))).toMatchObject({ ok: false, statusCode: null, error: "TLS: self-signed certificate" });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("bounded reads and error descriptions", () => {
  it("readCapped stops pulling just past the limit of a 10 MB stream", async () => {
    let pulls = 0;
    const chunk = new Uint8Array(64 * 1024);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        if (pulls * chunk.length > 10 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    expect(await readCapped(stream, MAX_BODY_BYTES)).toBeNull();
    // 17 chunks of 64 KB cross 1 MB; the stream's one-chunk read-ahead may add one more pull.
    expect(pulls).toBeLessThanOrEqual(19);
  });

  it("readCapped returns a body at exactly the limit", async () => {
    const body = await readCapped(new Response(new Uint8Array(MAX_BODY_BYTES)).body!, MAX_BODY_BYTES);
    expect(body?.byteLength).toBe(MAX_BODY_BYTES);
  });

  it("describeFetchError finds codes inside AggregateError and maps TLS codes", () => {
    const refused = new TypeError("fetch failed", { cause: new AggregateError([Object.assign(new Error("connect ECONNREFUSED ::1:80"), { code: "ECONNREFUSED" })]) });
    expect(describeFetchError(refused)).toBe("connection refused");
    const expired = new TypeError("fetch failed", { cause: Object.assign(new Error("certificate has expired"), { code: "CERT_HAS_EXPIRED" }) });
    expect(describeFetchError(expired)).toBe("TLS: certificate expired");
    const altname = new TypeError("fetch failed", { cause: Object.assign(new Error("Hostname/IP does not match"), { code: "ERR_TLS_CERT_ALTNAME_INVALID" }) });
    expect(describeFetchError(altname)).toBe("TLS: certificate does not match the host name");
    expect(describeFetchError(new TypeError("fetch failed", { cause: new Error("something odd") }))).toBe("something odd");
    expect(describeFetchError("not an error")).toBe("request failed");
  });
});
