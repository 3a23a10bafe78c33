import "server-only";
/**
 * A caller's stream of live events, shared by the tRPC subscription and GET /api/v1/events. It starts with a
 * "sync" (refetch what you show: you may have missed changes while disconnected), then carries the events the
 * caller's scope allows, in order. Events that arrive faster than the client reads are queued up to a cap;
 * past it the queue is replaced by one "sync", so a stalled client costs bounded memory and still ends right.
 */
import type { Scope } from "@/server/auth/scope";
import type { EventBus } from "@/server/events/event-bus";
import type { StreamEvent } from "@/server/events/live-event";

const MAX_QUEUED = 500;

export async function* streamEvents(bus: EventBus, scope: Scope, signal: AbortSignal, onlyBlockId?: number): AsyncGenerator<StreamEvent> {
  let queue: StreamEvent[] = [];
  let wake: (() => void) | null = null;
  // The registry has already checked the event against this scope (once for every stream with the same key).
  const unsubscribe = bus.subscribe(scope, onlyBlockId, (event) => {
    if (queue.length >= MAX_QUEUED) queue = [syncEvent("too many events queued")];
    else queue.push(event);
    wake?.();
  });
  const onAbort = () => wake?.();
  signal.addEventListener("abort", onAbort);
  try {
    await Promise.race([bus.ready(), new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }))]);
    if (signal.aborted) return;
    yield syncEvent("connected");
    while (!signal.aborted) {
      if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const batch = queue;
      queue = [];
      for (const event of batch) {
        if (signal.aborted) return;
        yield event;
      }
    }
  } finally {
    unsubscribe();
    signal.removeEventListener("abort", onAbort);
  }
}

function syncEvent(reason: string): StreamEvent {
  return { type: "sync", stateId: null, districtId: null, blockId: null, block: null, at: new Date().toISOString(), reason };
}
