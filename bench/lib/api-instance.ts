/**
 * One "app instance" for the live-events benchmark: a plain Node HTTP server that serves the product's own
 * route handlers (POST /api/v1/records/status, GET /api/v1/events, GET /api/v1/backlog, /api/trpc/*, GET /api/health;
 * also used by the load benchmark) with its own database pool and its own
 * LISTEN connection — the same code paths as `next start`, without building Next twice.
 * Run with the react-server condition so that `server-only` modules load outside Next:
 *   node --conditions=react-server --import tsx bench/lib/api-instance.ts <port>   (DATABASE_URL set)
 */
import http from "node:http";
import { Readable } from "node:stream";
import { POST as postStatus } from "@/app/api/v1/records/status/route";
import { GET as getEvents } from "@/app/api/v1/events/route";
import { GET as getBacklog } from "@/app/api/v1/backlog/route";
import { GET as getHealth } from "@/app/api/health/route";
import { handleTrpc } from "@/server/api/trpc-handler";
import { heartbeatCount } from "@/server/events/heartbeat";
import { getEventBus } from "@/server/events/event-bus";

const routes: Record<string, (req: Request) => Promise<Response>> = {
  "POST /api/v1/records/status": postStatus,
  "GET /api/v1/events": getEvents,
  "GET /api/v1/backlog": getBacklog,
  "GET /api/health": () => getHealth(),
};

const port = Number(process.argv[2]);
const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
  const handler = url.pathname.startsWith("/api/trpc/") ? handleTrpc : routes[`${req.method} ${url.pathname}`];
  if (!handler) {
    res.writeHead(404).end();
    return;
  }
  const abort = new AbortController();
  res.on("close", () => abort.abort());
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(url, {
    method: req.method,
    headers: req.headers as Record<string, string>,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    signal: abort.signal,
    duplex: "half",
  } as RequestInit);
  handler(request)
    .then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (!response.body) return void res.end();
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
      res.end();
    })
    .catch((err: unknown) => {
      console.error(err);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
});

await getEventBus().ready();
server.listen(port, "127.0.0.1", () => process.send?.("ready") ?? console.log(`listening on ${port}`));
process.on("SIGTERM", () => process.exit(0));
// The live-events benchmark asks for the instance's memory (after a full GC when run with --expose-gc) and fan-out counters.
process.on("message", (message) => {
  if (message !== "stats") return;
  (globalThis as { gc?: () => void }).gc?.();
  process.send?.({ type: "stats", memory: process.memoryUsage(), fanout: getEventBus().stats(), heartbeats: heartbeatCount() });
});
