/**
 * A local stand-in for the national vaccination portal, for trying probes out offline and for tests
 * (`npm run portal-sim`). Each mode reproduces one way the real portal has failed or may fail.
 *
 * - up: 200 with a page that contains "CoWIN" (the keyword demo targets look for)
 * - slow: the same page after `slowDelayMs` (default 2.5 s)
 * - down: 503, what an overloaded gateway answers
 * - hang: accepts the connection and never answers
 * - wrong-status: 500. Chosen over a 302 because a redirect is followed by the checker and would test
 *   redirects instead; 500 stays distinct from down's 503 so logs tell the two apart
 * - big-body: 200 streaming 10 MB (chunked, no Content-Length, so the client has to count)
 * - redirect-loop: 302 to the same URL, for ever
 * - trickle: headers at once, then one byte per second for ever
 *
 * Control: `GET /__sim/mode` and `POST /__sim/mode` with `{"mode":"down"}` work in every mode.
 */
import http from "node:http";
import type { Socket } from "node:net";
import { z } from "zod";

export const SIM_MODES = ["up", "slow", "down", "hang", "wrong-status", "big-body", "redirect-loop", "trickle"] as const;
export type SimMode = (typeof SIM_MODES)[number];
export const ZSimMode = z.enum(SIM_MODES);

export const SIM_KEYWORD = "CoWIN";
export const BIG_BODY_BYTES = 10 * 1024 * 1024;
const CONTROL_PATH = "/__sim/mode";
const PAGE = `<!doctype html><html><head><title>${SIM_KEYWORD} (simulated)</title></head><body><h1>${SIM_KEYWORD} vaccinator portal</h1><p>Local simulator.</p></body></html>\n`;

export type SimulatorOptions = {
  port?: number;
  host?: string;
  mode?: SimMode;
  slowDelayMs?: number;
  onModeChange?: (change: { from: SimMode; to: SimMode; via: "api" | "http" }) => void;
};

export type PortalSimulator = {
  url: string;
  setMode(mode: SimMode): void;
  mode(): SimMode;
  close(): Promise<void>;
};

const ZModeBody = z.object({ mode: ZSimMode });

export async function startPortalSimulator(opts: SimulatorOptions = {}): Promise<PortalSimulator> {
  let mode: SimMode = opts.mode ?? "up";
  const slowDelayMs = opts.slowDelayMs ?? 2500;
  const sockets = new Set<Socket>();
  const change = (to: SimMode, via: "api" | "http") => {
    const from = mode;
    mode = to;
    if (from !== to) opts.onModeChange?.({ from, to, via });
  };

  const server = http.createServer((req, res) => {
    // Every per-request timer is tied to the response, so a client that gives up never leaves one running.
    const timers: NodeJS.Timeout[] = [];
    res.on("close", () => timers.forEach((t) => clearInterval(t)));
    const path = (req.url ?? "/").split("?")[0];
    if (path === CONTROL_PATH) return control(req, res);
    switch (mode) {
      case "up":
        return sendPage(res, req.method);
      case "slow":
        timers.push(setTimeout(() => sendPage(res, req.method), slowDelayMs));
        return;
      case "down":
        return sendText(res, 503, "Service Unavailable\n");
      case "wrong-status":
        return sendText(res, 500, "Internal Server Error\n");
      case "redirect-loop":
        res.writeHead(302, { location: req.url ?? "/", "content-length": "0" }).end();
        return;
      case "hang":
        return;
      case "big-body":
        return streamBigBody(res);
      case "trickle": {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.write(".");
        timers.push(setInterval(() => res.write("."), 1000));
        return;
      }
    }
  });

  function control(req: http.IncomingMessage, res: http.ServerResponse) {
    if (req.method === "GET") return sendJson(res, 200, { mode });
    if (req.method !== "POST") return sendJson(res, 405, { error: "use GET or POST" });
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      raw += chunk;
      if (raw.length > 4096) req.destroy();
    });
    req.on("end", () => {
      let parsed: ReturnType<typeof ZModeBody.safeParse>;
      try {
        parsed = ZModeBody.safeParse(JSON.parse(raw));
      } catch {
        return sendJson(res, 400, { error: "body must be JSON" });
      }
      if (!parsed.success) return sendJson(res, 400, { error: `mode must be one of: ${SIM_MODES.join(", ")}` });
      change(parsed.data.mode, "http");
      sendJson(res, 200, { mode });
    });
  }

  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("simulator did not bind a TCP port");
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;

  return {
    url: `http://${urlHost}:${address.port}/`,
    setMode: (m) => change(ZSimMode.parse(m), "api"),
    mode: () => mode,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // server.close only stops accepting; hanging and trickling sockets would keep it open for ever.
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function sendPage(res: http.ServerResponse, method: string | undefined) {
  const body = Buffer.from(PAGE);
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": String(body.length) });
  res.end(method === "HEAD" ? undefined : body);
}

function sendText(res: http.ServerResponse, status: number, text: string) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": String(Buffer.byteLength(text)) });
  res.end(text);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown) {
  const body = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) });
  res.end(body);
}

/** 10 MB in 64 KB chunks, honouring back-pressure so a client that stops reading stops the stream too. */
function streamBigBody(res: http.ServerResponse) {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  const chunk = Buffer.alloc(64 * 1024, "x");
  // The keyword comes first: a client that only searched the first bytes would wrongly call this page fine.
  res.write(PAGE);
  let sent = Buffer.byteLength(PAGE);
  const pump = () => {
    while (sent < BIG_BODY_BYTES && !res.destroyed) {
      const piece = chunk.subarray(0, Math.min(chunk.length, BIG_BODY_BYTES - sent));
      sent += piece.length;
      if (!res.write(piece)) return void res.once("drain", pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}
