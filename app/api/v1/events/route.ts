/**
 * GET /api/v1/events — a text/event-stream of live changes for wall screens and other systems, with the same
 * auth and scope as /api/v1/backlog (Bearer token or session; a block user gets their block and the
 * district-wide events). `?block=NAME|slug` narrows the stream to one block (403 outside the caller's scope).
 * Each message: `id: n`, `event: <type>`, `data: {"type","block","blockId","at",...}`. The first message is
 * `sync` (refetch what you show); comment lines every 15 s keep idle connections open; `retry: 3000` tells
 * EventSource to reconnect after 3 s, and each reconnection starts with a `sync` again.
 */
import { z } from "zod";
import { authenticate, parseQuery } from "@/server/api/rest";
import { blockIdFromQuery } from "@/server/api/rest-block";
import { getEventBus } from "@/server/events/event-bus";
import { streamEvents } from "@/server/events/event-stream";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;
const QUERY = { block: z.string().trim().min(1, "block must not be empty").max(60).optional() };

export async function GET(req: Request) {
  const caller = await authenticate(req);
  if (caller instanceof Response) return caller;
  const { scope } = caller;

  const query = parseQuery(req, QUERY);
  if (query instanceof Response) return query;
  const blockId = await blockIdFromQuery(caller, query.block, "follow");
  if (blockId instanceof Response) return blockId;

  const abort = new AbortController();
  req.signal.addEventListener("abort", () => abort.abort(), { once: true });
  const encoder = new TextEncoder();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          abort.abort(); // the client went away
        }
      };
      send("retry: 3000\n\n");
      heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      let id = 0;
      try {
        for await (const event of streamEvents(getEventBus(), scope, abort.signal, blockId)) {
          send(`id: ${++id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        }
      } finally {
        clearInterval(heartbeat);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      }
    },
    cancel() {
      clearInterval(heartbeat);
      abort.abort();
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
}
