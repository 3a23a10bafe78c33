import "server-only";
import { onHeartbeat } from "@/server/events/heartbeat";

// One event object is handed to every stream that may see it: serialise it once, not once per stream.
const serializedEvents = new WeakMap<object, string>();
function serialized(event: object): string {
  let text = serializedEvents.get(event);
  if (text === undefined) serializedEvents.set(event, (text = JSON.stringify(event)));
  return text;
}

/**
 * Server-sent events from an async source: `retry: 3000` first (EventSource reconnects after 3 s), each item as
 * `id`, `event` and JSON `data`, a comment line every 15 s so proxies keep an idle stream open, and the source
 * stopped as soon as the client goes away.
 */
export function sseResponse<T extends { type: string }>(signal: AbortSignal, source: (signal: AbortSignal) => AsyncIterable<T>): Response {
  const abort = new AbortController();
  signal.addEventListener("abort", () => abort.abort(), { once: true });
  const encoder = new TextEncoder();
  let stopHeartbeat: () => void = () => undefined;
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
      stopHeartbeat = onHeartbeat(() => send(": keep-alive\n\n")); // one shared timer for all streams
      let id = 0;
      try {
        for await (const event of source(abort.signal)) send(`id: ${++id}\nevent: ${event.type}\ndata: ${serialized(event)}\n\n`);
      } finally {
        stopHeartbeat();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      }
    },
    cancel() {
      stopHeartbeat();
      abort.abort();
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
}
