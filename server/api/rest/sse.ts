import "server-only";

const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events from an async source: `retry: 3000` first (EventSource reconnects after 3 s), each item as
 * `id`, `event` and JSON `data`, a comment line every 15 s so proxies keep an idle stream open, and the source
 * stopped as soon as the client goes away.
 */
export function sseResponse<T extends { type: string }>(signal: AbortSignal, source: (signal: AbortSignal) => AsyncIterable<T>): Response {
  const abort = new AbortController();
  signal.addEventListener("abort", () => abort.abort(), { once: true });
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
        for await (const event of source(abort.signal)) send(`id: ${++id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
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
